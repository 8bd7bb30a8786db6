"""Every resident reads offers in their language (issue 14).

The English and Arabic listings show every current offer: the translated ones in their
translation, the others in French (aliases, offers.translations) inside the reader's interface,
their French text marked lang="fr"; filters work on both; an offer's page names its trade and
sector in the reader's language; numbers, phones and addresses read left to right in Arabic; an
offer's JSON-LD gives the French original's dates in every language; the number of queries does
not grow with the offers.
"""

import datetime
import json
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import TestCase
from wagtail.models import Locale
from wagtail_localize.models import TranslationSource

from offers.models import OfferPage
from offers.translations import sync_offer_aliases
from reference.models import Neighbourhood, Sector, Trade
from tests.core.factories import SiteSettingsFactory
from tests.home.factories import get_home_page
from tests.offers.factories import (
    BranchPageFactory,
    OfferPageFactory,
    create_offers_in_bulk,
    days_ago,
    get_offer_index_page,
)
from tests.organisations.factories import OrganisationFactory
from tests.queries import PUBLIC_PAGE_BUDGET, count_queries
from tests.reference.factories import NeighbourhoodFactory, TradeFactory

PARIS = ZoneInfo("Europe/Paris")


def translate_page(page, language_code, title, **fields):
    """A published translation of `page`, as an editor makes it with wagtail-localize."""
    translation = page.copy_for_translation(Locale.objects.get(language_code=language_code))
    translation.title = title
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation.specific


def translate_offer(offer, language_code, title, **fields):
    """An editor translates an offer with wagtail-localize: its alias becomes the translation."""
    source, _created = TranslationSource.get_or_create_from_instance(offer)
    translation, _created = source.create_or_update_translation(
        Locale.objects.get(language_code=language_code), fallback=True
    )
    translation.title = title
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation.specific


def in_language(model, language_code, **lookup):
    return model.objects.get(locale__language_code=language_code, **lookup)


def translate_snippet(snippet, language_code, **fields):
    translation = snippet.copy_for_translation(Locale.objects.get(language_code=language_code))
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    return translation


def translate_trade(trade, english_label, arabic_label, english_sector, arabic_sector):
    """The trade and its sector in English and Arabic."""
    en_sector = translate_snippet(trade.sector, "en", name=english_sector)
    ar_sector = translate_snippet(trade.sector, "ar", name=arabic_sector)
    translate_snippet(trade, "en", label=english_label, sector=en_sector)
    translate_snippet(trade, "ar", label=arabic_label, sector=ar_sector)


def parse(response):
    return BeautifulSoup(response.content, "html.parser")


def cards(response):
    return parse(response).select(".offer-cards .card")


def card_titles(response):
    return [card.select_one(".card__title a").get_text(strip=True) for card in cards(response)]


def build_translated_site():
    """Home and offers page in three languages, a logistics trade and a cleaning trade in three
    languages, a neighbourhood in three."""
    home = get_home_page()
    SiteSettingsFactory(phone="01 99 00 12 34", address="12 rue des Tisserands\n93200 Saint-Denis")
    translate_page(home, "en", "Home")
    translate_page(home, "ar", "الرئيسية")
    index = get_offer_index_page()
    index_en = translate_page(index, "en", "Job offers", slug="job-offers")
    index_ar = translate_page(index, "ar", "عروض العمل")
    magasinage = TradeFactory(magasinage=True)
    translate_trade(
        magasinage, "Warehousing", "التخزين", "Logistics and transport", "اللوجستيك والنقل"
    )
    nettoyage = TradeFactory(nettoyage=True)
    translate_trade(nettoyage, "Cleaning", "التنظيف", "Cleaning sector", "قطاع النظافة")
    franc_moisin = NeighbourhoodFactory(
        name="Franc-Moisin", slug="franc-moisin", commune="Saint-Denis"
    )
    translate_snippet(franc_moisin, "en", name="Franc-Moisin (EN)")
    translate_snippet(franc_moisin, "ar", name="فران موازان")
    return index, index_en, index_ar, magasinage, nettoyage, franc_moisin


class EveryOfferInEveryLanguageTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        (
            cls.index,
            cls.index_en,
            cls.index_ar,
            magasinage,
            nettoyage,
            franc_moisin,
        ) = build_translated_site()
        cls.translated = OfferPageFactory(
            title="Agent de propreté (H/F)",
            trade=nettoyage,
            first_published_at=days_ago(3),
        )
        cls.translated_en, cls.translated_ar = (
            translate_page(
                cls.translated,
                code,
                title,
                trade=in_language(Trade, code, rome_code="K2204"),
                sector=in_language(Sector, code, slug="proprete"),
            )
            for code, title in [("en", "Cleaning agent (M/F)"), ("ar", "عامل نظافة")]
        )
        cls.cariste = OfferPageFactory(
            title="Cariste (H/F)",
            slug="cariste",
            trade=magasinage,
            neighbourhood=franc_moisin,
            fixed_term=True,
            first_published_at=days_ago(1),
            description="<p>Vous conduisez un chariot élévateur.</p>",
            schedule="De 6 h à 13 h",
        )
        cls.preparateur = OfferPageFactory(
            title="Préparateur de commandes (H/F)",
            trade=magasinage,
            first_published_at=days_ago(2),
        )
        OfferPageFactory(title="Offre expirée", expired=True)
        OfferPageFactory(title="Poste déjà pourvu", filled=True)
        OfferPageFactory(title="Offre en brouillon", draft=True)
        sync_offer_aliases()
        cls.cariste_en = OfferPage.objects.get(
            translation_key=cls.cariste.translation_key, locale__language_code="en"
        )
        cls.cariste_ar = OfferPage.objects.get(
            translation_key=cls.cariste.translation_key, locale__language_code="ar"
        )

    # --- The listings

    def test_english_and_arabic_list_every_current_french_offer(self):
        for index, translated_title in [
            (self.index_en, "Cleaning agent (M/F)"),
            (self.index_ar, "عامل نظافة"),
        ]:
            response = self.client.get(index.url)
            assert response.status_code == 200
            # The translation's publication is its own: it comes first, newest.
            assert card_titles(response) == [
                translated_title,
                "Cariste (H/F)",
                "Préparateur de commandes (H/F)",
            ]

    def test_an_untranslated_offer_is_listed_in_french_marked_as_such(self):
        response = self.client.get(self.index_ar.url)
        by_title = {
            card.select_one(".card__title a").get_text(strip=True): card for card in cards(response)
        }
        untranslated = by_title["Cariste (H/F)"]
        assert untranslated.select_one(".card__title a")["lang"] == "fr"
        assert untranslated.select_one(".offer-card__language") is not None
        # Its neighbourhood in the page's language, the duration it was written with in French.
        assert "فران موازان" in untranslated.get_text()
        assert untranslated.find("span", lang="fr", string="6 mois") is not None
        translated = by_title["عامل نظافة"]
        assert translated.select_one(".card__title a").get("lang") is None
        assert translated.select_one(".offer-card__language") is None
        assert parse(response).html["dir"] == "rtl"

    def test_the_filters_are_in_the_page_language_and_find_untranslated_offers(self):
        response = self.client.get(self.index_en.url, {"secteur": "logistique"})
        assert card_titles(response) == ["Cariste (H/F)", "Préparateur de commandes (H/F)"]
        sectors = [option.get_text() for option in parse(response).select("#filtre-secteur option")]
        assert "Logistics and transport" in sectors
        assert "Logistique et transport" not in sectors

        by_trade = self.client.get(self.index_en.url, {"metier": "K2204"})
        assert card_titles(by_trade) == ["Cleaning agent (M/F)"]
        by_place = self.client.get(self.index_ar.url, {"quartier": "franc-moisin"})
        assert card_titles(by_place) == ["Cariste (H/F)"]

    def test_keywords_search_within_the_filters_of_untranslated_offers(self):
        response = self.client.get(self.index_en.url, {"secteur": "logistique", "q": "cariste"})
        assert response.status_code == 200
        assert card_titles(response) == ["Cariste (H/F)"]

    def test_the_french_listing_is_unchanged(self):
        response = self.client.get(self.index.url)
        assert card_titles(response) == [
            "Cariste (H/F)",
            "Préparateur de commandes (H/F)",
            "Agent de propreté (H/F)",
        ]
        assert parse(response).select(".offer-card__language") == []
        assert parse(response).select(".offer-cards [lang]") == []

    def test_the_english_feed_lists_untranslated_offers(self):
        response = self.client.get(self.index_en.url + "flux/")
        assert response.status_code == 200
        content = response.content.decode()
        assert "Cariste (H/F)" in content
        assert "Cleaning agent (M/F)" in content
        assert "Logistics and transport" in content

    # --- An offer's page

    def test_an_untranslated_offer_page_shows_its_french_text_in_the_reader_interface(self):
        response = self.client.get(self.cariste_en.url)
        assert response.status_code == 200
        page = parse(response)
        assert page.html["lang"] == "en"
        assert page.find("h1")["lang"] == "fr"
        assert page.select_one(".offer .prose")["lang"] == "fr"
        assert page.find("span", lang="fr", string="De 6 h à 13 h") is not None
        notice = page.select_one(".offer-language")
        assert notice is not None
        assert notice.find("a", href=self.cariste.url) is not None
        # The French page is the one search engines should find.
        assert page.find("meta", attrs={"name": "robots", "content": "noindex"}) is not None
        # « Ça m'intéresse » is offered there too.
        assert page.select_one("form.interest-form") is not None

    def test_an_untranslated_offer_found_by_the_site_search_is_marked_french(self):
        response = self.client.get("/en/recherche/", {"q": "cariste"})
        link = parse(response).find("a", href=self.cariste_en.url)
        assert link is not None
        assert link["lang"] == "fr"

    def test_search_engines_are_pointed_at_the_french_page_not_at_its_aliases(self):
        sitemap = self.client.get("/sitemap.xml").content.decode()
        assert self.cariste.full_url in sitemap
        assert self.cariste_en.full_url not in sitemap
        assert self.cariste_ar.full_url not in sitemap
        # The page itself names no alias as an alternate; its switcher still offers them.
        page = parse(self.client.get(self.cariste.url))
        assert page.select('link[rel="alternate"][hreflang]') == []
        assert page.find("a", href=self.cariste_en.url) is not None

    def test_an_offer_page_names_its_trade_and_sector_in_the_reader_language(self):
        for offer, trade, sector in [
            (self.cariste, "Magasinage et préparation de commandes", "Logistique et transport"),
            (self.cariste_en, "Warehousing", "Logistics and transport"),
            (self.cariste_ar, "التخزين", "اللوجستيك والنقل"),
            (self.translated_en, "Cleaning", "Cleaning sector"),
        ]:
            facts = parse(self.client.get(offer.url)).select_one(".offer-facts").get_text(" ")
            assert trade in facts, offer.url
            assert sector in facts, offer.url

    def test_a_translated_offer_links_to_its_french_original(self):
        page = parse(self.client.get(self.translated_en.url))
        notice = page.select_one(".offer-language")
        assert notice is not None
        assert notice.find("a", href=self.translated.url) is not None
        assert page.find("h1").get("lang") is None
        assert page.find("meta", attrs={"name": "robots"}) is None

    def test_a_french_offer_has_no_language_notice(self):
        page = parse(self.client.get(self.cariste.url))
        assert page.select_one(".offer-language") is None
        assert page.find("h1").get("lang") is None

    def test_numbers_postcodes_and_addresses_read_left_to_right_in_arabic(self):
        page = parse(self.client.get(self.cariste_ar.url))
        ltr = [element.get_text() for element in page.select('.offer bdi[dir="ltr"]')]
        assert "4 rue du Port" in ltr
        assert "93200 Saint-Denis" in ltr
        assert "35" in ltr  # hours a week
        assert (
            "1 823,03" in " ".join(ltr)
            or "1823,03" in " ".join(ltr)
            or any("1" in text and "823" in text for text in ltr)
        )
        assert self.cariste.reference in ltr

    def test_the_phone_reads_left_to_right_on_the_empty_listing(self):
        response = self.client.get(self.index_ar.url, {"commune": "Nulle-part", "q": "zzz"})
        ltr = [element.get_text() for element in parse(response).select('bdi[dir="ltr"]')]
        assert "01 99 00 12 34" in ltr

    def test_the_sync_is_idempotent(self):
        call_command("sync_offer_translations", stdout=StringIO())
        assert OfferPage.objects.filter(translation_key=self.cariste.translation_key).count() == 3


