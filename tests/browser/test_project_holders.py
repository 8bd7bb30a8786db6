"""A member registers an ESS project holder they met; a member of another organisation cannot open
the record; a resident's « Je porte un projet ESS » form shows its errors. axe finds no WCAG 2.1
A/AA violation on the registration form with errors, the holder list, the holder page and the
public form with errors."""

import pytest
from playwright.sync_api import expect

from tests.browser.extranet import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def people(site_pages):
    from tests.extranet.factories import MembershipFactory
    from tests.organisations.factories import OrganisationFactory
    from tests.reference.factories import NeighbourhoodFactory

    NeighbourhoodFactory(name="Francs-Moisins")
    regie = OrganisationFactory(name="Régie de quartier des Francs-Moisins", insertion=True)
    canal = OrganisationFactory(name="Entrepôts du Canal")
    member = MembershipFactory(
        organisation=regie, user__first_name="Karim", user__last_name="Traoré"
    ).user
    other = MembershipFactory(
        organisation=canal, user__first_name="Léa", user__last_name="Nguyen"
    ).user
    return {"member": member, "other": other}


def test_a_member_registers_a_holder_that_another_organisation_cannot_open(
    new_page, people, assert_no_axe_violations
):
    page = new_page("desktop")
    sign_in(page, people["member"])
    page.goto("/extranet/porteurs-de-projet/")
    page.get_by_role("link", name="Enregistrer un porteur de projet").click()

    page.get_by_label("Nom de la personne").fill("Yacine Belkacem")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.locator("body")).to_contain_text("Le formulaire contient des erreurs")
    assert page.get_by_label("Nom de la personne").input_value() == "Yacine Belkacem"
    assert_no_axe_violations(page)

    page.get_by_label("Son téléphone").fill("06 45 12 33 90")
    page.get_by_label("Quartier où elle habite").select_option(index=1)
    page.get_by_label("Nom du projet").fill("Réparation de vélos solidaire")
    page.get_by_label("Local").check()
    page.get_by_label("Oralement").check()
    page.get_by_label("La personne a entendu ou lu ce texte").check()
    page.get_by_role("button", name="Enregistrer", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Yacine Belkacem")
    expect(page.locator("body")).to_contain_text("Yacine Belkacem est enregistré")
    expect(page.locator("body")).to_contain_text("quartier prioritaire")
    holder_url = page.url
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Retour aux porteurs de projet").click()
    expect(page.get_by_role("link", name="Yacine Belkacem")).to_be_visible()
    assert_no_axe_violations(page)

    other = new_page("phone")
    sign_in(other, people["other"])
    response = other.goto(holder_url)
    assert response.status == 404
    other.goto("/extranet/porteurs-de-projet/")
    assert "Yacine Belkacem" not in other.content()


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
