"""The list of current offers at /offres/: filters, keywords, sort orders, pages, odd input."""

import datetime
import zoneinfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.db import connection
from django.test import TestCase
from wagtail.models import Locale

from offers import filters
from offers.enums import ContractType, WorkingTime
from offers.listing import OFFERS_PER_PAGE
from reference.models import Trade
from tests.core.factories import SiteSettingsFactory
from tests.offers.factories import (
    OfferPageFactory,
    create_offers_in_bulk,
    days_ago,
    days_from_today,
    get_offer_index_page,
)
from tests.organisations.factories import OrganisationFactory
from tests.queries import queries_for
from tests.reference.factories import NeighbourhoodFactory, SectorFactory, TradeFactory

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def parse(response):
    return BeautifulSoup(response.content, "html.parser")


def listed_titles(response):
    return [
        link.get_text(strip=True) for link in parse(response).select(".offer-cards .card__title a")
    ]


def result_count_text(response):
    return parse(response).find(id="resultats").get_text(" ", strip=True)


class ListingTestCase(TestCase):
    """Three current offers that differ on every filter, and four that must never be listed."""

    @classmethod
    def setUpTestData(cls):
        cls.index = get_offer_index_page()
        SiteSettingsFactory()
        magasinage = TradeFactory(magasinage=True)
        nettoyage = TradeFactory(nettoyage=True)
        franc_moisin = NeighbourhoodFactory(
            name="Franc-Moisin", slug="franc-moisin", commune="Saint-Denis"
        )
        cls.la_source = NeighbourhoodFactory(name="La Source", slug="la-source", commune="Bobigny")
        cls.preparateur = OfferPageFactory(
            title="Préparateur de commandes",
            trade=magasinage,
            commune="Saint-Denis",
            neighbourhood=franc_moisin,
            no_diploma=True,
            first_published_at=days_ago(2),
            expiry_date=days_from_today(45),
        )
        cls.cariste = OfferPageFactory(
            title="Cariste",
            trade=magasinage,
            fixed_term=True,
            part_time=True,
            commune="Bobigny",
            neighbourhood=cls.la_source,
            beginner=True,
            first_published_at=days_ago(10),
            expiry_date=days_from_today(5),
            description="<p>Vous conduisez un chariot élévateur dans un entrepôt.</p>",
        )
        cls.entretien = OfferPageFactory(
            title="Agent d'entretien",
            trade=nettoyage,
            cddi=True,
            commune="Aubervilliers",
            no_diploma=True,
            beginner=True,
            first_published_at=days_ago(1),
            expiry_date=days_from_today(20),
            description="<p>Vous faites le ménage dans des bureaux, tôt le matin.</p>",
        )
        OfferPageFactory(title="Offre expirée", expired=True, no_diploma=True)
        OfferPageFactory(title="Offre fermée par le cron", closed_by_cron=True)
        OfferPageFactory(title="Poste déjà pourvu", filled=True, no_diploma=True)
        OfferPageFactory(title="Offre en brouillon", draft=True, no_diploma=True)

    def get(self, params=None):
        response = self.client.get(self.index.url, params or {})
        assert response.status_code == 200
        return response


