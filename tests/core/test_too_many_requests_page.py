"""allauth's « too many requests » answer (status 429) is the site's own page, in the visitor's
language, not allauth's English one (issue 12). allauth renders `429.html` (templates/429.html)
when an action is over its ACCOUNT_RATE_LIMITS: here, a sixth password reset in a minute for one
address (reset_password: 5/m/key)."""

import pytest
from bs4 import BeautifulSoup

from tests.extranet.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def over_the_limit(client, url, email):
    for _request in range(5):
        assert client.post(url, {"email": email}).status_code == 302
    return client.post(url, {"email": email})


def test_the_sixth_password_reset_gets_the_sites_french_page(client):
    member = MembershipFactory().user

    response = over_the_limit(client, "/compte/password/reset/", member.email)

    assert response.status_code == 429
    page = BeautifulSoup(response.content, "html.parser")
    assert page.html["lang"] == "fr"
    assert page.h1.get_text(strip=True) == "Trop d'envois en peu de temps"
    assert "Attendez quelques minutes, puis réessayez." in page.get_text()
    # The site's layout, with its navigation, rather than allauth's bare English page.
    assert page.select_one("header") is not None
    assert "Too Many Requests" not in response.content.decode()


def test_under_en_the_page_is_in_english(client):
    member = MembershipFactory().user

    response = over_the_limit(client, "/en/compte/password/reset/", member.email)

    assert response.status_code == 429
    page = BeautifulSoup(response.content, "html.parser")
    assert page.html["lang"] == "en"
    assert page.h1.get_text(strip=True) == "Too many submissions in a short time"
