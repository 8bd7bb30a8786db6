"""A member signs in from the header's « Espace membres » link and lands on the extranet's home;
axe finds no WCAG 2.1 A/AA violation on the sign-in page (with its error shown), the extranet's
home, the invitation form with errors and the page where an invited person creates an account."""

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def people(site_pages):
    from tests.extranet.factories import InvitationFactory, MembershipFactory
    from tests.organisations.factories import OrganisationFactory

    regie = OrganisationFactory(name="Régie de quartier des Francs-Moisins", insertion=True)
    admin = MembershipFactory(
        organisation=regie, admin=True, user__first_name="Samia", user__last_name="Haddad"
    ).user
    MembershipFactory(organisation=regie, user__first_name="Karim", user__last_name="Traoré")
    invitation = InvitationFactory(organisation=regie, email="fatou@example.org")
    return {"organisation": regie, "admin": admin, "invitation": invitation}


def test_a_member_signs_in_and_lands_on_the_extranet_home(
    new_page, people, assert_no_axe_violations
):
    from tests.extranet.factories import PASSWORD

    admin = people["admin"]
    page = new_page("phone")
    page.goto("/")
    page.get_by_role("link", name="Espace membres").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Espace membres : se connecter"

    page.get_by_label("E-mail").fill(admin.email)
    page.get_by_label("Mot de passe").fill("pas-le-bon-mot-de-passe")
    page.get_by_role("button", name="Se connecter").click()
    assert "L’adresse e-mail ou le mot de passe sont incorrects." in page.content()
    assert page.get_by_label("E-mail").input_value() == admin.email
    assert_no_axe_violations(page)

    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()

    assert page.url.endswith("/extranet/")
    assert page.get_by_role("heading", level=1).inner_text() == "Espace membres"
    assert "Mon organisation : Régie de quartier des Francs-Moisins" in page.content()
    assert "Karim Traoré" in page.content()
    assert "fatou@example.org" in page.content()
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Inviter une personne").click()
    page.get_by_label("Adresse e-mail").fill("pas-une-adresse")
    page.get_by_role("button", name="Envoyer l'invitation").click()
    assert "Le formulaire contient des erreurs" in page.content()
    assert_no_axe_violations(page)


def test_an_invited_person_creates_their_account(new_page, people, assert_no_axe_violations):
    from django.urls import reverse

    invitation = people["invitation"]
    page = new_page("desktop")
    page.goto(reverse("extranet:accept_invitation", kwargs={"token": invitation.token}))
    page.get_by_role("button", name="Créer mon compte").click()
    assert "Le formulaire contient des erreurs" in page.content()
    assert_no_axe_violations(page)

    page.get_by_label("Prénom").fill("Fatou")
    page.get_by_label("Nom (obligatoire)", exact=True).fill("Diallo")
    page.get_by_label("Mot de passe (obligatoire)", exact=True).fill("des-quartiers-qui-recrutent")
    page.get_by_label("Le même mot de passe").fill("des-quartiers-qui-recrutent")
    page.get_by_role("button", name="Créer mon compte").click()

    assert page.url.endswith("/extranet/")
    assert "Bienvenue Fatou : votre compte est créé." in page.content()
