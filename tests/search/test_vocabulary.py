"""The words search knows: those of the searchable pages, kept up to date, and PostgreSQL's
unaccented configuration that lets « preparateur » meet « préparateur »."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import TestCase
from django.urls import reverse

from tests.home.factories import create_site
from tests.offers.factories import OfferPageFactory
from tests.reference.factories import TradeFactory

SEARCH_URL = reverse("search:results")


def result_titles(response):
    html = BeautifulSoup(response.content, "html.parser")
    return [link.get_text(strip=True) for link in html.select("ol.results h2 a")]


class TestVocabulary(TestCase):
    @classmethod
    def setUpTestData(cls):
        create_site()
        cls.trade = TradeFactory(rome_code="N1101", label="Conduite d'engins")
        OfferPageFactory(title="Préparateur de commandes (H/F)")

    def test_a_new_offer_is_corrected_to_at_once(self):
        # A job no synonym names: only the pages' own words can correct « soudeu ».
        assert result_titles(self.client.get(SEARCH_URL, {"q": "soudeu"})) == []

        OfferPageFactory(title="Soudeur (H/F)", trade=self.trade)

        assert result_titles(self.client.get(SEARCH_URL, {"q": "soudeu"})) == ["Soudeur (H/F)"]

    def test_an_unpublished_offer_is_no_longer_found(self):
        offer = OfferPageFactory(title="Soudeur (H/F)", trade=self.trade)
        assert result_titles(self.client.get(SEARCH_URL, {"q": "soudeu"})) == ["Soudeur (H/F)"]

        offer.unpublish()

        response = self.client.get(SEARCH_URL, {"q": "soudeu"})
        assert BeautifulSoup(response.content, "html.parser").find(class_="empty-state")

    def test_a_filled_offer_is_not_found(self):
        OfferPageFactory(title="Cariste (H/F)", trade=self.trade, filled=True)

        assert result_titles(self.client.get(SEARCH_URL, {"q": "cariste"})) == []

    def test_a_word_no_page_holds_is_left_out_when_others_are_found(self):
        OfferPageFactory(title="Cariste (H/F)", trade=self.trade)

        assert result_titles(self.client.get(SEARCH_URL, {"q": "cariste zorglub"})) == [
            "Cariste (H/F)"
        ]
        assert result_titles(self.client.get(SEARCH_URL, {"q": "zorglub"})) == []

    def test_a_word_far_from_every_other_is_not_corrected(self):
        OfferPageFactory(
            title="Agent d'entretien (H/F)", description="<p>Vous nettoyez des bureaux.</p>"
        )

        # « entrepot » is not a misspelt « entretien »: no entretien offer for it.
        assert result_titles(self.client.get(SEARCH_URL, {"q": "entrepot"})) == [
            "Préparateur de commandes (H/F)"
        ]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's configuration")
def test_the_unaccented_french_configuration_folds_accents_then_stems(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT to_tsvector('french_unaccent', 'Préparateurs ÉLECTRICIENNE'),"
            " to_tsquery('french_unaccent', 'preparateur & electricienne')"
        )
        vector, query = cursor.fetchone()
        cursor.execute("SELECT %s::tsvector @@ %s::tsquery", [vector, query])
        assert cursor.fetchone() == (True,)
    assert "é" not in vector


@pytest.mark.django_db
def test_an_anonymous_employers_name_finds_none_of_its_offers(client):
    """Searching the name of an employer that asked to stay anonymous must not reveal which
    offers are theirs."""
    from tests.offers.factories import OfferPageFactory, create_site_with_advisers
    from tests.organisations.factories import OrganisationFactory

    create_site_with_advisers()
    zephyr = OrganisationFactory(name="Transports Zéphyr")
    OfferPageFactory(title="Agent de quai (H/F)", employer=zephyr)
    OfferPageFactory(title="Chauffeur livreur (H/F)", employer=zephyr, employer_is_anonymous=True)

    response = client.get("/recherche/", {"q": "zephyr"})

    text = response.content.decode()
    assert "Agent de quai" in text
    assert "Chauffeur livreur" not in text
