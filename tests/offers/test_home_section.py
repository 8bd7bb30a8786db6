"""The home page's « Dernières offres » section."""

from bs4 import BeautifulSoup
from django.test import TestCase

from offers.wagtail_hooks import LATEST_OFFERS_ON_HOME_PAGE
from tests.home.factories import get_home_page
from tests.offers.factories import (
    OfferPageFactory,
    days_ago,
    days_from_today,
    get_offer_index_page,
)


def latest_offers_section(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").find(
        "section", attrs={"aria-labelledby": "dernieres-offres"}
    )


class TestLatestOffersSection(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = get_home_page()
        cls.index = get_offer_index_page()
        cls.offers = [
            OfferPageFactory(
                title=f"Offre publiée il y a {days} jours", first_published_at=days_ago(days)
            )
            for days in [10, 2, 8, 4, 6]
        ]
        # Newer than all of them, but closed.
        OfferPageFactory(
            title="Offre expirée",
            first_published_at=days_ago(1),
            expiry_date=days_from_today(-1),
        )
        OfferPageFactory(title="Poste déjà pourvu", filled=True, first_published_at=days_ago(0))
        OfferPageFactory(title="Offre en brouillon", draft=True)

    def test_shows_the_newest_current_offers_as_cards(self):
        section = latest_offers_section(self.client.get(self.home.url))

        assert section.h2.get_text(strip=True) == "Dernières offres"
        titles = [link.get_text(strip=True) for link in section.select(".card__title a")]
        assert titles == [f"Offre publiée il y a {days} jours" for days in [2, 4, 6, 8]]
        assert len(titles) == LATEST_OFFERS_ON_HOME_PAGE

    def test_each_card_links_to_its_offer(self):
        section = latest_offers_section(self.client.get(self.home.url))

        offers_by_title = {offer.title: offer for offer in self.offers}
        for heading in section.select("h3.card__title"):
            link = heading.a
            assert link["href"] == offers_by_title[link.get_text(strip=True)].url

    def test_links_to_every_offer(self):
        section = latest_offers_section(self.client.get(self.home.url))

        link = section.find("a", string="Voir toutes les offres")
        assert link["href"] == self.index.url

    def test_no_section_without_current_offers(self):
        for offer in self.offers:
            offer.unpublish()

        assert latest_offers_section(self.client.get(self.home.url)) is None