class TestWhatIsListed(ListingTestCase):
    def test_lists_current_offers_newest_first(self):
        response = self.get()

        assert listed_titles(response) == [
            "Agent d'entretien",
            "Préparateur de commandes",
            "Cariste",
        ]

    def test_never_lists_expired_filled_or_draft_offers(self):
        titles = listed_titles(self.get())

        for title in ["Offre expirée", "Offre fermée par le cron", "Poste déjà pourvu"]:
            assert title not in titles
        assert "Offre en brouillon" not in titles

    def test_says_how_many_offers_match(self):
        assert result_count_text(self.get()) == "3 offres"
        assert result_count_text(self.get({"commune": "Bobigny"})) == "1 offre"
        assert result_count_text(self.get({"q": "plombier"})) == "Aucune offre"

    def test_a_card_shows_what_a_resident_needs_to_choose(self):
        card = parse(self.get({"commune": "Bobigny"})).select_one(".offer-card")
        text = card.get_text(" ", strip=True)

        link = card.select_one(".card__title a")
        assert link["href"] == self.cariste.url
        assert self.cariste.employer.name in text
        assert "Bobigny, quartier La Source" in text
        assert "CDD (6 mois)" in text
        assert "Temps partiel, 24 h par semaine" in text
        # The amounts are isolated (<bdi>) for Arabic: the salary read as the card's plain text.
        assert "De 1\xa0823,03\xa0€ à 1\xa0950\xa0€ brut par mois" in card.get_text()
        assert "Débutant accepté" in text
        assert "Sans diplôme" not in text
        published = self.cariste.first_published_at.astimezone(PARIS).date()
        assert card.find("time", datetime=published.isoformat())
        assert card.find("time", datetime=self.cariste.expiry_date.isoformat())

    def test_an_anonymous_employer_stays_anonymous_on_its_card(self):
        OfferPageFactory(title="Manutentionnaire", anonymous_employer=True, commune="Pantin")

        card = parse(self.get({"commune": "Pantin"})).select_one(".offer-card")

        text = card.get_text(" ", strip=True)
        assert "Une entreprise de la filière Logistique et transport" in text

    def test_the_index_shows_its_introduction_and_title(self):
        html = parse(self.get())

        assert html.h1.get_text(strip=True) == self.index.title
        assert self.index.introduction in html.main.get_text(" ", strip=True)


