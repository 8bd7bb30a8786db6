"""Hostile query strings and addresses on every public listing: never a 500, never live markup.

Offers (/offres/ and its Atom feed), the agenda (/evenements/, its month view, archive and
calendar), an event's date pages, the site search, the sitemap and robots.txt. Each example sends
random and hostile values for the listing's parameters, repeated or unknown, possibly not UTF-8.
"""

import xml.etree.ElementTree as ET

from hypothesis import given, settings
from hypothesis import strategies as st

from offers.filters import FILTER_PARAMETERS, SORT
from tests.core.factories import SiteSettingsFactory
from tests.events.factories import EventPageFactory, get_event_index_page
from tests.hostile.inputs import (
    DATES,
    NUMBERS,
    HostileTestCase,
    assert_handled,
    assert_no_live_markup,
    examples,
    query_pairs,
    query_string,
)
from tests.offers.factories import OfferPageFactory, get_offer_index_page
from tests.reference.factories import NeighbourhoodFactory, TradeFactory

OFFER_PARAMETERS = [*FILTER_PARAMETERS, SORT, "page"]
EVENT_PARAMETERS = ["type", "public", "page"]

SEARCH_PARAMETERS = ["q", "page"]


def build_site_with_listings(test_case):
    """Two offers and three events (one with registration), each with a page a listing links."""
    SiteSettingsFactory()
    test_case.offers = get_offer_index_page()
    neighbourhood = NeighbourhoodFactory(name="Franc-Moisin", slug="franc-moisin")
    OfferPageFactory(trade=TradeFactory(magasinage=True), neighbourhood=neighbourhood)
    OfferPageFactory(title="Agent de propreté (H/F)", trade=TradeFactory(nettoyage=True))
    test_case.agenda = get_event_index_page()
    test_case.event = EventPageFactory(registration=True)
    EventPageFactory(recurring_monthly=True)
    EventPageFactory(past=True)
    test_case.occurrence = test_case.event.occurrences.get()


class OfferListingTests(HostileTestCase):
    @classmethod
    def setUpTestData(cls):
        build_site_with_listings(cls)

    @settings(max_examples=examples(40))
    @given(pairs=query_pairs(OFFER_PARAMETERS))
    def test_the_offer_listing_answers_any_query_with_its_page(self, pairs):
        response = self.client.get(f"{self.offers.url}?{query_string(pairs)}")
        assert_handled(response, expected=(200,))
        assert_no_live_markup(response.content)

    @settings(max_examples=examples(25))
    @given(pairs=query_pairs(OFFER_PARAMETERS))
    def test_the_offer_feed_stays_well_formed_xml(self, pairs):
        response = self.client.get(f"{self.offers.url}flux/?{query_string(pairs)}")
        assert_handled(response, expected=(200,))
        ET.fromstring(response.content)

    def test_keywords_with_xml_noncharacters_keep_the_feed_well_formed(self):
        response = self.client.get(f"{self.offers.url}flux/", {"q": "cariste\uffff"})
        assert_handled(response, expected=(200,))
        ET.fromstring(response.content)

    def test_too_many_parameters_is_a_bad_request_not_an_error(self):
        # DATA_UPLOAD_MAX_NUMBER_FIELDS (1,000): Django answers 400 rather than parse them all.
        response = self.client.get(f"{self.offers.url}?" + "&".join(["contrat=cdi"] * 1_500))
        assert_handled(response, expected=(200, 400))


class AgendaTests(HostileTestCase):
    @classmethod
    def setUpTestData(cls):
        build_site_with_listings(cls)

    @settings(max_examples=examples(30))
    @given(
        route=st.sampled_from(["", "archives/", "agenda/", "mois/2026-05/"]),
        pairs=query_pairs(EVENT_PARAMETERS),
    )
    def test_the_agenda_answers_any_filter_with_its_page(self, route, pairs):
        response = self.client.get(f"{self.agenda.url}{route}?{query_string(pairs)}")
        assert_handled(response, expected=(200,))
        if route != "agenda/":  # a calendar file, not a page
            assert_no_live_markup(response.content)

    @settings(max_examples=examples(30))
    @given(
        year=st.one_of(st.integers(0, 9999), st.sampled_from([1899, 1900, 9998, 9999])),
        month=st.one_of(st.integers(0, 99), st.sampled_from([1, 12])),
    )
    def test_any_month_has_a_page_or_is_not_found(self, year, month):
        response = self.client.get(f"{self.agenda.url}mois/{year:04d}-{month:02d}/")
        assert_handled(response, expected=(200, 404))
        if 1 <= month <= 12 and 1900 <= year <= 9998:
            assert response.status_code == 200

    @settings(max_examples=examples(15))
    @given(month=st.from_regex(r"\A\d{4}-\d{2}\Z"))
    def test_a_month_in_other_digits_is_answered(self, month):
        # \d in the route matches any Unicode digit (Arabic-Indic, Devanagari…).
        response = self.client.get(f"{self.agenda.url}mois/{month}/")
        assert_handled(response, expected=(200, 404))


