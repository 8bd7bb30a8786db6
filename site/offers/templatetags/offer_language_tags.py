"""Offers read in every language: French text marked as such, data that reads left to right.

An untranslated offer (an alias, offers.translations) is shown in the reader's interface with its
French text: each piece of that text carries `lang="fr"`, so that screen readers speak it in
French and browsers hyphenate and shape it as French. Phone numbers, postcodes, addresses,
amounts and references are left-to-right data: in an Arabic page each is isolated
(`<bdi dir="ltr">`), or « 01 99 00 12 34 » would read « 34 12 00 99 01 ». Dates written with the
page's month names are isolated without forcing a direction (`<bdi>`).
"""

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import get_language

from offers.translations import (
    french_original,
    is_untranslated,
    localize_references,
    source_language,
)

register = template.Library()


def shows_foreign_text(offer):
    return is_untranslated(offer) and get_language() != source_language()


@register.filter
def source_lang(offer):
    """` lang="fr"` for an element holding an untranslated offer's text, else nothing."""
    if shows_foreign_text(offer):
        return format_html(' lang="{}"', source_language())
    return ""


@register.filter
def source_text(text, offer):
    """`text` of the offer, in a `<span lang="fr">` when the offer is untranslated.

    For a piece of the offer inside an interface sentence: « CDD (<span lang="fr">6 mois</span>) ».
    """
    if text and shows_foreign_text(offer):
        return format_html('<span lang="{}">{}</span>', source_language(), text)
    return text


@register.filter
def ltr(value):
    """Left-to-right data (a phone number, a postcode, an amount, an address), isolated."""
    if value in (None, ""):
        return ""
    return format_html('<bdi dir="ltr">{}</bdi>', value)


@register.filter
def isolated(value):
    """A piece of text isolated from the sentence around it, its direction its own (dates)."""
    if value in (None, ""):
        return ""
    return format_html("<bdi>{}</bdi>", value)


@register.simple_tag(takes_context=True)
def offer_language(context, offer):
    """What an offer page says about its language, and its reference data in the page's.

    Returns {"untranslated": the text is the French original's, "translated": the page is a
    translation of it, "original_url": the French page's address (on an English or Arabic
    page), "trade", "sector", "neighbourhood": in the page's language}. Two queries at most
    beyond the offer's own references: the French page, and for an alias its references in
    the page's language (one per kind).
    """
    request = context.get("request")
    localize_references([offer], offer.locale_id)
    language = {
        "untranslated": shows_foreign_text(offer),
        "translated": False,
        "original_url": "",
        "source_language": source_language(),
        "trade": offer.shown_trade,
        "sector": offer.shown_sector,
        "neighbourhood": offer.shown_neighbourhood,
        # « Publiée le »: the original's date, the same in every language.
        "first_published_at": offer.first_published_at,
    }
    if get_language() != settings.LANGUAGE_CODE and offer.pk:
        original = french_original(offer)
        if original is not None:
            language["original_url"] = original.get_url(request) or ""
            language["translated"] = not is_untranslated(offer)
            language["first_published_at"] = original.first_published_at or offer.first_published_at
    return language