class TestFilters(ListingTestCase):
    def test_each_filter(self):
        cases = [
            ({"secteur": "logistique"}, ["Préparateur de commandes", "Cariste"]),
            ({"secteur": "proprete"}, ["Agent d'entretien"]),
            ({"metier": "N1103"}, ["Préparateur de commandes", "Cariste"]),
            ({"metier": "K2204"}, ["Agent d'entretien"]),
            ({"contrat": "cdi"}, ["Préparateur de commandes"]),
            ({"contrat": ["cdd", "cddi"]}, ["Agent d'entretien", "Cariste"]),
            ({"temps": "temps-partiel"}, ["Agent d'entretien", "Cariste"]),
            ({"temps": "temps-plein"}, ["Préparateur de commandes"]),
            ({"commune": "Bobigny"}, ["Cariste"]),
            ({"quartier": "franc-moisin"}, ["Préparateur de commandes"]),
            ({"sans_diplome": "1"}, ["Agent d'entretien", "Préparateur de commandes"]),
            ({"debutant": "1"}, ["Agent d'entretien", "Cariste"]),
            ({"recent": "1"}, ["Agent d'entretien", "Préparateur de commandes"]),
        ]
        for params, expected_titles in cases:
            with self.subTest(params=params):
                assert listed_titles(self.get(params)) == expected_titles

    def test_combined_filters(self):
        cases = [
            ({"sans_diplome": "1", "debutant": "1"}, ["Agent d'entretien"]),
            ({"secteur": "logistique", "debutant": "1"}, ["Cariste"]),
            ({"sans_diplome": "1", "quartier": "franc-moisin"}, ["Préparateur de commandes"]),
            (
                {"secteur": "logistique", "temps": "temps-partiel", "commune": "Bobigny"},
                ["Cariste"],
            ),
            ({"secteur": "proprete", "quartier": "la-source"}, []),
        ]
        for params, expected_titles in cases:
            with self.subTest(params=params):
                assert listed_titles(self.get(params)) == expected_titles

    def test_an_unticked_box_filters_nothing(self):
        for value in ["", "0", "non"]:
            with self.subTest(value=value):
                assert len(listed_titles(self.get({"sans_diplome": value}))) == 3

    def test_filters_offer_the_reference_data_of_the_language(self):
        english = Locale.objects.get(language_code="en")
        SectorFactory(name="Sector in English", slug="english-sector", locale=english)

        html = parse(self.get())

        sectors = [option["value"] for option in html.select("#filtre-secteur option")]
        assert sectors == ["", "logistique", "proprete"]
        trade_groups = [group["label"] for group in html.select("#filtre-metier optgroup")]
        assert trade_groups == ["Logistique et transport", "Propreté"]
        communes = [option["value"] for option in html.select("#filtre-commune option")]
        assert communes == ["", "Aubervilliers", "Bobigny", "Saint-Denis"]
        neighbourhoods = [option.get_text() for option in html.select("#filtre-quartier option")]
        assert neighbourhoods[1:] == ["La Source (Bobigny)", "Franc-Moisin (Saint-Denis)"]

    def test_the_form_shows_the_filters_in_use(self):
        html = parse(
            self.get({"secteur": "logistique", "contrat": ["cdd", "cdi"], "debutant": "1"})
        )

        assert html.select_one("#filtre-secteur option[selected]")["value"] == "logistique"
        ticked = [box["value"] for box in html.select("input[name=contrat][checked]")]
        assert ticked == [ContractType.CDI, ContractType.CDD]
        assert html.select_one("#filtre-debutant").has_attr("checked")
        assert not html.select_one("#filtre-sans_diplome").has_attr("checked")
        assert html.select_one("input[name=temps][checked]")["value"] == ""

    def test_a_shortcut_leads_past_the_open_filters_to_the_results(self):
        shortcut = parse(self.get({"sans_diplome": "1"})).select_one(".offer-listing__jump a")

        assert shortcut["href"] == "#resultats"
        assert shortcut.get_text(strip=True) == "Aller aux 2 offres trouvées"
        assert not parse(self.get()).select(".offer-listing__jump")

    def test_the_filters_are_folded_until_one_is_used(self):
        closed = parse(self.get()).select_one("details.offer-filters__more")
        with_keywords = parse(self.get({"q": "cariste"})).select_one("details.offer-filters__more")
        opened = parse(self.get({"sans_diplome": "1"})).select_one("details.offer-filters__more")

        assert not closed.has_attr("open")
        assert not with_keywords.has_attr("open"), "The keywords field is outside the details."
        assert opened.has_attr("open")
        assert opened.summary.get_text(strip=True) == "Filtrer les offres"

    def test_the_form_works_without_javascript(self):
        form = parse(self.get()).select_one("form#filtres-offres")

        assert form["method"] == "get"
        assert form["action"] == self.index.url
        assert form.find("button", type="submit").get_text(strip=True) == "Voir les offres"
        legends = [legend.get_text(strip=True) for legend in form.select("fieldset > legend")]
        assert legends == ["Ce qui compte pour vous", "Type de contrat", "Temps de travail"]
        for field in form.select("input:not([type=hidden]), select"):
            field_id = field["id"]
            assert form.find("label", attrs={"for": field_id}), f"{field_id} has no label"
        names = {field["name"] for field in form.select("input, select")}
        assert names == {
            "q",
            "secteur",
            "metier",
            "contrat",
            "temps",
            "commune",
            "quartier",
            "sans_diplome",
            "debutant",
            "recent",
        }

    def test_the_sort_order_travels_with_the_form(self):
        form = parse(self.get({"tri": "fin"})).select_one("form#filtres-offres")

        assert form.find("input", type="hidden", attrs={"name": "tri"})["value"] == "fin"

    def test_active_filters_can_be_removed_one_by_one_or_all_at_once(self):
        html = parse(self.get({"secteur": "logistique", "contrat": ["cdi", "cdd"], "q": "cariste"}))

        chips = {
            chip.get_text(" ", strip=True): chip["href"] for chip in html.select(".filter-chip")
        }
        assert chips == {
            "Secteur : Logistique et transport : retirer ce filtre ×": (
                "/offres/?contrat=cdi&contrat=cdd&q=cariste"
            ),
            "Type de contrat : CDI : retirer ce filtre ×": (
                "/offres/?secteur=logistique&contrat=cdd&q=cariste"
            ),
            "Type de contrat : CDD : retirer ce filtre ×": (
                "/offres/?secteur=logistique&contrat=cdi&q=cariste"
            ),
            "Mots-clés : « cariste » : retirer ce filtre ×": (
                "/offres/?secteur=logistique&contrat=cdi&contrat=cdd"
            ),
        }
        clear = html.find("a", string="Effacer les filtres")
        assert clear["href"] == "/offres/"

    def test_no_filter_no_active_filters(self):
        html = parse(self.get())

        assert not html.select(".offer-active-filters")
        assert not html.find("meta", attrs={"name": "robots"})

    def test_filtered_lists_are_not_indexed_by_search_engines(self):
        html = parse(self.get({"sans_diplome": "1"}))

        assert html.find("meta", attrs={"name": "robots"})["content"] == "noindex, follow"


