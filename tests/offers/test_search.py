"""The site search (/recherche/) finds current offers by what residents type, and nothing closed."""

import pytest
from bs4 import BeautifulSoup
from django.test import TestCase
from django.urls import reverse

from tests.core.factories import SiteSettingsFactory
from tests.home.factories import create_site
from tests.offers.factories import BranchPageFactory, OfferPageFactory
from tests.reference.factories import SectorFactory, TradeFactory

SEARCH_URL = reverse("search:results")


def result_titles(response):
    html = BeautifulSoup(response.content, "html.parser")
    return [link.get_text(strip=True) for link in html.select("ol.results a")]


class TestOffersInTheSiteSearch(TestCase):
    @classmethod
    def setUpTestData(cls):
        create_site()
        SiteSettingsFactory()
        cleaning = TradeFactory(nettoyage=True)
        place = {"trade": cleaning, "commune": "Aubervilliers", "postal_code": "93300"}
        cls.current = OfferPageFactory(title="Agent d'entretien (H/F)", **place)
        OfferPageFactory(title="Agent d'entretien de bureaux (H/F)", filled=True, **place)
        OfferPageFactory(title="Agent d'entretien du soir (H/F)", expired=True, **place)
        OfferPageFactory(title="Agent d'entretien de nuit (H/F)", closed_by_cron=True, **place)
        OfferPageFactory(title="Agent d'entretien du matin (H/F)", draft=True, **place)
        # Another trade, another town: must not come up for the searches above.
        OfferPageFactory(title="Préparateur de commandes (H/F)", commune="Saint-Denis")

    def search(self, query):
        response = self.client.get(SEARCH_URL, {"q": query})
        assert response.status_code == 200
        return result_titles(response)

    def test_finds_a_current_offer_by_its_title(self):
        assert self.search("entretien") == ["Agent d'entretien (H/F)"]

    def test_finds_a_current_offer_by_its_trade(self):
        assert self.search("nettoyage") == ["Agent d'entretien (H/F)"]

    def test_finds_a_current_offer_by_its_commune(self):
        assert self.search("Aubervilliers") == ["Agent d'entretien (H/F)"]

    def test_the_result_links_to_the_offer(self):
        response = self.client.get(SEARCH_URL, {"q": "entretien"})

        html = BeautifulSoup(response.content, "html.parser")
        assert [link["href"] for link in html.select("ol.results a")] == [self.current.url]

    def test_finds_nothing_closed(self):
        # The words only in the titles of the filled offer, the ones past their date (before and
        # after the cron) and the draft.
        for word in ["bureaux", "soir", "nuit", "matin"]:
            assert self.search(word) == [], word


class TestBranchPagesInTheSiteSearch(TestCase):
    @classmethod
    def setUpTestData(cls):
        create_site()
        SiteSettingsFactory()
        BranchPageFactory(
            title="La propreté",
            sector=SectorFactory(proprete=True),
            introduction="Des équipes qui nettoient les bureaux, les écoles et les hôpitaux.",
        )

    def test_finds_a_branch_presentation_by_its_title_and_its_introduction(self):
        for query in ["propreté", "hôpitaux"]:
            response = self.client.get(SEARCH_URL, {"q": query})

            assert result_titles(response) == ["La propreté"], query


@pytest.mark.parametrize("query", ["entretien", "Aubervilliers"])
def test_an_offer_filled_after_being_found_disappears_from_the_search(client, db, query):
    create_site()
    offer = OfferPageFactory(
        title="Agent d'entretien (H/F)", commune="Aubervilliers", trade=TradeFactory(nettoyage=True)
    )
    assert result_titles(client.get(SEARCH_URL, {"q": query})) == ["Agent d'entretien (H/F)"]

    offer.filled = True
    offer.save_revision().publish()

    assert result_titles(client.get(SEARCH_URL, {"q": query})) == []
