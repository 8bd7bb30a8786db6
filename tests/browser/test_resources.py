"""A member shares a file with a tag and finds it through the tag filter; a member of another
organisation cannot open it; axe finds no WCAG 2.1 A/AA violation on the form with its errors
shown, on the list, nor on the resource's page."""

import re

import pytest
from django.conf import settings as django_settings
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def people(site_pages, private_storage):
    from tests.extranet.factories import MembershipFactory
    from tests.organisations.factories import OrganisationFactory

    regie = OrganisationFactory(name="Régie de quartier des Francs-Moisins", insertion=True)
    canal = OrganisationFactory(name="Entrepôts du Canal")
    member = MembershipFactory(
        organisation=regie, user__first_name="Karim", user__last_name="Traoré"
    ).user
    other = MembershipFactory(
        organisation=canal, user__first_name="Léa", user__last_name="Nguyen"
    ).user
    return {"member": member, "other": other}


def signed_in_page(new_page, live_server, user):
    """A page whose browser holds the session of `user` (as after allauth's sign-in)."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    page = new_page("desktop")
    page.context.add_cookies(
        [
            {
                "name": django_settings.SESSION_COOKIE_NAME,
                "value": client.cookies[django_settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return page


def test_a_member_shares_a_file_and_finds_it_by_its_tag(
    new_page, live_server, people, assert_no_axe_violations
):
    from resources.models import Resource
    from tests.core.factories import pdf_bytes

    page = signed_in_page(new_page, live_server, people["member"])
    page.goto("/extranet/ressources/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ressources partagées")
    page.get_by_role("link", name="Partager une ressource").click()

    # Sent without a file nor a link: errors next to the fields, what was typed kept.
    page.get_by_label("Titre").fill("Guide de la mobilité")
    page.get_by_label("Étiquettes").fill("mobilité, permis")
    page.get_by_label("Mon organisation uniquement").check()
    page.get_by_role("button", name="Partager").click()
    expect(page.locator("body")).to_contain_text("Le formulaire contient des erreurs")
    expect(page.locator("body")).to_contain_text(
        "Choisissez un fichier à partager, ou indiquez un lien."
    )
    assert page.get_by_label("Titre").input_value() == "Guide de la mobilité"
    assert page.get_by_label("Étiquettes").input_value() == "mobilité, permis"
    assert_no_axe_violations(page)

    page.get_by_label("Fichier").set_input_files(
        {
            "name": "guide-mobilite.pdf",
            "mimeType": "application/pdf",
            "buffer": pdf_bytes("Mobilité"),
        }
    )
    page.get_by_role("button", name="Partager").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Guide de la mobilité")
    expect(page.locator("body")).to_contain_text("Ressource « Guide de la mobilité » partagée.")
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Retour aux ressources").click()
    page.get_by_label("Étiquette", exact=True).select_option(label="mobilité")
    page.get_by_role("button", name="Voir les ressources").click()
    expect(page).to_have_url(re.compile(re.escape("tag=mobilit%C3%A9")))
    expect(page.get_by_role("link", name="Guide de la mobilité")).to_be_visible()
    assert_no_axe_violations(page)

    resource = Resource.objects.get()
    other = signed_in_page(new_page, live_server, people["other"])
    response = other.goto(f"/extranet/ressources/{resource.pk}/")
    assert response.status == 404
    response = other.goto(f"/extranet/ressources/{resource.pk}/telecharger/")
    assert response.status == 404
    other.goto("/extranet/ressources/")
    assert "Guide de la mobilité" not in other.content()