class TestUnknownValues(ListingTestCase):
    def test_an_unknown_choice_is_ignored_and_explained_next_to_its_field(self):
        response = self.get({"secteur": "ancienne-filiere", "sans_diplome": "1"})

        assert listed_titles(response) == ["Agent d'entretien", "Préparateur de commandes"]
        html = parse(response)
        select = html.select_one("#filtre-secteur")
        error = html.find(id=select["aria-describedby"])
        assert "n'est plus proposé" in error.get_text()
        assert select["aria-invalid"] == "true"
        summary = html.select_one(".error-summary")
        assert summary.find("a", href="#filtre-secteur")
        assert html.select_one("details.offer-filters__more").has_attr("open")

    def test_an_unknown_contract_is_explained_on_its_fieldset(self):
        response = self.get({"contrat": ["cdi", "contrat-inconnu"]})

        assert len(listed_titles(response)) == 3
        fieldset = parse(response).select_one("fieldset#filtre-contrat")
        error = parse(response).find(id=fieldset["aria-describedby"])
        assert "n'avons pas pris ce filtre en compte" in error.get_text()

    def test_an_unknown_sort_order_means_the_newest_first(self):
        response = self.get({"tri": "xyz"})

        assert listed_titles(response) == [
            "Agent d'entretien",
            "Préparateur de commandes",
            "Cariste",
        ]
        assert not parse(response).select(".error-summary")

    def test_hostile_values_never_break_the_page(self):
        huge = "x" * 20_000
        hostile_values = [
            "",
            " ",
            "\x00",
            "%00",
            "\x00cdi",
            huge,
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            '"',
            "\\",
            "../../etc/passwd",
            "🙂",
            "NEAR(a b)",
            "a AND OR NOT b",
            "*",
            "(",
            "-1",
            "1.5",
            "999999999999999999999",
        ]
        parameters = [
            "secteur",
            "metier",
            "contrat",
            "temps",
            "commune",
            "quartier",
            "sans_diplome",
            "debutant",
            "recent",
            "q",
            "tri",
            "page",
            "secteur[]",
        ]
        for name in parameters:
            for value in hostile_values:
                with self.subTest(name=name, value=value[:30]):
                    response = self.client.get(self.index.url, {name: value})
                    assert response.status_code == 200

    def test_repeated_parameters_never_break_the_page(self):
        for name in ["secteur", "temps", "q", "tri", "page", "sans_diplome"]:
            with self.subTest(name=name):
                response = self.client.get(self.index.url, {name: ["1", "logistique", "\x00"]})
                assert response.status_code == 200

    def test_a_keyword_query_with_odd_characters_still_finds(self):
        for query in ['"cariste"', "cariste\x00", "  cariste  ", "cariste\n"]:
            with self.subTest(query=query):
                assert listed_titles(self.get({"q": query})) == ["Cariste"]

    def test_keywords_are_cut_to_a_reasonable_length(self):
        html = parse(self.get({"q": "cariste " + "x" * 500}))

        assert len(html.select_one("#filtre-q")["value"]) == filters.MAX_KEYWORDS_LENGTH


