"""The Atom feed of current offers at /offres/flux/, with the listing's filters."""

import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from offers.feeds import FEED_LENGTH
from reference.models import Trade
from tests.offers.factories import (
    OfferPageFactory,
    create_offers_in_bulk,
    days_ago,
    days_from_today,
    get_offer_index_page,
)
from tests.reference.factories import NeighbourhoodFactory, TradeFactory

ATOM = {"atom": "http://www.w3.org/2005/Atom"}


def parse_feed(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def entry_titles(feed):
    return [entry.findtext("atom:title", namespaces=ATOM) for entry in entries(feed)]


def entries(feed):
    return feed.findall("atom:entry", ATOM)


def link(element, rel="alternate"):
    for candidate in element.findall("atom:link", ATOM):
        if candidate.get("rel") == rel:
            return candidate.get("href")
    return None


class TestOfferFeed(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = get_offer_index_page()
        cls.feed_url = cls.index.url + "flux/"
        magasinage = TradeFactory(magasinage=True)
        nettoyage = TradeFactory(nettoyage=True)
        la_source = NeighbourhoodFactory(name="La Source", slug="la-source", commune="Bobigny")
        cls.preparateur = OfferPageFactory(
            title="Préparateur de commandes",
            trade=magasinage,
            no_diploma=True,
            first_published_at=days_ago(2),
            expiry_date=days_from_today(45),
        )
        cls.cariste = OfferPageFactory(
            title="Cariste",
            trade=magasinage,
            fixed_term=True,
            commune="Bobigny",
            neighbourhood=la_source,
            first_published_at=days_ago(10),
            expiry_date=days_from_today(5),
            easy_read="Vous conduisez un chariot. Vous êtes formé.",
        )
        cls.entretien = OfferPageFactory(
            title="Agent d'entretien",
            trade=nettoyage,
            cddi=True,
            commune="Aubervilliers",
            no_diploma=True,
            anonymous_employer=True,
            first_published_at=days_ago(1),
            description="<p>Vous faites le ménage dans des bureaux.</p>",
        )
        OfferPageFactory(title="Offre expirée", expired=True)
        OfferPageFactory(title="Offre fermée par le cron", closed_by_cron=True)
        OfferPageFactory(title="Poste déjà pourvu", filled=True)
        OfferPageFactory(title="Offre en brouillon", draft=True)

    def get_feed(self, params=None):
        return parse_feed(self.client.get(self.feed_url, params or {}))

    def test_lists_current_offers_newest_first(self):
        feed = self.get_feed()

        assert entry_titles(feed) == ["Agent d'entretien", "Préparateur de commandes", "Cariste"]

    def test_describes_itself(self):
        feed = self.get_feed()

        assert feed.findtext("atom:title", namespaces=ATOM) == (
            "Offres d'emploi – Dynamique Emploi dans les Quartiers"
        )
        assert feed.findtext("atom:subtitle", namespaces=ATOM) == self.index.introduction
        assert link(feed) == "http://localhost/offres/"
        assert link(feed, "self") == "http://localhost/offres/flux/"
        assert feed.findtext("atom:author/atom:name", namespaces=ATOM)
        assert feed.findtext("atom:updated", namespaces=ATOM)

    def test_each_entry_says_what_a_reader_needs(self):
        entry = next(
            entry
            for entry in entries(self.get_feed())
            if entry.findtext("atom:title", namespaces=ATOM) == "Cariste"
        )

        assert link(entry) == f"http://localhost{self.cariste.url}"
        published = self.cariste.first_published_at.date().isoformat()
        assert entry.findtext("atom:id", namespaces=ATOM) == (
            f"tag:localhost,{published}:offre-{self.cariste.pk}"
        )
        assert entry.findtext("atom:published", namespaces=ATOM).startswith(published)
        assert entry.findtext("atom:updated", namespaces=ATOM)
        summary = entry.find("atom:summary", ATOM)
        assert summary.get("type") == "html"
        assert f"{self.cariste.employer.name}, à Bobigny, quartier La Source." in summary.text
        assert "CDD, temps plein." in summary.text
        assert "Vous conduisez un chariot." in summary.text
        assert "Offre ouverte jusqu'au" in summary.text.replace("&#x27;", "'")
        categories = [category.get("term") for category in entry.findall("atom:category", ATOM)]
        assert categories == ["Logistique et transport", "CDD"]

    def test_an_anonymous_employer_stays_anonymous(self):
        feed = self.get_feed({"secteur": "proprete"})

        summary = entries(feed)[0].findtext("atom:summary", namespaces=ATOM)
        assert "Une entreprise de la filière Propreté" in summary
        assert self.entretien.employer.name not in summary

    def test_honours_the_listing_filters(self):
        cases = [
            ({"secteur": "logistique"}, ["Préparateur de commandes", "Cariste"]),
            ({"metier": "K2204"}, ["Agent d'entretien"]),
            ({"contrat": ["cdd", "cddi"]}, ["Agent d'entretien", "Cariste"]),
            ({"commune": "Bobigny"}, ["Cariste"]),
            ({"quartier": "la-source"}, ["Cariste"]),
            ({"sans_diplome": "1"}, ["Agent d'entretien", "Préparateur de commandes"]),
            ({"recent": "1"}, ["Agent d'entretien", "Préparateur de commandes"]),
            ({"secteur": "logistique", "sans_diplome": "1"}, ["Préparateur de commandes"]),
            ({"q": "chariot"}, ["Cariste"]),
            ({"q": "ménage", "secteur": "logistique"}, []),
        ]
        for params, expected_titles in cases:
            with self.subTest(params=params):
                assert entry_titles(self.get_feed(params)) == expected_titles

    def test_its_title_and_link_say_which_filters(self):
        feed = self.get_feed({"secteur": "logistique", "sans_diplome": "1"})

        assert feed.findtext("atom:title", namespaces=ATOM) == (
            "Offres d'emploi : Logistique et transport, Sans diplôme – "
            "Dynamique Emploi dans les Quartiers"
        )
        assert link(feed) == "http://localhost/offres/?secteur=logistique&sans_diplome=1"
        assert link(feed, "self") == (
            "http://localhost/offres/flux/?secteur=logistique&sans_diplome=1"
        )

    def test_always_newest_first_whatever_the_listing_order(self):
        feed = self.get_feed({"tri": "fin"})

        assert entry_titles(feed) == ["Agent d'entretien", "Préparateur de commandes", "Cariste"]

    def test_never_lists_closed_or_draft_offers(self):
        titles = entry_titles(self.get_feed({"q": "offre"})) + entry_titles(self.get_feed())

        for title in [
            "Offre expirée",
            "Offre fermée par le cron",
            "Poste déjà pourvu",
            "Offre en brouillon",
        ]:
            assert title not in titles

    def test_invalid_filters_are_ignored(self):
        every_offer = ["Agent d'entretien", "Préparateur de commandes", "Cariste"]
        for params in [
            {"secteur": "inconnu"},
            {"contrat": "contrat-inconnu"},
            {"temps": "\x00"},
            {"page": "abc"},
            {"tri": "xyz"},
            {"q": '"\x00'},
            {"commune": "x" * 10_000},
            {"secteur[]": "logistique"},
        ]:
            with self.subTest(params=params):
                assert entry_titles(self.get_feed(params)) == every_offer

    def test_hostile_keywords_never_break_the_feed(self):
        for query in ["NEAR(a b)", "*", "(", "a AND OR NOT", "\\", "🙂", "x" * 5000]:
            with self.subTest(query=query[:20]):
                self.get_feed({"q": query})


@pytest.mark.django_db
def test_the_feed_holds_the_newest_fifty_offers(client):
    index = get_offer_index_page()
    offers = create_offers_in_bulk(FEED_LENGTH + 5, [TradeFactory(magasinage=True)])

    feed = parse_feed(client.get(index.url + "flux/"))

    assert len(entries(feed)) == FEED_LENGTH
    newest = max(offers, key=lambda offer: offer.first_published_at)
    assert link(entries(feed)[0]) == f"http://localhost{newest.url}"


@pytest.mark.django_db
def test_the_feed_runs_a_constant_number_of_queries(client):
    index = get_offer_index_page()
    TradeFactory(magasinage=True)
    trades = list(Trade.objects.select_related("sector"))
    counts = []
    for size in [5, 40]:
        create_offers_in_bulk(size, trades)
        client.get(index.url + "flux/")
        with CaptureQueriesContext(connection) as queries:
            response = client.get(index.url + "flux/", {"secteur": "logistique", "q": "commandes"})
        assert entries(parse_feed(response))
        counts.append(len(queries))

    assert counts[0] == counts[1]
