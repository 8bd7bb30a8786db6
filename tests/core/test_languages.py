"""Three languages: the switcher leads to the same page in the other language, or to that
language's home page with a notice; hreflang alternates in pages and in the sitemap."""

from urllib.parse import urlsplit
from xml.etree import ElementTree

from bs4 import BeautifulSoup
from django.test import TestCase
from django.utils.translation import gettext, override
from wagtail.models import Locale

from tests.home.factories import StandardPageFactory, get_home_page
from tests.offers.factories import OfferPageFactory, get_offer_index_page

MISSING_TRANSLATION_NOTICE = (
    "La page que vous regardiez n'existe pas encore dans cette langue. Voici la page d'accueil."
)
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def translate(page, language_code, title):
    """A published translation of `page`, as an editor would make with wagtail-localize."""
    translation = page.copy_for_translation(Locale.objects.get(language_code=language_code))
    translation.title = title
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation


def parse(response):
    return BeautifulSoup(response.content, "html.parser")


def switcher(response):
    return {link["lang"]: link["href"] for link in parse(response).select(".language-switcher a")}


def alternates(response):
    return {
        link["hreflang"]: link["href"]
        for link in parse(response).select('link[rel="alternate"][hreflang]')
    }


class LanguagesTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = get_home_page()
        cls.home_en = translate(cls.home, "en", "Home")
        cls.home_ar = translate(cls.home, "ar", "الرئيسية")
        cls.page = StandardPageFactory(parent=cls.home, title="Le PTCE", slug="le-ptce")
        cls.page_en = translate(cls.page, "en", "The PTCE")
        cls.offer_index = get_offer_index_page()
        cls.offer_index_en = translate(cls.offer_index, "en", "Job offers")
        cls.offer_index_ar = translate(cls.offer_index, "ar", "عروض العمل")
        cls.offer = OfferPageFactory(parent=cls.offer_index)
        cls.offer_en = translate(cls.offer, "en", "Cleaning agent")
        cls.offer_ar = translate(cls.offer, "ar", "عامل نظافة")
        cls.untranslated_offer = OfferPageFactory(parent=cls.offer_index, slug="cariste")

    def test_home_pages_link_to_each_other(self):
        response = self.client.get("/")
        assert switcher(response) == {"en": "/en/", "ar": "/ar/"}
        assert alternates(response) == {
            "fr": "http://localhost/",
            "en": "http://localhost/en/",
            "ar": "http://localhost/ar/",
            "x-default": "http://localhost/",
        }
        arabic = self.client.get("/ar/")
        assert parse(arabic).html["dir"] == "rtl"
        assert switcher(arabic) == {"fr": "/", "en": "/en/"}

    def test_a_translated_page_leads_to_its_translation(self):
        response = self.client.get(self.page.url)
        links = switcher(response)
        assert links["en"] == self.page_en.url == "/en/le-ptce/"
        assert set(alternates(response)) == {"fr", "en", "x-default"}

    def test_the_easy_read_version_stays_easy_read_in_the_other_language(self):
        links = switcher(self.client.get(f"{self.page.url}?lecture=facile"))
        assert links["en"] == "/en/le-ptce/?lecture=facile"
        # No translation: the home page with the notice, which has no easy-read version.
        assert links["ar"] == "/ar/?traduction=absente"

    def test_an_untranslated_language_leads_to_its_home_page_which_says_so(self):
        links = switcher(self.client.get(self.page.url))
        assert links["ar"] == "/ar/?traduction=absente"
        notice = parse(self.client.get(links["ar"])).select_one("main .notice")
        with override("ar"):
            assert notice.get_text() == gettext(MISSING_TRANSLATION_NOTICE)
        assert parse(self.client.get("/ar/")).select_one("main .notice") is None

    def test_the_offer_listing_and_an_offer_in_three_languages(self):
        for page, translations in [
            (self.offer_index, [self.offer_index_en, self.offer_index_ar]),
            (self.offer, [self.offer_en, self.offer_ar]),
        ]:
            for shown in [page, *translations]:
                response = self.client.get(shown.url)
                assert response.status_code == 200, shown.url
                expected = {
                    translation.locale.language_code: translation.url
                    for translation in [page, *translations]
                    if translation.pk != shown.pk
                }
                assert switcher(response) == expected
                assert set(alternates(response)) == {"fr", "en", "ar", "x-default"}

    def test_pages_that_are_not_wagtail_pages_switch_by_address(self):
        links = switcher(self.client.get("/recherche/?q=cariste"))
        assert links["en"] == "/en/recherche/?q=cariste"

    def test_the_sitemap_lists_every_language_with_its_alternates(self):
        root = ElementTree.fromstring(self.client.get("/sitemap.xml").content)
        entries = {
            path(url.find(f"{SITEMAP}loc").text): {
                link.get("hreflang"): path(link.get("href")) for link in url.findall(f"{XHTML}link")
            }
            for url in root.findall(f"{SITEMAP}url")
        }
        assert "/en/le-ptce/" in entries
        assert entries["/le-ptce/"] == {
            "fr": "/le-ptce/",
            "en": "/en/le-ptce/",
            "x-default": "/le-ptce/",
        }
        assert set(entries[self.offer_ar.url]) == {"fr", "en", "ar", "x-default"}
        assert entries["/ar/"] == {"fr": "/", "en": "/en/", "ar": "/ar/", "x-default": "/"}

    def test_english_pages_lead_to_french_and_arabic(self):
        for english, french, arabic in [
            (self.home_en, "/", "/ar/"),
            (self.page_en, self.page.url, "/ar/?traduction=absente"),
            (self.offer_index_en, self.offer_index.url, self.offer_index_ar.url),
            (self.offer_en, self.offer.url, self.offer_ar.url),
        ]:
            response = self.client.get(english.url)
            assert response.status_code == 200, english.url
            assert parse(response).html["lang"] == "en"
            assert parse(response).html.get("dir", "ltr") == "ltr"
            assert switcher(response) == {"fr": french, "ar": arabic}
            assert alternates(response)["en"] == f"http://localhost{english.url}"

    def test_an_untranslated_offer_leads_to_each_home_page_with_the_notice(self):
        response = self.client.get(self.untranslated_offer.url)
        links = switcher(response)
        assert links == {"en": "/en/?traduction=absente", "ar": "/ar/?traduction=absente"}
        # Alone in its language: no alternates to announce.
        assert alternates(response) == {}
        for url in links.values():
            assert parse(self.client.get(url)).select_one("main .notice") is not None

    def test_the_sitemap_gives_untranslated_pages_their_french_address_only(self):
        root = ElementTree.fromstring(self.client.get("/sitemap.xml").content)
        entries = {
            path(url.find(f"{SITEMAP}loc").text): {
                link.get("hreflang") for link in url.findall(f"{XHTML}link")
            }
            for url in root.findall(f"{SITEMAP}url")
        }
        assert entries[self.untranslated_offer.url] <= {"fr"}
        assert entries[self.offer_index_en.url] == {"fr", "en", "ar", "x-default"}
        assert entries["/en/"] == {"fr", "en", "ar", "x-default"}