class TestKeywordSearch(ListingTestCase):
    """Run on SQLite (FTS5) and PostgreSQL (full text, French configuration) by the two suites."""

    def test_finds_offers_by_title_description_trade_or_place(self):
        cases = [
            ("cariste", ["Cariste"]),
            ("chariot", ["Cariste"]),
            ("ménage", ["Agent d'entretien"]),
            ("nettoyage", ["Agent d'entretien"]),
            ("Bobigny", ["Cariste"]),
            ("Franc-Moisin", ["Préparateur de commandes"]),
        ]
        for query, expected_titles in cases:
            with self.subTest(query=query):
                assert listed_titles(self.get({"q": query})) == expected_titles

    def test_every_word_must_match(self):
        assert listed_titles(self.get({"q": "chariot entrepôt"})) == ["Cariste"]
        assert listed_titles(self.get({"q": "chariot bureaux"})) == []

    def test_searches_within_the_filters(self):
        assert listed_titles(self.get({"q": "entrepôt", "secteur": "logistique"})) == [
            "Préparateur de commandes",
            "Cariste",
        ]
        assert listed_titles(self.get({"q": "entrepôt", "sans_diplome": "1"})) == [
            "Préparateur de commandes"
        ]
        assert listed_titles(self.get({"q": "entrepôt", "secteur": "proprete"})) == []

    def test_search_results_follow_the_sort_order(self):
        assert listed_titles(self.get({"q": "entrepôt", "tri": "fin"})) == [
            "Cariste",
            "Préparateur de commandes",
        ]

    def test_never_finds_closed_offers(self):
        assert listed_titles(self.get({"q": "offre"})) == []
        assert listed_titles(self.get({"q": "pourvu"})) == []

    def test_keeps_the_keywords_in_the_field(self):
        html = parse(self.get({"q": "cariste"}))

        assert html.select_one("#filtre-q")["value"] == "cariste"


@pytest.fixture
def fuzzy_search():
    """pg_trgm, which a migration installs on PostgreSQL; the availability cache starts empty."""
    if connection.vendor != "postgresql":
        pytest.skip("Fuzzy search needs PostgreSQL's pg_trgm extension.")
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    filters._fuzzy_search_available.clear()
    yield
    filters._fuzzy_search_available.clear()


@pytest.mark.django_db
def test_on_postgresql_a_misspelt_word_finds_close_offers(client, fuzzy_search):
    OfferPageFactory(title="Cariste")
    OfferPageFactory(title="Aide à domicile", description="<p>Vous aidez des personnes âgées.</p>")

    response = client.get(get_offer_index_page().url, {"q": "carsite"})

    assert listed_titles(response) == ["Cariste"]
    assert "Aucune offre ne contient exactement « carsite »" in parse(response).main.get_text()


@pytest.mark.django_db
def test_on_postgresql_an_exact_match_needs_no_fuzzy_search(client, fuzzy_search):
    OfferPageFactory(title="Cariste")
    OfferPageFactory(title="Caristes confirmés", description="<p>Chariots.</p>")

    response = client.get(get_offer_index_page().url, {"q": "cariste"})

    assert "exactement" not in parse(response).main.get_text()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "parameters",
    [{"q": "carsite chariot"}, {"q": "carsite", "sans_diplome": "1"}],
    ids=["two words", "with a filter"],
)
def test_close_spellings_only_for_one_word_and_no_filter(client, fuzzy_search, parameters):
    OfferPageFactory(title="Cariste", no_diploma=True)

    response = client.get(get_offer_index_page().url, parameters)

    assert listed_titles(response) == []
    assert "exactement" not in parse(response).main.get_text()


@pytest.mark.django_db
def test_the_feed_never_uses_close_spellings(client, fuzzy_search):
    OfferPageFactory(title="Cariste")

    response = client.get(get_offer_index_page().url + "flux/", {"q": "carsite"})

    assert response.status_code == 200
    assert "Cariste" not in response.content.decode()


@pytest.mark.django_db
def test_without_pg_trgm_a_misspelt_word_finds_nothing(client):
    filters._fuzzy_search_available.clear()
    OfferPageFactory(title="Cariste")
    index = get_offer_index_page()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP EXTENSION IF EXISTS pg_trgm")

    response = client.get(index.url, {"q": "carsite"})

    filters._fuzzy_search_available.clear()
    assert listed_titles(response) == []


class TestSortOrders(ListingTestCase):
    def test_newest_first_by_default(self):
        expected = ["Agent d'entretien", "Préparateur de commandes", "Cariste"]
        assert listed_titles(self.get()) == expected
        assert listed_titles(self.get({"tri": "recent"})) == expected

    def test_closing_soon_first(self):
        assert listed_titles(self.get({"tri": "fin"})) == [
            "Cariste",
            "Agent d'entretien",
            "Préparateur de commandes",
        ]

    def test_the_sort_links_keep_the_filters_and_mark_the_current_order(self):
        html = parse(self.get({"tri": "fin", "debutant": "1", "page": "1"}))

        links = {link.get_text(strip=True): link for link in html.select(".offer-sort a")}
        assert links["Les plus récentes"]["href"] == "/offres/?debutant=1"
        assert links["Bientôt fermées"]["href"] == "/offres/?debutant=1&tri=fin"
        assert links["Bientôt fermées"]["aria-current"] == "true"
        assert not links["Les plus récentes"].has_attr("aria-current")


