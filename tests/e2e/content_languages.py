"""The languages journey's content: an offer the demo left in French, as the Arabic listing shows
it (its alias, offers.translations), and the translated offer beside it."""

from django.utils import timezone

from home.demo.translations import OFFER_SLUGS, UNTRANSLATED_OFFER_SLUG
from offers.models import OfferPage


def prepare():
    untranslated = OfferPage.objects.get(
        slug=UNTRANSLATED_OFFER_SLUG, locale__language_code="ar", alias_of__isnull=False
    )
    translated = OfferPage.objects.get(
        slug=OFFER_SLUGS[0], locale__language_code="ar", alias_of__isnull=True
    )
    # Both among the newest, so on the listing's first page whatever the other journeys publish
    # before this one (the order of the e2e tests is random).
    for offer in (untranslated, translated):
        OfferPage.objects.filter(translation_key=offer.translation_key).update(
            first_published_at=timezone.now()
        )
    untranslated_en = OfferPage.objects.get(
        translation_key=untranslated.translation_key, locale__language_code="en"
    )
    return {
        "languages_listing_ar": untranslated.get_parent().get_url(),
        "languages_listing_en": untranslated_en.get_parent().get_url(),
        "languages_untranslated_path_en": untranslated_en.get_url(),
        "languages_untranslated_title": untranslated.title,
        "languages_untranslated_path": untranslated.get_url(),
        "languages_french_path": untranslated.alias_of.get_url(),
        "languages_translated_title": translated.title,
    }
