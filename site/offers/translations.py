"""Every offer in every language: French offers without a translation are shown as aliases.

An offer is written in French. Until an editor translates it with wagtail-localize, the English
and Arabic offer listings show it through an *alias*: a page under that language's offer index,
at the same slug, that Wagtail keeps in step with the French page (each publication of the French
page updates it, unpublishing or expiring it unpublishes it) and serves in the reader's interface,
its French text marked `lang="fr"`. Translating the offer in wagtail-localize turns the alias into
the translation (wagtail_localize.models.TranslationSource.create_or_update_translation).

Why aliases of offers only, rather than wagtail-localize's LocaleSynchronization (« sync from
French »), which makes the same aliases: that setting aliases every page of the tree, including
events, whose occurrences and registrations are stored per page (an alias would have no dates,
and its registrations would not count against the French page's places), forms and extranet
pages. Offers are what residents need in their language, and are safe to alias: a
« Ça m'intéresse » sent from an alias is an Interest of that alias, which advisers read with the
others (expiry reminders and counts go by translation key).

When aliases are made:
- each time a French offer is published (the page_published receiver below), for each language
  whose offer index exists: a new offer reaches /en/ and /ar/ at once;
- by `manage.py sync_offer_translations`, once after deploying this, and after translating the
  offers page into a new language: every current French offer gets its aliases (idempotent);
- by the demo (home.demo.translations), after it has translated a few offers.

An alias points at the French trade, sector and neighbourhood (snippets, one row per language):
`localize_references` finds their versions in the page's language by translation key, without a
query when the listing already holds them (offers.filters.FilterChoices).
"""

from collections import defaultdict

from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from wagtail.models import Locale, Page
from wagtail.signals import page_published

from core.dates import hub_today
from offers.models import OfferPage
from reference.models import Neighbourhood, Sector, Trade

# The offer's reference data shown in the reader's language: (attribute, model).
REFERENCES = (("trade", Trade), ("sector", Sector), ("neighbourhood", Neighbourhood))


def source_language():
    """The language offers are written in, which an alias's text is in."""
    return settings.LANGUAGE_CODE


# --- Aliases -----------------------------------------------------------------------------------
def sync_offer_aliases(offers=None):
    """Give each current French offer of `offers` (default: all) an alias in every other language
    whose offer index exists and where it has neither a translation nor an alias yet.

    Returns the aliases made. A few queries for the whole set, then Wagtail's copy per alias.
    """
    default_locale = Locale.get_default()
    # Offers a resident can still apply to: a filled or expired one is in no listing. Once made,
    # an alias follows its original, filled, expired or unpublished (Wagtail's update_aliases).
    offers = (
        (OfferPage.objects.all() if offers is None else offers)
        .filter(locale=default_locale, alias_of__isnull=True, live=True, filled=False)
        .filter(expiry_date__gte=hub_today())
    )
    offers = list(offers.only("pk", "path", "translation_key"))
    if not offers:
        return []
    other_locales = list(Locale.objects.exclude(pk=default_locale.pk))
    # The offers' index pages (one per language, usually): their translation keys.
    parent_paths = {offer.pk: offer.path[: -Page.steplen] for offer in offers}
    key_by_path = dict(
        Page.objects.filter(path__in=set(parent_paths.values())).values_list(
            "path", "translation_key"
        )
    )
    parent_keys = {pk: key_by_path[path] for pk, path in parent_paths.items()}
    locales_by_key = defaultdict(set)
    for key, locale_id in Page.objects.filter(
        translation_key__in={offer.translation_key for offer in offers} | set(parent_keys.values())
    ).values_list("translation_key", "locale_id"):
        locales_by_key[key].add(locale_id)

    missing = {
        offer.pk: [
            locale
            for locale in other_locales
            if locale.pk in locales_by_key[parent_keys[offer.pk]]
            and locale.pk not in locales_by_key[offer.translation_key]
        ]
        for offer in offers
    }
    made = []
    for offer in OfferPage.objects.filter(pk__in=[pk for pk, todo in missing.items() if todo]):
        for locale in missing[offer.pk]:
            made.append(offer.copy_for_translation(locale, alias=True))
    return made


@receiver(page_published, sender=OfferPage)
def give_published_offer_its_aliases(sender, instance, alias=False, **kwargs):
    """A French offer, once published, is listed in every language at once.

    Wagtail sends this signal for the aliases it updates too (`alias=True`): nothing to do then.
    Connected by the offers app (offers.apps imports this module).
    """
    if alias or instance.alias_of_id:
        return
    sync_offer_aliases(OfferPage.objects.filter(pk=instance.pk))


@receiver(pre_delete, sender=OfferPage, dispatch_uid="offers_delete_aliases")
def delete_aliases_with_their_offer(sender, instance, **kwargs):
    """A deleted French offer takes its aliases with it.

    Wagtail empties an alias's `alias_of` when its original is deleted (SET_NULL), which would
    leave an ordinary English or Arabic page holding the French text, no longer marked as such.
    """
    if instance.alias_of_id:
        return
    for alias in Page.objects.filter(alias_of=instance.pk):
        alias.delete()


# --- Reading an offer in the page's language ---------------------------------------------------
def is_untranslated(offer):
    """The offer's text is the French original's: an alias in another language's tree."""
    return offer.alias_of_id is not None


def french_original(offer):
    """The French page `offer` translates or aliases; None for the French page itself (or one
    with no original). One query, remembered on the offer: its page, its JSON-LD and its
    language notice all ask."""
    if "_french_original" not in offer.__dict__:
        offer._french_original = (
            OfferPage.objects.filter(
                translation_key=offer.translation_key,
                locale__language_code=source_language(),
                alias_of__isnull=True,
            )
            .exclude(pk=offer.pk)
            .first()
            if offer.pk
            else None
        )
    return offer._french_original


def localize_references(offers, locale_id, known=None):
    """Set `shown_trade`, `shown_sector`, `shown_neighbourhood` on each offer: its reference
    data in the language `locale_id`, which an alias's own (French) ones are not.

    `known` ({model: {translation key: instance}}) saves the queries when the caller already
    holds that language's reference data (the listing's filters do: the offers' own references
    must then be fetched with them, `for_listing()`). Otherwise one query per kind of reference,
    only when an alias needs it, which finds the versions in that language by the ids of the
    alias's own.
    """
    offers = list(offers)
    aliases = [offer for offer in offers if is_untranslated(offer)]
    for attribute, model in REFERENCES:
        id_attribute = f"{attribute}_id"
        by_own_id = {}
        if known is None:
            own_ids = {getattr(offer, id_attribute) for offer in aliases} - {None}
            if own_ids:
                same_item = model.objects.filter(
                    translation_key=OuterRef("translation_key"), pk__in=own_ids
                )
                by_own_id = {
                    item.own_id: item
                    for item in model.objects.filter(locale_id=locale_id)
                    .annotate(own_id=Subquery(same_item.values("pk")[:1]))
                    .filter(own_id__isnull=False)
                }
        for offer in offers:
            own_id = getattr(offer, id_attribute)
            shown = None
            if own_id is not None and is_untranslated(offer):
                if known is None:
                    shown = by_own_id.get(own_id)
                else:
                    own = getattr(offer, attribute)
                    shown = known[model].get(own.translation_key)
            if shown is None and own_id is not None:
                # Translated offers point at their language's; an item nobody translated yet
                # is shown as it is.
                shown = getattr(offer, attribute)
            setattr(offer, f"shown_{attribute}", shown)
    return offers