class TestEmptyStates(ListingTestCase):
    def test_no_match_suggests_removing_a_filter_or_calling_the_advisers(self):
        response = self.get({"secteur": "proprete", "quartier": "la-source"})

        empty_state = parse(response).select_one(".empty-state")
        text = empty_state.get_text(" ", strip=True)
        assert "Aucune offre ne correspond à votre recherche" in text
        assert "Retirez un filtre" in text
        assert empty_state.find("a", href="/offres/", string="Voir toutes les offres")
        assert empty_state.find("a", href="tel:0123456789")
        assert "sans rendez-vous" in text
        assert empty_state.find("a", href="/offres/flux/?secteur=proprete&quartier=la-source")

    def test_no_offer_at_all(self):
        for offer in [self.preparateur, self.cariste, self.entretien]:
            offer.unpublish()

        response = self.get()

        text = parse(response).select_one(".empty-state").get_text(" ", strip=True)
        assert "Il n'y a pas d'offre en ce moment." in text
        assert "sans rendez-vous" in text
        assert "Retirez un filtre" not in text


class TestFeedLinks(ListingTestCase):
    def test_the_page_links_to_the_feed_of_the_same_filters(self):
        html = parse(self.get({"secteur": "logistique", "tri": "fin", "page": "1"}))

        alternate = html.head.find("link", rel="alternate", type="application/atom+xml")
        assert alternate["href"] == "/offres/flux/?secteur=logistique"
        link = html.main.find("a", string="Suivre ces offres (flux RSS)")
        assert link["href"] == "/offres/flux/?secteur=logistique"

    def test_invalid_filters_are_left_out_of_the_feed_link(self):
        html = parse(self.get({"secteur": "inconnu", "temps": "temps-plein", "page": "x"}))

        alternate = html.head.find("link", rel="alternate", type="application/atom+xml")
        assert alternate["href"] == "/offres/flux/?temps=temps-plein"


