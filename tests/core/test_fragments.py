"""What every page shares is kept rendered (core.fragments) and forgotten as soon as content
changes, whether the page cache is on or not; the active locale is looked up once per request
(core.locales)."""

from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Locale

from core import fragments
from core.request_scope import RequestScopeMiddleware
from tests.core.factories import SiteSettingsFactory
from tests.home.factories import StandardPageFactory, get_home_page
from tests.offers.factories import OfferPageFactory, get_offer_index_page
from tests.queries import queries_for


def menu_titles(response):
    html = BeautifulSoup(response.content, "html.parser")
    return [link.get_text(strip=True) for link in html.select(".main-menu__link")]


def footer_text(response):
    html = BeautifulSoup(response.content, "html.parser")
    return html.find("footer").get_text(" ", strip=True)


class FragmentsTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = get_home_page()
        cls.page = StandardPageFactory(parent=cls.home, title="Le parrainage", in_menu=True)
        cls.site_settings = SiteSettingsFactory(phone="01 99 00 12 34")

    def test_the_menu_and_footer_cost_no_query_once_kept(self):
        queries = [query["sql"] for query in queries_for(self.client, self.page.url)]

        assert not [sql for sql in queries if "core_sitesettings" in sql]
        assert not [sql for sql in queries if '"show_in_menus"' in sql.partition("WHERE")[2]]

    def test_a_published_page_shows_in_the_menu_at_once(self):
        assert menu_titles(self.client.get(self.page.url)) == ["Accueil", "Le parrainage"]

        new_page = StandardPageFactory(parent=self.home, title="Je recrute", in_menu=True)
        new_page.save_revision().publish()

        assert menu_titles(self.client.get(self.page.url)) == [
            "Accueil",
            "Le parrainage",
            "Je recrute",
        ]

    def test_an_unpublished_page_leaves_the_menu_at_once(self):
        other = StandardPageFactory(parent=self.home, title="Je recrute", in_menu=True)
        assert "Je recrute" in menu_titles(self.client.get(self.page.url))

        other.unpublish()

        assert "Je recrute" not in menu_titles(self.client.get(self.page.url))

    def test_a_new_phone_number_shows_in_the_footer_at_once(self):
        assert "01 99 00 12 34" in footer_text(self.client.get(self.page.url))

        self.site_settings.phone = "01 23 45 67 89"
        self.site_settings.save()

        text = footer_text(self.client.get(self.page.url))
        assert "01 23 45 67 89" in text
        assert "01 99 00 12 34" not in text

    def test_each_language_keeps_its_own(self):
        assert fragments.get_or_build("test", None, lambda: "fr") == "fr"
        with translation.override("en"):
            assert fragments.get_or_build("test", None, lambda: "en") == "en"
        assert fragments.get_or_build("test", None, lambda: "other") == "fr"

        fragments.forget_all()

        assert fragments.get_or_build("test", None, lambda: "rebuilt") == "rebuilt"


class ActiveLocaleTestCase(TestCase):
    def test_the_active_locale_is_read_once_per_request_and_language(self):
        Locale.objects.get_or_create(language_code="en")
        seen = []

        def view(request):
            with CaptureQueriesContext(connection) as queries:
                french = [Locale.get_active() for _ in range(3)]
                with translation.override("en"):
                    english = [Locale.get_active() for _ in range(2)]
            seen.append((french, english, len(queries)))

        middleware = RequestScopeMiddleware(view)
        with translation.override("fr"):
            middleware(None)
            middleware(None)

        for french, english, query_count in seen:
            assert {locale.language_code for locale in french} == {"fr"}
            assert {locale.language_code for locale in english} == {"en"}
            assert query_count == 2
        # Never remembered across requests: a locale changed meanwhile is seen.
        assert seen[0][0][0] is not seen[1][0][0]

    def test_outside_a_request_every_call_asks_the_database(self):
        with CaptureQueriesContext(connection) as queries:
            Locale.get_active()
            Locale.get_active()

        assert len(queries) == 2


class GenerationTestCase(TestCase):
    def test_the_generation_is_read_once_per_request_and_again_after_a_change(self):
        reads = []
        fragments.forget_all()  # a generation stored, as after any publication

        def view(request):
            with mock.patch.object(fragments.cache, "get", wraps=fragments.cache.get) as get:
                first = fragments.get_or_build("a", None, lambda: "a")
                fragments.get_or_build("b", None, lambda: "b")
                fragments.forget_all()
                after_change = fragments.get_or_build("a", None, lambda: "a, rebuilt")
                reads.append(
                    [call.args[0] for call in get.call_args_list].count(fragments.GENERATION_KEY)
                )
            return first, after_change

        assert RequestScopeMiddleware(view)(None) == ("a", "a, rebuilt")
        assert reads == [2]


@pytest.mark.django_db
def test_a_listing_reads_its_cards_in_one_round_trip(client):
    """Not one cache read per card: the listing prefetches them (offers.listing)."""
    index = get_offer_index_page()
    OfferPageFactory.create_batch(5)
    SiteSettingsFactory()
    for _warm_up in range(2):
        client.get(index.url)

    with mock.patch.object(fragments.cache, "get", wraps=fragments.cache.get) as get:
        response = client.get(index.url)

    assert response.content.decode().count('class="card offer-card"') == 5
    # The local-memory cache's get_many() reads each key through get(key, default): only the
    # reads of one key alone are round trips of their own.
    card_reads = [
        call
        for call in get.call_args_list
        if ":offer-card:" in str(call.args[0]) and len(call.args) == 1
    ]
    assert card_reads == []
