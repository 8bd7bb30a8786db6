"""« Je porte un projet ESS »: the public self-registration form."""

import re

import pytest
from django.core import mail
from django.test import Client, override_settings
from wagtail.models import Page

from project_holders.enums import ConsentMethod, HolderStatus
from project_holders.models import ProjectHolder, ProjectProposalPage
from tests.home.factories import create_site
from tests.project_holders.conftest import parse
from tests.project_holders.factories import ProjectProposalPageFactory
from tests.reference.factories import SectorFactory

pytestmark = pytest.mark.django_db

VALID = {
    "name": "Aminata Koné",
    "phone": "",
    "email": "Aminata@Example.org",
    "project_name": "Traiteur des Francs-Moisins",
    "project_description": "Des repas préparés par les habitantes pour les entreprises.",
    "stage": "etude",
    "legal_form": "scop",
    "needs": ["financement", "local"],
    "age_band": "26-44",
    "consent": "on",
}


@pytest.fixture
def page(db):
    home = create_site()
    return ProjectProposalPageFactory(parent=home)


@pytest.fixture
def send(client, django_capture_on_commit_callbacks):
    def post(page, **overrides):
        data = {**VALID, **overrides}
        data = {key: value for key, value in data.items() if value is not None}
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(page.url, data)

    return post


def test_the_page_is_indexed_and_the_same_for_everyone(client, page):
    # No form token (core.csrf): the page cache keeps it (tests/core/test_page_cache.py).
    response = client.get(page.url)

    assert response.status_code == 200
    assert 'name="csrfmiddlewaretoken"' not in response.content.decode()
    assert not response.cookies
    assert "X-Robots-Tag" not in response
    assert parse(response).select_one('meta[name="robots"]') is None
    assert "Le pôle vous accompagne gratuitement" in parse(response).get_text()


def test_a_proposal_arrives_to_qualify_with_no_organisation(client, send, page, coordinator):
    sector = SectorFactory()

    response = send(page, sector=sector.pk, consent_to_sharing="on")

    assert response.status_code == 303
    assert response["Location"] == page.url + "merci/"
    holder = ProjectHolder.objects.get()
    assert holder.status == HolderStatus.TO_QUALIFY
    assert holder.self_registered
    assert holder.registered_by_organisation is None
    assert holder.accompanying_organisation is None
    assert holder.email == "aminata@example.org"
    assert holder.needs == ["financement", "local"]
    assert holder.consent_method == ConsentMethod.ONLINE
    assert holder.consent_collected_by is None
    assert holder.consent_to_sharing
    assert "m'accompagner gratuitement" in holder.consent_text
    assert "présenté aux organisations membres" in holder.consent_text
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [coordinator.email]

    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert "votre projet est bien envoyé" in parse(thanks).h1.get_text()
    assert thanks["X-Robots-Tag"] == "noindex"


def test_errors_are_next_to_their_field_and_nothing_typed_is_lost(send, page):
    response = send(page, consent=None, email="aminata@", project_name="")

    assert response.status_code == 200
    assert not ProjectHolder.objects.exists()
    document = parse(response)
    assert "Cochez la case" in document.select_one(".form-check .form-field__error").get_text()
    assert "ne semble pas correcte" in document.select_one("#projet-email_error").get_text()
    assert "Donnez un nom au projet" in document.select_one("#projet-project_name_error").get_text()
    summary = [link["href"] for link in document.select(".error-summary a")]
    assert "#projet-email" in summary
    assert document.select_one("#projet-name")["value"] == "Aminata Koné"
    assert document.select_one("#projet-email")["value"] == "aminata@"
    description = document.select_one("#projet-project_description").get_text().strip()
    assert description.startswith("Des repas préparés")
    checked = [box["value"] for box in document.select("input[name=needs][checked]")]
    assert checked == ["financement", "local"]


def test_an_unknown_choice_is_an_error_not_a_crash(send, page):
    response = send(page, stage="<script>", needs=["fusée"], neighbourhood="abc", sector="999")

    assert response.status_code == 200
    assert not ProjectHolder.objects.exists()


def test_a_bot_filling_the_honeypot_sees_the_thanks_and_nothing_is_kept(send, page):
    response = send(page, website="http://spam.example")

    assert response.status_code == 303
    assert not ProjectHolder.objects.exists()
    assert mail.outbox == []


@override_settings(PUBLIC_FORM_RATE="2/h")
def test_too_many_proposals_are_refused_without_losing_what_was_typed(send, page):
    assert send(page).status_code == 303
    assert send(page).status_code == 303

    response = send(page, name="Troisième Essai")

    assert response.status_code == 429
    alert = parse(response).select_one(".form-alert").get_text(" ", strip=True)
    assert re.search(r"Attendez \d+ minutes?, puis envoyez à nouveau", alert)
    assert parse(response).select_one("#projet-name")["value"] == "Troisième Essai"
    assert ProjectHolder.objects.count() == 2


def test_the_form_is_accepted_from_the_site_only(page):
    """No token: the browser's word on where the POST comes from decides (core.csrf)."""
    browser = Client(enforce_csrf_checks=True)
    for headers in [{}, {"Origin": "https://attaquant.example"}, {"Sec-Fetch-Site": "cross-site"}]:
        assert browser.post(page.url, VALID, headers=headers).status_code == 403, headers
    assert not ProjectHolder.objects.exists()

    response = browser.post(page.url, VALID, headers={"Sec-Fetch-Site": "same-origin"})
    assert response.status_code == 303
    assert ProjectHolder.objects.count() == 1


def test_one_form_page_for_the_whole_site(page):
    from tests.home.factories import StandardPageFactory

    ess_page = StandardPageFactory(parent=page.get_parent(), title="Je porte un projet ESS")

    assert not ProjectProposalPage.can_create_at(page.get_parent().specific)
    assert not ProjectProposalPage.can_create_at(ess_page)
    assert not ProjectProposalPage.can_create_at(Page.objects.get(depth=1))


def test_the_form_page_is_in_the_sitemap(client, page):
    assert page.full_url in client.get("/sitemap.xml").content.decode()


def test_a_person_already_followed_gets_the_same_answer_as_anyone(client, send, page):
    """Issue 12: the public form must not tell a stranger that someone is known to the hub (the
    members' form says « déjà suivi », to members only). Guard: nothing to fix here, the form
    always answered this way."""
    from tests.project_holders.factories import ProjectHolderFactory

    ProjectHolderFactory(phone="06 12 34 56 78", email="aminata@example.org")
    newcomer = send(page, email="nouvelle@example.org")
    known = send(page, phone="06 12 34 56 78", email="Aminata@Example.org")

    assert known.status_code == newcomer.status_code == 303
    assert known["Location"] == newcomer["Location"] == page.url + "merci/"
    thanks = client.get(known["Location"])
    assert "déjà" not in parse(thanks).get_text()