# --- An editor publishes a French offer ---------------------------------------------------------
@pytest.mark.django_db
def test_a_new_french_offer_published_by_an_editor_appears_in_english_and_arabic(client):
    _index, index_en, index_ar, magasinage, _nettoyage, _place = build_translated_site()
    offer = OfferPageFactory(title="Magasinier (H/F)", trade=magasinage, draft=True)
    assert "Magasinier (H/F)" not in card_titles(client.get(index_en.url))

    offer.save_revision().publish()

    for listing in [index_en, index_ar]:
        assert "Magasinier (H/F)" in card_titles(client.get(listing.url))
    # A later change reaches them too; unpublishing takes them off.
    offer.title = "Magasinier cariste (H/F)"
    offer.save_revision().publish()
    assert "Magasinier cariste (H/F)" in card_titles(client.get(index_ar.url))
    offer.refresh_from_db()
    offer.unpublish()
    assert card_titles(client.get(index_ar.url)) == []


@pytest.mark.django_db
def test_translating_an_untranslated_offer_replaces_its_alias():
    _index, index_en, _index_ar, magasinage, _nettoyage, _place = build_translated_site()
    offer = OfferPageFactory(title="Magasinier (H/F)", trade=magasinage)
    sync_offer_aliases()
    alias = OfferPage.objects.get(translation_key=offer.translation_key, locale=index_en.locale)
    assert alias.alias_of_id == offer.pk

    english = translate_offer(offer, "en", "Storekeeper (M/F)")

    assert english.pk == alias.pk
    assert english.alias_of_id is None
    assert english.title == "Storekeeper (M/F)"


