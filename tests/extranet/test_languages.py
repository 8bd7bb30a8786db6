"""The members' pages exist in every language of the site: /en/compte/login/, /ar/extranet/…
French, the hub's working language, stays the default, without a prefix."""

import pytest
from django.urls import reverse
from django.utils.translation import override

from tests.extranet.factories import PASSWORD, coordinators_group
from tests.extranet.pages import text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "heading", "direction"),
    [
        ("fr", "Espace membres : se connecter", "ltr"),
        ("en", "Members' area: log in", "ltr"),
        ("ar", "فضاء الأعضاء: الدخول", "rtl"),
    ],
)
def test_the_sign_in_page_in_each_language(client, language, heading, direction):
    with override(language):
        url = reverse("account_login")

    response = client.get(url)

    assert url == {"fr": "/compte/login/"}.get(language, f"/{language}/compte/login/")
    page = text(response)
    assert f'<html lang="{language}" dir="{direction}"' in page
    assert heading in page


def test_a_member_signs_in_in_arabic_and_stays_in_arabic(client, member):
    with override("ar"):
        login_url = reverse("account_login")

    response = client.post(login_url, {"login": member.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/ar/extranet/"
    home = text(client.get(response["Location"]))
    assert '<html lang="ar" dir="rtl"' in home
    assert "فضاء الأعضاء" in home


def test_two_factor_is_required_whatever_the_language(client, settings, member):
    settings.TWO_FACTOR_REQUIRED = True
    member.groups.add(coordinators_group())
    client.force_login(member)

    for prefix in ("", "/en", "/ar"):
        response = client.get(f"{prefix}/extranet/")
        assert response.status_code == 302
        assert "/compte/2fa/totp/activate/" in response["Location"]
