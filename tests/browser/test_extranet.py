"""A member signs in from the header's « Espace membres » link and lands on the extranet's home;
a member finds an organisation in the directory (without JavaScript) and an admin edits their
organisation's card. axe finds no WCAG 2.1 A/AA violation on the sign-in page (with its error
shown), the extranet's home, the invitation form with errors, the page where an invited person
creates an account, the directory, a directory card and the card form with errors."""

import re

import pytest
from playwright.sync_api import expect

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
    page.locator(".site-menu__toggle").click()
    page.get_by_role("link", name="Espace membres").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Espace membres : se connecter")

    page.get_by_label("E-mail").fill(admin.email)
    page.get_by_label("Mot de passe").fill("pas-le-bon-mot-de-passe")
    page.get_by_role("button", name="Se connecter").click()
    expect(page.locator("body")).to_contain_text(
        "L’adresse e-mail ou le mot de passe sont incorrects."
    )
    assert page.get_by_label("E-mail").input_value() == admin.email
    assert_no_axe_violations(page)

    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()

    expect(page).to_have_url(re.compile(re.escape("/extranet/") + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Espace membres")
    expect(page.locator("body")).to_contain_text(
        "Mon organisation : Régie de quartier des Francs-Moisins"
    )
    expect(page.locator("body")).to_contain_text("Karim Traoré")
    expect(page.locator("body")).to_contain_text("fatou@example.org")
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Inviter une personne").click()
    page.get_by_label("Adresse e-mail").fill("pas-une-adresse")
    page.get_by_role("button", name="Envoyer l'invitation").click()
    expect(page.locator("body")).to_contain_text("Le formulaire contient des erreurs")
    assert_no_axe_violations(page)


def test_an_invited_person_creates_their_account(new_page, people, assert_no_axe_violations):
    from django.urls import reverse

    invitation = people["invitation"]
    page = new_page("desktop")
    page.goto(reverse("extranet:accept_invitation", kwargs={"token": invitation.token}))
    page.get_by_role("button", name="Créer mon compte").click()
    expect(page.locator("body")).to_contain_text("Le formulaire contient des erreurs")
    assert_no_axe_violations(page)

    page.get_by_label("Prénom").fill("Fatou")
    page.get_by_label("Nom (obligatoire)", exact=True).fill("Diallo")
    page.get_by_label("Mot de passe (obligatoire)", exact=True).fill("des-quartiers-qui-recrutent")
    page.get_by_label("Le même mot de passe").fill("des-quartiers-qui-recrutent")
    page.get_by_role("button", name="Créer mon compte").click()

    expect(page).to_have_url(re.compile(re.escape("/extranet/") + "$"))
    expect(page.locator("body")).to_contain_text("Bienvenue Fatou : votre compte est créé.")


def test_a_member_finds_an_organisation_in_the_directory_and_an_admin_edits_its_card(
    new_page, people, assert_no_axe_violations
):
    from tests.extranet.factories import PASSWORD, MembershipFactory
    from tests.organisations.factories import OrganisationFactory

    OrganisationFactory(
        name="Entrepôts du Canal",
        contact_name="Julien Moreau",
        contact_role="Responsable du recrutement",
        contact_email="recrutement@entrepots-canal.example",
        directory_contact_shown=True,
    )
    OrganisationFactory(name="Mission locale Objectif Emploi", association=True)
    member = MembershipFactory(
        organisation=people["organisation"], user__first_name="Léa", user__last_name="Nguyen"
    ).user

    # Without JavaScript: the search is a plain form.
    page = new_page("desktop", javascript=False)
    page.goto("/compte/login/")
    page.get_by_label("E-mail").fill(member.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("link", name="Ouvrir l'annuaire des membres").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Annuaire des membres")
    page.get_by_label("Nom de l'organisation").fill("canal")
    page.get_by_role("button", name="Voir les organisations").click()
    expect(page.get_by_role("heading", level=2).first).to_contain_text("1 organisation")
    expect(page.locator("body")).to_contain_text("Julien Moreau")
    assert "Mission locale" not in page.content()
    page.get_by_role("link", name="Entrepôts du Canal").click()
    expect(page.get_by_role("link", name="recrutement@entrepots-canal.example")).to_be_visible()
    # axe runs in the page: the same pages with JavaScript on (the session is the other's).
    checked = new_page("desktop")
    checked.context.add_cookies(page.context.cookies())
    checked.goto(page.url)
    assert_no_axe_violations(checked)
    checked.get_by_role("link", name="Retour à l'annuaire").click()
    assert_no_axe_violations(checked)

    admin = new_page("desktop")
    admin.goto("/compte/login/")
    admin.get_by_label("E-mail").fill(people["admin"].email)
    admin.get_by_label("Mot de passe").fill(PASSWORD)
    admin.get_by_role("button", name="Se connecter").click()
    admin.get_by_role("link", name="Choisir le contact affiché dans l'annuaire").click()
    admin.get_by_label("Nom de la personne à contacter").fill("Samia Haddad")
    admin.get_by_label("Téléphone de contact").fill("12 34")
    admin.get_by_label("Afficher ce contact dans l'annuaire des membres").check()
    admin.get_by_role("button", name="Enregistrer la fiche").click()
    expect(admin.locator("body")).to_contain_text("Le formulaire contient des erreurs")
    assert_no_axe_violations(admin)

    admin.get_by_label("Téléphone de contact").fill("01 99 00 12 08")
    admin.get_by_role("button", name="Enregistrer la fiche").click()
    expect(admin.locator("body")).to_contain_text("son contact figure dans l")
    assert admin.get_by_role("link", name="01 99 00 12 08").is_visible()