@pytest.mark.django_db
def test_deleting_a_french_offer_deletes_its_aliases(client):
    _index, index_en, index_ar, magasinage, _nettoyage, _place = build_translated_site()
    offer = OfferPageFactory(title="Magasinier (H/F)", trade=magasinage)
    sync_offer_aliases()
    assert OfferPage.objects.filter(alias_of=offer).count() == 2

    offer.delete()

    assert not OfferPage.objects.filter(translation_key=offer.translation_key).exists()
    for listing in [index_en, index_ar]:
        assert "Magasinier (H/F)" not in card_titles(client.get(listing.url))


@pytest.mark.django_db
def test_a_branch_page_lists_each_offer_once_in_its_own_language(client):
    _index, _en, _ar, magasinage, _nettoyage, _place = build_translated_site()
    OfferPageFactory(title="Magasinier (H/F)", trade=magasinage)
    sync_offer_aliases()
    branch = BranchPageFactory(sector=magasinage.sector)
    translate_page(branch.get_parent(), "en", "Trades", slug="trades")
    english_sector = Sector.objects.get(
        translation_key=magasinage.sector.translation_key, locale__language_code="en"
    )
    branch_en = translate_page(branch, "en", "Logistics", sector=english_sector)

    # Not the French offer and its two aliases: one card, in the page's language's tree.
    assert card_titles(client.get(branch.url)) == ["Magasinier (H/F)"]
    assert card_titles(client.get(branch_en.url)) == ["Magasinier (H/F)"]
    english_card = cards(client.get(branch_en.url))[0]
    assert english_card.select_one(".card__title a")["href"].startswith("/en/")