class EventDateTests(HostileTestCase):
    """An event's date routes: the date page, its calendar file, its registration pages."""

    @classmethod
    def setUpTestData(cls):
        build_site_with_listings(cls)

    DAY_ROUTES = ["", "agenda/", "inscription/", "inscription/la-mienne/"]

    @settings(max_examples=examples(40))
    @given(
        day=st.one_of(
            st.sampled_from([*DATES, "1900-01-01", "0001-01-02", "9999-12-30"]),
            st.dates().map(lambda date: f"{date.year:04d}-{date.month:02d}-{date.day:02d}"),
            st.from_regex(r"\A\d{4}-\d{2}-\d{2}\Z"),
        ),
        route=st.sampled_from(DAY_ROUTES),
    )
    def test_any_date_has_a_page_or_is_not_found(self, day, route):
        response = self.client.get(f"{self.event.url}{day}/{route}")
        # The registrant's page without a valid link is a 400.
        assert_handled(response, expected=(200, 400, 404))

    def test_the_first_and_last_days_datetime_can_hold_are_not_found(self):
        for day in ("0001-01-01", "9999-12-31"):
            for route in self.DAY_ROUTES[:3]:
                response = self.client.get(f"{self.event.url}{day}/{route}")
                assert_handled(response, expected=(404,))

    @settings(max_examples=examples(25))
    @given(pairs=query_pairs(["cle", "nouvelle"]))
    def test_my_registration_refuses_any_forged_link(self, pairs):
        day = self.occurrence.local_date.isoformat()
        response = self.client.get(
            f"{self.event.url}{day}/inscription/la-mienne/?{query_string(pairs)}"
        )
        assert_handled(response, expected=(400, 410))
        assert_no_live_markup(response.content)


class SearchAndPlumbingTests(HostileTestCase):
    @classmethod
    def setUpTestData(cls):
        build_site_with_listings(cls)

    @settings(max_examples=examples(40))
    @given(pairs=query_pairs(SEARCH_PARAMETERS), language=st.sampled_from(["", "/en", "/ar"]))
    def test_the_search_answers_any_query_with_its_page(self, pairs, language):
        response = self.client.get(f"{language}/recherche/?{query_string(pairs)}")
        assert_handled(response, expected=(200,))
        assert_no_live_markup(response.content)

    @settings(max_examples=examples(10))
    @given(
        path=st.sampled_from(["/sitemap.xml", "/robots.txt"]),
        pairs=query_pairs(["p", "page", "section"]),
    )
    def test_sitemap_and_robots_ignore_their_query(self, path, pairs):
        response = self.client.get(f"{path}?{query_string(pairs)}")
        # The sitemap reads ?p= as its page number: a page that does not exist is a 404.
        assert_handled(response, expected=(200, 404))

    @settings(max_examples=examples(25))
    @given(
        method=st.sampled_from(["head", "post", "put", "patch", "delete", "options", "trace"]),
        page=st.sampled_from(
            ["offers", "feed", "agenda", "month", "archive", "date", "search", "sitemap"]
        ),
    )
    def test_any_method_on_a_public_page_is_answered(self, method, page):
        day = self.occurrence.local_date.isoformat()
        url = {
            "offers": self.offers.url,
            "feed": f"{self.offers.url}flux/",
            "agenda": self.agenda.url,
            "month": f"{self.agenda.url}mois/2026-05/",
            "archive": f"{self.agenda.url}archives/",
            "date": f"{self.event.url}{day}/",
            "search": "/recherche/?q=cariste",
            "sitemap": "/sitemap.xml",
        }[page]
        response = getattr(self.client, method)(url)
        # Wagtail pages answer any method with the page; the search and the sitemap refuse
        # what is not GET or HEAD.
        assert_handled(response, expected=(200, 405))

    @settings(max_examples=examples(10))
    @given(number=st.sampled_from(NUMBERS))
    def test_any_page_number_of_the_listings_is_answered(self, number):
        for url in (self.offers.url, self.agenda.url, f"{self.agenda.url}archives/"):
            response = self.client.get(url, {"page": number})
            assert_handled(response, expected=(200,))
