"""Issue 5's « Done when », told as one story on an office screen.

A member signs in through the sign-in form, shares a file for their organisation with a tag,
finds it through the tag filter and registers an ESS project holder they met. A member of another
organisation signs in and can open neither the file, its download nor the holder. A coordinator
signs in with a code from their authenticator app and moves that same holder along the pipeline
to « clôturé », with its outcome. axe finds no WCAG 2.1 A/AA violation on the sign-in page, the
extranet home, the resource form with its errors, the resource list, and the holder's pages.

Every click that leads to another page is followed by an `expect` on that page before anything
is read from it.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.extranet import EXTRANET_HOME, move_to, sign_in, sign_in_with_a_code

pytestmark = pytest.mark.browser


@pytest.fixture
def people(site_pages, private_storage):
    from tests.extranet.factories import CoordinatorFactory, MembershipFactory, activate_totp
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
    coordinator = CoordinatorFactory(
        email="coordination@example.org", first_name="Nadia", last_name="Benali"
    )
    return {
        "organisation": regie,
        "member": member,
        "other": other,
        "coordinator": coordinator,
        "secret": activate_totp(coordinator),
    }


def heading(page):
    return page.get_by_role("heading", level=1)


def test_a_member_shares_a_file_and_registers_a_holder_that_a_coordinator_closes(
    new_page, people, assert_no_axe_violations
):
    from django.urls import reverse

    from project_holders.models import ProjectHolder
    from resources.models import Resource
    from tests.core.factories import pdf_bytes

    # --- A member signs in through the sign-in form. -------------------------------------------
    page = new_page("desktop")
    page.goto("/compte/login/")
    expect(heading(page)).to_have_text("Espace membres : se connecter")
    assert_no_axe_violations(page)
    sign_in(page, people["member"])
    expect(heading(page)).to_have_text("Espace membres")
    expect(page.locator("body")).to_contain_text(
        "Mon organisation : Régie de quartier des Francs-Moisins"
    )
    assert_no_axe_violations(page)

    # --- They share a file for their organisation, with a tag. ---------------------------------
    page.get_by_role("link", name="Partager une ressource").first.click()
    expect(heading(page)).to_have_text("Partager une ressource")
    page.get_by_label("Titre").fill("Guide de la mobilité")
    page.get_by_label("Étiquettes").fill("mobilité, permis")
    page.get_by_label("Mon organisation uniquement").check()
    # Sent without a file nor a link: the errors are shown, what was typed is kept.
    page.get_by_role("button", name="Partager").click()
    expect(page.locator("body")).to_contain_text("Le formulaire contient des erreurs")
    expect(page.locator("body")).to_contain_text(
        "Choisissez un fichier à partager, ou indiquez un lien."
    )
    expect(page.get_by_label("Titre")).to_have_value("Guide de la mobilité")
    expect(page.get_by_label("Étiquettes")).to_have_value("mobilité, permis")
    assert_no_axe_violations(page)

    page.get_by_label("Fichier").set_input_files(
        {
            "name": "guide-mobilite.pdf",
            "mimeType": "application/pdf",
            "buffer": pdf_bytes("Mobilité"),
        }
    )
    page.get_by_role("button", name="Partager").click()
    expect(heading(page)).to_have_text("Guide de la mobilité")
    expect(page.locator("body")).to_contain_text("Ressource « Guide de la mobilité » partagée.")
    resource_url = page.url
    resource = Resource.objects.get(title="Guide de la mobilité")
    assert resource_url.endswith(resource.get_absolute_url())
    assert resource.organisation == people["organisation"]

    # --- They find it through the tag filter. --------------------------------------------------
    page.get_by_role("link", name="Retour aux ressources").click()
    expect(heading(page)).to_have_text("Ressources partagées")
    page.get_by_label("Étiquette", exact=True).select_option(label="mobilité")
    page.get_by_role("button", name="Voir les ressources").click()
    expect(page).to_have_url(re.compile(re.escape("tag=mobilit%C3%A9")))
    expect(page.locator("#resultats")).to_have_text("1 ressource")
    expect(page.get_by_role("link", name="Guide de la mobilité")).to_be_visible()
    assert_no_axe_violations(page)

    # --- They register a project holder they met. ----------------------------------------------
    page.get_by_role("link", name="Retour à l'espace membres").click()
    expect(page).to_have_url(EXTRANET_HOME)
    expect(heading(page)).to_have_text("Espace membres")
    page.get_by_role("link", name="Enregistrer un porteur de projet").click()
    expect(heading(page)).to_have_text("Enregistrer un porteur de projet")
    page.get_by_label("Nom de la personne").fill("Yacine Belkacem")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.locator("body")).to_contain_text("Le formulaire contient des erreurs")
    expect(page.get_by_label("Nom de la personne")).to_have_value("Yacine Belkacem")
    assert_no_axe_violations(page)

    page.get_by_label("Son téléphone").fill("06 45 12 33 90")
    page.get_by_label("Quartier où elle habite").select_option(label="Francs-Moisins (Saint-Denis)")
    page.get_by_label("Nom du projet").fill("Réparation de vélos solidaire")
    page.get_by_label("Étude", exact=True).check()
    page.get_by_label("Local").check()
    page.get_by_label("Oralement").check()
    page.get_by_label("La personne a entendu ou lu ce texte").check()
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(heading(page)).to_have_text("Yacine Belkacem")
    expect(page.locator("body")).to_contain_text("Yacine Belkacem est enregistré")
    expect(page.locator(".lead")).to_have_text("Reçu")
    holder_url = page.url
    holder = ProjectHolder.objects.get(name="Yacine Belkacem")
    assert holder_url.endswith(holder.get_absolute_url())
    assert holder.registered_by_organisation == people["organisation"]
    assert holder.stage == "etude"
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Retour aux porteurs de projet").click()
    expect(heading(page)).to_have_text("Porteurs de projets ESS")
    expect(page.get_by_role("link", name="Yacine Belkacem")).to_be_visible()
    assert_no_axe_violations(page)

    # --- A member of another organisation opens neither. ---------------------------------------
    other = new_page("desktop")
    sign_in(other, people["other"])
    expect(heading(other)).to_have_text("Espace membres")
    # Their home, listed to its end, shows neither.
    expect(other.locator("main")).to_contain_text("Aucune ressource pour l'instant.")
    expect(other.locator("main")).to_contain_text("Aucun porteur de projet suivi pour l'instant.")
    for url in [resource_url, reverse("resources:download", args=[resource.pk]), holder_url]:
        response = other.goto(url)
        assert response.status == 404, url
        expect(heading(other)).to_have_text("Cette page n'existe pas ou plus")
        expect(other.locator("main")).not_to_contain_text("Guide de la mobilité")
        expect(other.locator("main")).not_to_contain_text("Yacine Belkacem")
    other.goto("/extranet/ressources/")
    expect(other.locator("#resultats")).to_have_text("0 ressource")
    expect(other.locator("main")).not_to_contain_text("Guide de la mobilité")
    other.goto("/extranet/porteurs-de-projet/")
    expect(other.get_by_role("status")).to_have_text("0 porteur de projet")
    expect(other.locator("main")).not_to_contain_text("Yacine Belkacem")

    # --- A coordinator signs in with a code and moves that holder to « clôturé ». --------------
    coordinator = new_page("desktop")
    sign_in_with_a_code(
        coordinator, people["coordinator"], people["secret"], assert_no_axe_violations
    )
    # The home lists the open holders; this one is the member's.
    followed = coordinator.get_by_role("region", name="Porteurs de projet ESS suivis")
    followed.get_by_role("link", name="Yacine Belkacem").click()
    expect(heading(coordinator)).to_have_text("Yacine Belkacem")
    expect(coordinator).to_have_url(holder_url)

    move_to(coordinator, "Diagnostic")
    coordinator.get_by_role("link", name="Changer le statut").click()
    expect(heading(coordinator)).to_have_text("Statut : Yacine Belkacem")
    coordinator.get_by_label("Accompagné", exact=True).check()
    coordinator.get_by_label("Organisation qui accompagne").select_option(
        label="Régie de quartier des Francs-Moisins"
    )
    assert_no_axe_violations(coordinator)
    coordinator.get_by_role("button", name="Enregistrer le statut").click()
    expect(coordinator.locator("body")).to_contain_text("Statut enregistré : Accompagné.")

    move_to(coordinator, "Clôturé", outcome="Structure créée")
    expect(heading(coordinator)).to_have_text("Yacine Belkacem")
    expect(coordinator.locator(".lead")).to_have_text("Clôturé — Structure créée")
    expect(coordinator.locator("body")).to_contain_text("Régie de quartier des Francs-Moisins")
    assert_no_axe_violations(coordinator)

    coordinator.get_by_role("link", name="Historique").click()
    expect(heading(coordinator)).to_have_text(
        "Historique : Yacine Belkacem – Réparation de vélos solidaire"
    )
    expect(coordinator.locator("main")).to_contain_text("Clôturé")
    expect(coordinator.locator("main")).to_contain_text("Nadia Benali")
    assert_no_axe_violations(coordinator)

    holder.refresh_from_db()
    assert holder.status == "cloture"
    assert holder.outcome == "structure-creee"
    assert holder.accompanying_organisation == people["organisation"]
    assert holder.closed_on is not None