def path(url):
    return urlsplit(url).path


class MissingTranslationsReportTestCase(TestCase):
    def test_editors_see_which_pages_lack_which_language(self):
        from django.contrib.auth import get_user_model

        home = get_home_page()
        translate(home, "en", "Home")
        translate(home, "ar", "الرئيسية")
        half = StandardPageFactory(parent=home, title="Nos résultats")
        translate(half, "en", "Our results")
        StandardPageFactory(parent=home, title="Mentions légales")
        editor = get_user_model().objects.create_superuser("chef", "chef@exemple.fr", "x")
        self.client.force_login(editor)

        response = self.client.get("/admin/reports/pages-a-traduire/")

        assert response.status_code == 200
        rows = {
            row.select_one("td.title").get_text(" ", strip=True).split(" ")[0]: row.select("td")[
                -1
            ].get_text(strip=True)
            for row in parse(response).select("table.listing tbody tr")
        }
        assert "Accueil" not in rows
        assert rows["Nos"] == "العربية"
        assert rows["Mentions"] == "English, العربية"
        export = self.client.get("/admin/reports/pages-a-traduire/?export=csv")
        assert "Langues manquantes" in export.getvalue().decode("utf-8-sig")


class TranslationsStayDraftsTestCase(TestCase):
    """wagtail-localize's « Traduire » on a live French page makes a draft in the other language:
    visitors keep being sent to that language's home page until an editor publishes it."""

    def test_a_page_sent_to_translation_is_not_shown_until_published(self):
        from wagtail_localize.operations import translate_object

        home = get_home_page()
        translate(home, "en", "Home")
        page = StandardPageFactory(parent=home, title="Nos résultats", slug="nos-resultats")

        # wagtail-localize publishes once the transaction is committed, if it publishes at all.
        with self.captureOnCommitCallbacks(execute=True):
            translate_object(page, [Locale.objects.get(language_code="en")])

        draft = page.get_translation(Locale.objects.get(language_code="en"))
        assert not draft.live
        assert self.client.get("/en/nos-resultats/").status_code == 404
        assert path(switcher(self.client.get(page.url))["en"]) == "/en/"

        draft.title = "Our results"
        draft.save_revision().publish()

        assert self.client.get("/en/nos-resultats/").status_code == 200
        assert switcher(self.client.get(page.url))["en"] == "/en/nos-resultats/"
