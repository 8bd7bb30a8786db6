"""Site search at /recherche/: what it finds, what it hides, and odd input."""

from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from django.test import TestCase
from django.urls import reverse
from wagtail.models import Locale, PageViewRestriction

from tests.core.factories import SiteSettingsFactory
from tests.home.factories import StandardPageFactory, create_site
from tests.offers.factories import OfferPageFactory
from tests.queries import count_queries
from tests.reference.factories import NeighbourhoodFactory

SEARCH_URL = reverse("search:results")


def parse(response):
    return BeautifulSoup(response.content, "html.parser")


def result_links(response):
    return [
        (link.get_text(strip=True), link["href"]) for link in parse(response).select("ol.results a")
    ]


class TestWhatSearchFinds(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = create_site()
        SiteSettingsFactory()
        cls.sponsorship = StandardPageFactory(
            parent=cls.home,
            title="Le parrainage",
            introduction="Un salarié d'une entreprise vous aide à trouver un emploi.",
            search_description="Être aidé par un parrain ou une marraine.",
        )
        StandardPageFactory(parent=cls.home, title="Atelier CV")
        StandardPageFactory(parent=cls.home, title="Brouillon sur le parrainage", draft=True)
        members_only = StandardPageFactory(parent=cls.home, title="Parrainage : suivi interne")
        PageViewRestriction.objects.create(
            page=members_only, restriction_type=PageViewRestriction.LOGIN
        )
        cls.english_sponsorship = cls.sponsorship.copy_for_translation(
            Locale.objects.get(language_code="en"), copy_parents=True
        )
        cls.english_sponsorship.title = "Sponsorship (parrainage)"
        cls.english_sponsorship.save_revision().publish()
        cls.english_sponsorship.refresh_from_db()

    def test_finds_the_live_public_page_of_the_current_language(self):
        response = self.client.get(SEARCH_URL, {"q": "parrainage"})

        assert response.status_code == 200
        assert result_links(response) == [("Le parrainage", self.sponsorship.url)]
        html = parse(response)
        assert html.main.find("p", string=lambda text: text and "parrain ou une marraine" in text)

    def test_says_how_many_pages_it_found(self):
        response = self.client.get(SEARCH_URL, {"q": "parrainage"})

        text = parse(response).main.get_text(" ", strip=True)
        assert "1 résultat pour « parrainage »." in text

    def test_keeps_the_query_in_the_search_field(self):
        response = self.client.get(SEARCH_URL, {"q": "parrainage"})

        field = parse(response).find("input", id="recherche-page")
        assert field["value"] == "parrainage"

    def test_english_search_finds_english_pages_only(self):
        response = self.client.get("/en" + SEARCH_URL, {"q": "parrainage"})

        assert response.status_code == 200
        assert result_links(response) == [
            ("Sponsorship (parrainage)", self.english_sponsorship.url)
        ]

    def test_without_a_query_it_invites_to_search(self):
        for params in [{}, {"q": ""}, {"q": "   "}]:
            html = parse(self.client.get(SEARCH_URL, params))

            assert html.h1.get_text(strip=True) == "Rechercher sur le site"
            assert "Écrivez un ou deux mots" in html.main.get_text()
            assert not html.select("ol.results")

    def test_without_results_it_suggests_what_to_do(self):
        response = self.client.get(SEARCH_URL, {"q": "xylophone"})

        assert response.status_code == 200
        empty_state = parse(response).find(class_="empty-state")
        assert empty_state.h2.get_text(" ", strip=True) == "Aucun résultat pour « xylophone »"
        assert empty_state.find("a", href="tel:0123456789")
        assert empty_state.find("a", href="/")

    def test_only_answers_get_and_head(self):
        assert self.client.head(SEARCH_URL, {"q": "parrainage"}).status_code == 200
        assert self.client.post(SEARCH_URL, {"q": "parrainage"}).status_code == 405


class TestPagination(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = create_site()
        for number in range(1, 13):
            StandardPageFactory(parent=home, title=f"Parrainage, témoignage {number}")

    def test_ten_results_a_page_and_a_link_to_the_next(self):
        response = self.client.get(SEARCH_URL, {"q": "parrainage"})

        html = parse(response)
        assert len(result_links(response)) == 10
        assert "12 résultats pour « parrainage »." in html.main.get_text(" ", strip=True)
        pagination = html.find("nav", attrs={"aria-label": "Pagination"})
        assert pagination.find("a", rel="next")["href"] == "?q=parrainage&page=2"

    def test_second_page(self):
        response = self.client.get(SEARCH_URL, {"q": "parrainage", "page": "2"})

        assert response.status_code == 200
        assert len(result_links(response)) == 2
        html = parse(response)
        assert html.find("ol", class_="results")["start"] == "11"
        assert html.find("nav", attrs={"aria-label": "Pagination"}).find("a", rel="prev")
        first_page_titles = {
            title for title, _url in result_links(self.client.get(SEARCH_URL, {"q": "parrainage"}))
        }
        assert first_page_titles.isdisjoint(title for title, _url in result_links(response))

    def test_a_wrong_page_number_never_breaks_the_page(self):
        for page_number, expected_results in [
            ("abc", 10),
            ("999", 2),
            ("-1", 2),
            ("", 10),
            ("0", 2),
            ("1.5", 10),
            ("9" * 30, 2),
        ]:
            response = self.client.get(SEARCH_URL, {"q": "parrainage", "page": page_number})

            assert response.status_code == 200, page_number
            assert len(result_links(response)) == expected_results, page_number


class TestQueryCount(TestCase):
    def count_queries(self, params):
        return count_queries(self.client, SEARCH_URL, params)

    def test_more_results_do_not_mean_more_queries(self):
        home = create_site()
        for number in range(2):
            StandardPageFactory(parent=home, title=f"Parrainage {number}", in_menu=True)
        queries_with_few_results = self.count_queries({"q": "parrainage"})

        for number in range(2, 10):
            StandardPageFactory(parent=home, title=f"Parrainage {number}", in_menu=True)

        assert self.count_queries({"q": "parrainage"}) == queries_with_few_results
        assert self.count_queries({"q": "parrainage", "page": "1"}) == queries_with_few_results
        # Three beside the page around the results: two to know whether the pages or the synonyms
        # changed since the vocabulary was built (search.vocabulary), one for the results, whose
        # count is their length.
        assert queries_with_few_results == 7

    def test_more_offers_do_not_mean_more_queries(self):
        create_site()
        for number in range(2):
            OfferPageFactory(title=f"Cariste {number} (H/F)", neighbourhood=NeighbourhoodFactory())
        queries_with_few_results = self.count_queries({"q": "carist"})

        for number in range(2, 12):
            OfferPageFactory(
                title=f"Cariste {number} (H/F)",
                neighbourhood=NeighbourhoodFactory(),
                anonymous_employer=number % 2 == 0,
            )

        assert self.count_queries({"q": "carist"}) == queries_with_few_results
        assert self.count_queries({"q": "carist", "page": "2"}) == queries_with_few_results
        # One more than pages alone: the offers' employers, communes and contracts.
        assert queries_with_few_results == 8


@pytest.mark.django_db
class TestOddQueries:
    @pytest.fixture(autouse=True)
    def site(self, db):
        home = create_site()
        StandardPageFactory(parent=home, title="Le parrainage")

    @pytest.mark.parametrize("query", ['"parrainage', 'le "parrainage"', "parrainage\x00"])
    def test_quotes_and_control_characters_are_ignored(self, client, query):
        response = client.get(SEARCH_URL, {"q": query})

        assert response.status_code == 200
        assert "Le parrainage" in [title for title, _url in result_links(response)]

    def test_a_huge_query_is_cut_rather_than_refused(self, client):
        response = client.get(SEARCH_URL, {"q": "parrainage " + "a" * 10_000})

        assert response.status_code == 200
        field_value = parse(response).find("input", id="recherche-page")["value"]
        assert field_value.startswith("parrainage aaa")
        assert len(field_value) == 200

    @pytest.mark.parametrize(
        "query",
        [
            "parrainage 👩🏽‍💼",
            "e\u0301cole",  # e + combining acute accent
            "\u202eeganiarrap",  # right-to-left override
            "كفالة",
            "ｐａｒｒａｉｎａｇｅ",  # full-width letters
            "'; DROP TABLE wagtailcore_page; --",
            '"parrainage',
            "parrainage AND OR NOT *",
            "%_\\",
            "\x00parrainage",
            "\ud800",  # a lone surrogate, which UTF-8 cannot encode
        ],
    )
    def test_odd_unicode_and_syntax_never_break_the_page(self, client, query):
        encoded = quote(query, errors="surrogatepass")

        response = client.get(f"{SEARCH_URL}?q={encoded}")

        assert response.status_code == 200
        assert parse(response).h1

    def test_invalid_utf8_never_breaks_the_page(self, client):
        response = client.get(f"{SEARCH_URL}?q=%ff%fe%c3parrainage")

        assert response.status_code == 200

    def test_markup_in_the_query_is_shown_as_text(self, client):
        query = "<script>alert('piège')</script>"

        response = client.get(SEARCH_URL, {"q": query})

        assert response.status_code == 200
        content = response.content.decode()
        assert "<script>" not in content
        assert "&lt;script&gt;" in content
        html = parse(response)
        assert html.find("input", id="recherche-page")["value"] == query
        assert query in html.find(class_="empty-state").get_text()
