"""A coordinator signs in with a code from their authenticator app and moves an ESS project
holder along the pipeline, from « reçu » to « clôturé » with its outcome; then writes an
announcement that members find on their home. axe finds no WCAG 2.1 A/AA violation on the
two-factor code page, the holder's page and status form, the announcement form with errors and
the extranet home with announcements."""

import pytest
from playwright.sync_api import expect

from tests.browser.extranet import move_to, sign_in_with_a_code

pytestmark = pytest.mark.browser


@pytest.fixture
def people(site_pages):
    from tests.extranet.factories import CoordinatorFactory, MembershipFactory, activate_totp
    from tests.organisations.factories import OrganisationFactory
    from tests.project_holders.factories import ProjectHolderFactory

    regie = OrganisationFactory(name="Régie de quartier des Francs-Moisins", insertion=True)
    member = MembershipFactory(
        organisation=regie, user__first_name="Karim", user__last_name="Traoré"
    ).user
    coordinator = CoordinatorFactory(
        email="coordination@example.org", first_name="Nadia", last_name="Benali"
    )
    holder = ProjectHolderFactory(
        name="Yacine Belkacem",
        project_name="Réparation de vélos solidaire",
        registered_by_organisation=regie,
    )
    return {
        "coordinator": coordinator,
        "secret": activate_totp(coordinator),
        "member": member,
        "holder": holder,
    }


def test_a_coordinator_signs_in_with_a_code_and_moves_a_holder_along_the_pipeline(
    new_page, people, assert_no_axe_violations
):
    page = new_page("desktop")
    sign_in_with_a_code(page, people["coordinator"], people["secret"], assert_no_axe_violations)

    page.goto(people["holder"].get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Yacine Belkacem")
    assert_no_axe_violations(page)

    move_to(page, "Diagnostic")
    move_to(page, "Accompagné")
    # Closing without saying how it ended is refused, with the reason next to the field.
    page.get_by_role("link", name="Changer le statut").click()
    page.get_by_label("Clôturé", exact=True).check()
    page.get_by_role("button", name="Enregistrer le statut").click()
    expect(page.locator("body")).to_contain_text(
        "Pour clôturer, dites comment le projet s'est terminé."
    )
    assert_no_axe_violations(page)
    page.get_by_label("Structure créée", exact=True).check()
    page.get_by_role("button", name="Enregistrer le statut").click()

    expect(page.locator("body")).to_contain_text("Statut enregistré : Clôturé.")
    assert "Structure créée" in page.locator(".lead").inner_text()
    assert_no_axe_violations(page)
    people["holder"].refresh_from_db()
    assert people["holder"].status == "cloture"
    assert people["holder"].outcome == "structure-creee"


def test_a_coordinator_announces_and_a_member_reads_it_on_their_home(
    new_page, people, assert_no_axe_violations
):
    from tests.extranet.factories import PASSWORD

    page = new_page("desktop")
    sign_in_with_a_code(page, people["coordinator"], people["secret"], assert_no_axe_violations)
    page.get_by_role("link", name="Écrire une annonce").first.click()

    page.get_by_label("Titre").fill("Rencontre collective de parrainage")
    page.get_by_label("Lien").fill("javascript:alert(1)")
    page.get_by_role("button", name="Publier l'annonce").click()
    expect(page.locator("body")).to_contain_text("Le formulaire contient des erreurs")
    assert page.get_by_label("Titre").input_value() == "Rencontre collective de parrainage"
    assert_no_axe_violations(page)

    page.get_by_label("Texte").fill("Jeudi à 14 h à la Plateforme.\nVenez avec vos filleuls.")
    page.get_by_label("Lien").fill("")
    page.get_by_role("button", name="Publier l'annonce").click()
    expect(page.locator("body")).to_contain_text("publiée sur l")

    member = new_page("desktop")
    member.goto("/compte/login/")
    member.get_by_label("E-mail").fill(people["member"].email)
    member.get_by_label("Mot de passe").fill(PASSWORD)
    member.get_by_role("button", name="Se connecter").click()
    announcement = member.get_by_role("article").filter(
        has=member.get_by_role("heading", name="Rencontre collective de parrainage")
    )
    assert "Venez avec vos filleuls." in announcement.inner_text()
    assert_no_axe_violations(member)
