"""Editors are told what is wrong beside the field to change, and an offer describes itself in one
sentence when shared (its meta description) without the editor writing one."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data

from offers.enums import ContractType, WorkingTime
from tests.offers.factories import BranchIndexPageFactory, OfferPageFactory
from tests.organisations.factories import OrganisationFactory, valid_siret
from tests.reference import test_choosers
from tests.reference.factories import TradeFactory

pytestmark = pytest.mark.django_db

# A signed-in superuser with two-factor set up, as in the choosers' tests.
superuser_client = test_choosers.superuser_client

NOW = datetime.datetime(2026, 3, 10, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))


def field_text(response, field_name):
    """The text of the admin form's block around one field: label, input, help, errors."""
    assert response.status_code == 200, response.status_code
    html = BeautifulSoup(response.content, "html.parser")
    wrapper = html.find(id=f"id_{field_name}").find_parent(attrs={"data-field-wrapper": True})
    return wrapper.get_text(" ", strip=True)


@time_machine.travel(NOW, tick=False)
def test_a_branch_presentation_dated_in_the_future_is_refused_beside_its_date(superuser_client):
    index = BranchIndexPageFactory()
    trade = TradeFactory(maconnerie=True)
    data = nested_form_data(
        {
            "title": "Le bâtiment",
            "slug": "batiment",
            "sector": trade.sector_id,
            "presented_on": "2026-04-02",
            "key_facts-count": 0,
            "brochures-count": 0,
        }
    )

    response = superuser_client.post(
        reverse("wagtailadmin_pages:add", args=["offers", "branchpage", index.pk]), data
    )

    assert "Cette date est à venir" in field_text(response, "presented_on")


ORGANISATION = {
    "name": "Entrepôts du Canal",
    "kind": "entreprise",
    "siret": "",
    "address": "",
    "commune": "",
    "description": "",
    "website": "",
    "contact_name": "",
    "contact_role": "",
    "contact_email": "",
    "contact_phone": "",
}


def test_a_directory_contact_without_email_or_phone_is_refused_beside_the_email(superuser_client):
    data = {**ORGANISATION, "directory_contact_shown": "on"}

    response = superuser_client.post(
        reverse("wagtailsnippets_organisations_organisation:add"), data
    )

    assert "indiquez un e-mail ou un téléphone" in field_text(response, "contact_email")


def test_a_siret_already_known_is_refused_beside_the_siret(superuser_client):
    OrganisationFactory(name="Entrepôts du Canal", siret=valid_siret(77))
    data = {**ORGANISATION, "name": "Les Entrepôts", "siret": valid_siret(77)}

    response = superuser_client.post(
        reverse("wagtailsnippets_organisations_organisation:add"), data
    )

    assert "Une organisation avec ce SIRET existe déjà." in field_text(response, "siret")


def test_an_offer_sums_itself_up_in_one_sentence():
    offer = OfferPageFactory(
        title="Agent d'entretien (H/F)",
        employer=OrganisationFactory(name="Net'Services 93", is_public=True),
        commune="Saint-Denis",
        contract_type=ContractType.CDD,
        duration="6 mois",
        working_time=WorkingTime.PART_TIME,
        search_description="",
        listing_summary="",
    )

    assert offer.summary == (
        "Agent d'entretien (H/F) chez Net'Services 93, à Saint-Denis : CDD à temps partiel."
    )


def test_an_offer_summary_fits_a_search_result_and_yields_to_the_editors():
    offer = OfferPageFactory(title="Préparateur de commandes " * 10, search_description="")

    assert len(offer.summary) <= 160
    offer.listing_summary = "Un poste au chaud, près du métro."
    assert offer.summary == "Un poste au chaud, près du métro."


def test_the_offer_page_describes_itself_to_search_engines(client):
    offer = OfferPageFactory(title="Cariste (H/F)", search_description="", listing_summary="")

    html = BeautifulSoup(client.get(offer.url).content, "html.parser")

    description = html.find("meta", attrs={"name": "description"})["content"]
    assert description.startswith("Cariste (H/F) chez ")
