"""A resident's « Je porte un projet ESS » form shows its errors, keeps what was typed and thanks
them; axe finds no WCAG 2.1 A/AA violation on the form with its errors. A member registering a
holder, and another organisation unable to open it, are in test_member_journey.py."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_resident_sees_the_errors_of_the_public_form(
    new_page, site_pages, assert_no_axe_violations
):
    from tests.project_holders.factories import ProjectProposalPageFactory

    proposal = ProjectProposalPageFactory(parent=site_pages["home"])
    page = new_page("phone")
    page.goto(proposal.url)
    page.get_by_label("Votre nom").fill("Aminata Koné")
    page.get_by_label("Votre e-mail").fill("aminata@")
    page.get_by_role("button", name="Envoyer mon projet").click()

    expect(page.locator("body")).to_contain_text("erreurs dans le formulaire")
    assert page.get_by_label("Votre nom").input_value() == "Aminata Koné"
    assert_no_axe_violations(page)

    page.get_by_label("Votre e-mail").fill("aminata@example.org")
    page.get_by_label("Le nom de votre projet").fill("Traiteur des Francs-Moisins")
    page.get_by_label("J'accepte que le pôle").check()
    page.get_by_role("button", name="Envoyer mon projet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Merci, votre projet est bien envoyé")
