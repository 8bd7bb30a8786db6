"""The English and Arabic part of `manage.py load_demo`: translations an editor can keep editing."""

from bs4 import BeautifulSoup
from wagtail.models import Page
from wagtail_localize.models import StringTranslation, Translation

from home.demo.translations import OFFER_SLUGS, UNTRANSLATED_OFFER_SLUG
from offers.models import OfferPage
from reference.models import Sector, Trade
from tests.home.demo_tests import LoadDemoTwiceTestCase


def content_counts():
    return {
        "pages": Page.objects.count(),
        "translations": Translation.objects.count(),
        "strings": StringTranslation.objects.count(),
        "trades": Trade.objects.count(),
    }


def heading(response):
    return BeautifulSoup(response.content, "html.parser").h1.get_text(strip=True)


class TestTranslationsDemo(LoadDemoTwiceTestCase):
    content_counts = staticmethod(content_counts)

    def test_home_standard_page_listing_and_offers_read_in_english_and_arabic(self):
        for url, expected in [
            ("/en/", "Bringing people from priority neighbourhoods and hiring companies together"),
            ("/ar/", "نقرّب سكان الأحياء ذات الأولوية من الشركات التي توظّف"),
            ("/en/looking-for-a-job/", "I am looking for a job"),
            ("/ar/je-cherche-un-emploi/", "أبحث عن عمل"),
            ("/en/job-offers/", "Job offers"),
            ("/ar/offres/", "عروض العمل"),
            ("/en/job-offers/order-picker-saint-denis/", "Order picker"),
        ]:
            response = self.client.get(url)
            assert response.status_code == 200, url
            assert heading(response) == expected

    def test_the_easy_read_version_and_the_questions_are_translated(self):
        response = self.client.get("/en/looking-for-a-job/?lecture=facile")
        assert "The adviser helps you write your CV." in response.content.decode()
        arabic = self.client.get("/ar/je-cherche-un-emploi/").content.decode()
        assert "هل الخدمة بمقابل؟" in arabic

    def test_translations_are_published_and_editable_in_the_translation_editor(self):
        # Every other English offer is an alias of its French page (offers.translations).
        offers = OfferPage.objects.filter(locale__language_code="en", alias_of__isnull=True)
        assert offers.count() == len(OFFER_SLUGS)
        assert all(offer.live for offer in offers)
        assert Translation.objects.filter(target_locale__language_code="ar").count() > 50
        assert Translation.objects.filter(enabled=False).count() == 0

    def test_translated_offers_show_sectors_and_trades_of_their_language(self):
        offer = OfferPage.objects.get(locale__language_code="en", slug="order-picker-saint-denis")
        assert offer.trade.label == "Warehouse work and order picking"
        assert offer.sector.name == "Logistics and transport"
        assert offer.trade.sector == offer.sector
        assert (
            Sector.objects.filter(locale__language_code="ar").count()
            == Sector.objects.filter(locale__language_code="fr").count()
        )
        response = self.client.get("/en/job-offers/?secteur=logistique")
        assert "Order picker" in response.content.decode()

    def test_one_offer_is_left_untranslated_for_the_notice(self):
        french = OfferPage.objects.get(locale__language_code="fr", slug=UNTRANSLATED_OFFER_SLUG)
        english = OfferPage.objects.get(locale__language_code="en", alias_of=french)
        response = self.client.get(english.url)
        assert response.status_code == 200
        assert "This offer is not translated yet" in response.content.decode()

    def test_a_second_run_adds_nothing(self):
        assert "Les traductions anglaises et arabes existent déjà." in self.second_output
        assert self.counts_after_second_run == self.counts_after_first_run