class TestPagination(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = get_offer_index_page()
        magasinage = TradeFactory(magasinage=True)
        create_offers_in_bulk(25, [magasinage])
        OfferPageFactory(title="Agent d'entretien", trade=TradeFactory(nettoyage=True))

    def test_twenty_offers_a_page(self):
        response = self.client.get(self.index.url)

        assert len(listed_titles(response)) == OFFERS_PER_PAGE
        assert result_count_text(response) == "26 offres"

    def test_the_pages_keep_the_filters(self):
        response = self.client.get(self.index.url, {"secteur": "logistique", "tri": "fin"})

        pagination = parse(response).find("nav", attrs={"aria-label": "Pagination"})
        next_link = pagination.find("a", rel="next")
        assert next_link["href"] == "?secteur=logistique&tri=fin&page=2"

        second_page = self.client.get(self.index.url + next_link["href"])

        assert len(listed_titles(second_page)) == 5
        assert result_count_text(second_page) == "25 offres"
        assert "Agent d'entretien" not in listed_titles(second_page)

    def test_odd_page_numbers_give_a_valid_page(self):
        for page, expected_count in [("abc", 20), ("0", 6), ("-3", 6), ("99", 6), ("2", 6)]:
            with self.subTest(page=page):
                response = self.client.get(self.index.url, {"page": page})
                assert response.status_code == 200
                assert len(listed_titles(response)) == expected_count

    def test_the_title_says_which_page(self):
        html = parse(self.client.get(self.index.url, {"page": "2"}))

        assert html.title.get_text(strip=True).startswith("Offres d'emploi, page 2")


@pytest.mark.django_db
def test_an_offer_leaves_the_listing_once_its_last_day_is_over(client):
    last_day = datetime.date(2026, 3, 10)
    with time_machine.travel(datetime.datetime(2026, 3, 1, 9, tzinfo=PARIS), tick=False):
        OfferPageFactory(title="Cariste", expiry_date=last_day)
        index = get_offer_index_page()

    with time_machine.travel(datetime.datetime(2026, 3, 10, 23, 59, tzinfo=PARIS), tick=False):
        assert listed_titles(client.get(index.url)) == ["Cariste"]

    with time_machine.travel(datetime.datetime(2026, 3, 11, 0, 1, tzinfo=PARIS), tick=False):
        assert listed_titles(client.get(index.url)) == []
        # …and in the feed, before publish_scheduled has even run.
        assert b"Cariste" not in client.get(index.url + "flux/").content


@pytest.mark.django_db
def test_the_recent_filter_counts_seven_days(client):
    with time_machine.travel(datetime.datetime(2026, 3, 1, 9, tzinfo=PARIS), tick=False):
        OfferPageFactory(title="Cariste", expiry_date=datetime.date(2026, 4, 30))
        index = get_offer_index_page()

    with time_machine.travel(datetime.datetime(2026, 3, 8, 8, tzinfo=PARIS), tick=False):
        assert listed_titles(client.get(index.url, {"recent": "1"})) == ["Cariste"]

    with time_machine.travel(datetime.datetime(2026, 3, 8, 10, tzinfo=PARIS), tick=False):
        assert listed_titles(client.get(index.url, {"recent": "1"})) == []


# --- A constant number of queries -----------------------------------------------------------
# Wagtail's serving (7), the other languages (1) and the listing's own: page view restrictions
# (1), the count (1) and the page of offers (1). The menu, breadcrumbs, footer and the filters'
# choices are kept until content changes (core.fragments), and so is the count of every current
# offer, when nothing is filtered.
LISTING_QUERIES = 11
EVERY_FILTER = {
    "secteur": "logistique",
    "metier": "N1103",
    "contrat": [ContractType.CDI, ContractType.CDD],
    "temps": WorkingTime.FULL_TIME,
    "commune": "Saint-Denis",
    "quartier": "franc-moisin",
    "sans_diplome": "1",
    "debutant": "1",
    "recent": "1",
    "tri": "fin",
}


@pytest.mark.django_db
@pytest.mark.parametrize("size", [5, 40])
@pytest.mark.parametrize(
    "params",
    [{}, EVERY_FILTER, {"q": "commandes"}, {**EVERY_FILTER, "q": "commandes", "page": "1"}],
    ids=["no filter", "every filter", "keywords", "every filter and keywords"],
)
def test_the_listing_runs_a_constant_number_of_queries(client, size, params):
    TradeFactory(nettoyage=True)
    TradeFactory(magasinage=True)
    franc_moisin = NeighbourhoodFactory(
        name="Franc-Moisin", slug="franc-moisin", commune="Saint-Denis"
    )
    index = get_offer_index_page()
    SiteSettingsFactory()
    # Every offer has its employer, neighbourhood and trade: what a card would fetch one by one.
    create_offers_in_bulk(
        size,
        list(Trade.objects.select_related("sector")),
        neighbourhoods=[franc_moisin],
        employers=[OrganisationFactory()],
    )
    queries = queries_for(client, index.url, params)

    response = client.get(index.url, params)
    assert listed_titles(response), "The query count is only telling with offers on the page."
    expected = LISTING_QUERIES if params else LISTING_QUERIES - 1
    assert len(queries) == expected, "\n".join(query["sql"] for query in queries)


@pytest.mark.django_db
def test_the_kept_count_follows_publications(client):
    """Unfiltered, the count of current offers is kept (core.fragments): each publication or
    unpublication brings the new one at once."""
    index = get_offer_index_page()
    first = OfferPageFactory(title="Cariste (H/F)")
    assert result_count_text(client.get(index.url)) == "1 offre"

    second = OfferPageFactory(title="Vendeur (H/F)", live=False)
    second.save_revision().publish()
    assert result_count_text(client.get(index.url)) == "2 offres"

    first.unpublish()
    assert result_count_text(client.get(index.url)) == "1 offre"