# --- JSON-LD: one job, one date ----------------------------------------------------------------
@pytest.mark.django_db
def test_the_job_posting_has_the_french_dates_in_every_language(client):
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, tzinfo=PARIS), tick=False):
        _index, _en, _ar, _magasinage, nettoyage, _place = build_translated_site()
        offer = OfferPageFactory(
            title="Agent de propreté (H/F)",
            trade=nettoyage,
            draft=True,
            expiry_date=datetime.date(2026, 4, 30),
        )
        offer.save_revision().publish()
    # Translated a week later; its own expiry date left behind (not synchronised yet).
    with time_machine.travel(datetime.datetime(2026, 3, 9, 9, tzinfo=PARIS), tick=False):
        english = translate_offer(
            offer, "en", "Cleaning agent (M/F)", expiry_date=datetime.date(2026, 4, 20)
        )
        postings = []
        aliases = OfferPage.objects.filter(
            translation_key=offer.translation_key, locale__language_code="ar"
        )
        for page in [offer, english, *aliases]:
            response = client.get(page.url)
            script = parse(response).find("script", type="application/ld+json")
            postings.append(json.loads(script.string))
    assert len(postings) == 3
    assert {posting["datePosted"] for posting in postings} == {"2026-03-02"}
    assert {posting["validThrough"] for posting in postings} == {"2026-05-01T00:00:00+02:00"}


# --- A constant number of queries --------------------------------------------------------------
def listing_queries(client, url, params=None):
    assert card_titles(client.get(url, params or {}))
    return count_queries(client, url, params)


@pytest.mark.django_db
@pytest.mark.parametrize("params", [{}, {"secteur": "logistique", "q": "commandes"}])
def test_untranslated_offers_cost_no_query_in_the_listing(client, params):
    index, index_en, _ar, magasinage, _nettoyage, franc_moisin = build_translated_site()
    translated = OfferPageFactory(title="Préparateur de commandes", trade=magasinage)
    translate_page(
        translated,
        "en",
        "Order picker",
        trade=in_language(Trade, "en", rome_code="N1103"),
        sector=in_language(Sector, "en", slug="logistique"),
        neighbourhood=in_language(Neighbourhood, "en", slug="franc-moisin"),
    )
    translated_only = listing_queries(client, index_en.url, params)

    trades = list(Trade.objects.filter(locale=index.locale).select_related("sector"))
    employers = [OrganisationFactory()]
    create_offers_in_bulk(3, trades, neighbourhoods=[franc_moisin], employers=employers)
    sync_offer_aliases()
    few = listing_queries(client, index_en.url, params)
    create_offers_in_bulk(30, trades, neighbourhoods=[franc_moisin], employers=employers)
    sync_offer_aliases()
    many = listing_queries(client, index_en.url, params)

    assert translated_only == few == many


@pytest.mark.django_db
def test_an_untranslated_offer_page_runs_a_fixed_number_of_queries(client):
    _index, index_en, _ar, magasinage, _nettoyage, franc_moisin = build_translated_site()
    translated = OfferPageFactory(trade=magasinage, neighbourhood=franc_moisin)
    english = translate_page(translated, "en", "Order picker")
    offer = OfferPageFactory(trade=magasinage, neighbourhood=franc_moisin)
    sync_offer_aliases()
    alias = OfferPage.objects.get(translation_key=offer.translation_key, locale=index_en.locale)
    translation = page_queries(client, english.url)
    few = page_queries(client, alias.url)

    OfferPageFactory.create_batch(6, trade=magasinage, neighbourhood=franc_moisin)
    sync_offer_aliases()
    many = page_queries(client, alias.url)

    assert few == many
    # Beyond a translation's page: its trade, sector and neighbourhood in English (a
    # translation's own are fetched with it), and Wagtail's own look at the alias's original.
    assert many <= translation + 4
    assert many <= PUBLIC_PAGE_BUDGET


def page_queries(client, url):
    return count_queries(client, url)
