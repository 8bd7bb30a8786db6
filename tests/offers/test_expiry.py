"""An offer leaves the site once its time has passed, and a filled one once an editor says so.

The story of one offer, day by day, with the clock moved by time-machine: current on its last day,
hidden the next morning before the cron runs, unpublished by `publish_scheduled`, still reachable
with a notice, and back when an editor republishes it with a later date.
"""

import datetime
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.urls import reverse

from offers.enums import OfferStatus
from offers.models import OfferPage
from tests.core.factories import SiteSettingsFactory
from tests.home.factories import create_site
from tests.offers.factories import OfferPageFactory, get_offer_index_page

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
LAST_DAY = datetime.date(2026, 2, 10)
CREATED = datetime.datetime(2026, 1, 21, 10, 0, tzinfo=PARIS)
LAST_MINUTE = datetime.datetime(2026, 2, 10, 23, 59, tzinfo=PARIS)
NEXT_MORNING = datetime.datetime(2026, 2, 11, 0, 0, 30, tzinfo=PARIS)
# A word in the title and nowhere else on the site, to look for the offer.
TITLE_WORD = "cariste"
SEARCH_URL = reverse("search:results")


def parse(response):
    return BeautifulSoup(response.content, "html.parser")


def page_text(response):
    return parse(response).get_text(" ", strip=True)


def found_by_site_search(client, offer):
    response = client.get(SEARCH_URL, {"q": TITLE_WORD})
    assert response.status_code == 200
    return any(link["href"] == offer.url for link in parse(response).select("ol.results a"))


def in_sitemap(client, offer):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    return offer.url in response.content.decode()


def in_listing(client, offer):
    response = client.get(get_offer_index_page().url)
    assert response.status_code == 200
    return any(link.get("href") == offer.url for link in parse(response).select("main a"))


def reload(offer):
    return OfferPage.objects.get(pk=offer.pk)


@pytest.fixture
def site():
    home = create_site()
    SiteSettingsFactory()
    return home


@pytest.fixture
def offer(site, time_machine):
    time_machine.move_to(CREATED, tick=False)
    OfferPageFactory(title="Préparateur de commandes (H/F)")
    return OfferPageFactory(title="Cariste de nuit (H/F)", expiry_date=LAST_DAY)


def test_the_offer_leaves_wagtail_the_next_midnight_in_paris(offer):
    assert offer.expire_at == datetime.datetime(2026, 2, 11, 0, 0, tzinfo=PARIS)


def test_on_its_last_day_the_offer_is_everywhere(client, offer, time_machine):
    time_machine.move_to(LAST_MINUTE, tick=False)

    assert OfferPage.objects.current().filter(pk=offer.pk).exists()
    assert found_by_site_search(client, offer)
    assert in_sitemap(client, offer)
    assert in_listing(client, offer)
    assert client.get(offer.url).status_code == 200

    # The cron may run a minute before midnight: the offer stays.
    call_command("publish_scheduled")
    assert reload(offer).live


def test_the_next_morning_it_is_hidden_even_before_the_cron_runs(client, offer, time_machine):
    time_machine.move_to(NEXT_MORNING, tick=False)

    offer = reload(offer)
    assert offer.live
    assert not OfferPage.objects.current().filter(pk=offer.pk).exists()
    assert offer.status == OfferStatus.EXPIRED
    assert not found_by_site_search(client, offer)
    assert not in_sitemap(client, offer)
    assert not in_listing(client, offer)
    response = client.get(offer.url)
    assert response.status_code == 200
    assert "Offre expirée" in page_text(response)


def test_the_cron_unpublishes_it_and_its_page_stays_with_a_notice(client, offer, time_machine):
    time_machine.move_to(NEXT_MORNING, tick=False)

    call_command("publish_scheduled")

    offer = reload(offer)
    assert not offer.live
    assert offer.expired
    assert offer.status == OfferStatus.EXPIRED
    response = client.get(offer.url)
    assert response.status_code == 200
    assert "Offre expirée" in page_text(response)
    # Nothing left to apply to: no form, no job posting for search engines.
    assert "JobPosting" not in response.content.decode()
    assert not parse(response).select("form[method=post]")
    assert not found_by_site_search(client, offer)
    assert not in_sitemap(client, offer)
    assert not in_listing(client, offer)
    # The other offer, still current, is untouched.
    assert OfferPage.objects.current().filter(title="Préparateur de commandes (H/F)").exists()


def test_weeks_later_the_expired_page_still_answers(client, offer, time_machine):
    time_machine.move_to(NEXT_MORNING, tick=False)
    call_command("publish_scheduled")
    time_machine.move_to(NEXT_MORNING + datetime.timedelta(days=90), tick=False)

    response = client.get(reload(offer).url)

    assert response.status_code == 200
    assert "Offre expirée" in page_text(response)


def test_a_draft_that_never_went_live_is_not_served_by_the_expiry_route(client, site):
    draft = OfferPageFactory(title="Cariste en brouillon (H/F)", draft=True)

    assert client.get(draft.url).status_code == 404


def test_republished_with_a_later_date_it_comes_back(client, offer, time_machine):
    time_machine.move_to(NEXT_MORNING, tick=False)
    call_command("publish_scheduled")

    offer = reload(offer)
    offer.expiry_date = LAST_DAY + datetime.timedelta(days=30)
    offer.save_revision().publish()

    offer = reload(offer)
    assert offer.live
    assert not offer.expired
    assert offer.expire_at == datetime.datetime(2026, 3, 13, 0, 0, tzinfo=PARIS)
    assert offer.status == OfferStatus.OPEN
    assert OfferPage.objects.current().filter(pk=offer.pk).exists()
    assert found_by_site_search(client, offer)
    assert in_sitemap(client, offer)
    assert in_listing(client, offer)
    assert "Offre expirée" not in page_text(client.get(offer.url))

    call_command("publish_scheduled")
    assert reload(offer).live


class TestFilledOffer:
    @pytest.fixture
    def filled_offer(self, site, time_machine):
        time_machine.move_to(CREATED, tick=False)
        return OfferPageFactory(title="Cariste de jour (H/F)", filled=True, expiry_date=LAST_DAY)

    def test_it_stays_live_and_says_the_position_is_filled(self, client, filled_offer):
        call_command("publish_scheduled")

        offer = reload(filled_offer)
        assert offer.live
        assert offer.status == OfferStatus.FILLED
        response = client.get(offer.url)
        assert response.status_code == 200
        assert "Poste pourvu" in page_text(response)
        assert "JobPosting" not in response.content.decode()

    def test_it_is_out_of_the_listing_the_sitemap_and_the_search(self, client, filled_offer):
        assert not OfferPage.objects.current().filter(pk=filled_offer.pk).exists()
        assert not found_by_site_search(client, filled_offer)
        assert not in_sitemap(client, filled_offer)
        assert not in_listing(client, filled_offer)

    def test_an_editor_reopening_it_brings_it_back(self, client, filled_offer):
        filled_offer.filled = False
        filled_offer.save_revision().publish()

        assert found_by_site_search(client, filled_offer)
        assert in_sitemap(client, filled_offer)
        assert in_listing(client, filled_offer)


def test_search_words_find_the_offer_only_while_it_is_current(client, offer, time_machine):
    """The search query itself, quoted as a resident types it, on both sides of midnight."""
    time_machine.move_to(LAST_MINUTE, tick=False)
    url = f"{SEARCH_URL}?q={quote('Cariste de nuit')}"
    assert offer.title in page_text(client.get(url))

    time_machine.move_to(NEXT_MORNING, tick=False)
    assert offer.title not in page_text(client.get(url))
