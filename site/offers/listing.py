"""The list of current offers at /offres/, filtered from the query string (see offers.filters).

A constant number of SQL queries whatever the number of offers and filters: the page view
restrictions (one, from `public()`), the count and the page of offers with what their cards show
(`for_listing()`). The filters' choices, and the count when nothing is filtered, are kept until
content changes or the day ends (core.fragments): counting every current offer is what grows
with them. The offers nobody has translated into the listing's
language are listed too, in French (offers.translations); their sector, trade and neighbourhood
are shown in the listing's language from the filters' choices, without a query.
"""

from django.core.paginator import Paginator

from core import fragments
from core.dates import hub_today
from offers.filters import (
    DEFAULT_SORT,
    FILTER_PARAMETERS,
    KEYWORDS,
    SORT_CHOICES,
    build_filterset,
)
from offers.translations import localize_references

OFFERS_PER_PAGE = 20


def listing_context(request, index_page):
    """What pages/offer_index_page.html needs, besides `page`."""
    filterset = build_filterset(request.GET, index_page, allow_fuzzy_search=True)
    form = filterset.form
    active_filters = filterset.active_filters()
    paginator = Paginator(filterset.qs, OFFERS_PER_PAGE)
    if not active_filters and not form.errors:
        # Replaces the paginator's own (a cached property) with the one kept.
        paginator.count = fragments.get_or_build(
            f"offers:count:{index_page.pk}:{hub_today().isoformat()}", None, filterset.qs.count
        )
    # get_page() turns a missing, non-numeric or out-of-range number into a valid page.
    page_obj = paginator.get_page(request.GET.get("page"))
    index_url = index_page.get_url(request)
    for active_filter in active_filters:
        active_filter["url"] = index_url + active_filter.pop("query_string")

    offers = localize_references(
        page_obj.object_list, index_page.locale_id, known=filterset.choices.by_translation_key()
    )
    prefetch_cards(request, offers)
    return {
        "filter_form": form,
        "filter_errors": [form[name] for name in FILTER_PARAMETERS if form[name].errors],
        "page_obj": page_obj,
        "offers": offers,
        "result_count": page_obj.paginator.count,
        "keywords": form.keywords,
        "used_fuzzy_search": filterset.used_fuzzy_search,
        "active_filters": active_filters,
        # The keywords field stays in sight: only the folded filters open the <details>.
        "filters_open": bool(
            form.errors or any(active["name"] != KEYWORDS for active in active_filters)
        ),
        "sort": form.sort,
        "sort_is_default": form.sort == DEFAULT_SORT,
        "sort_options": [
            {
                "value": value,
                "label": label,
                "url": index_url + filterset.query_string(sort=value),
                "is_current": value == form.sort,
            }
            for value, label in SORT_CHOICES
        ],
        "clear_filters_url": index_url + filterset.query_string(pairs=[]),
        "feed_url": index_url
        + index_page.reverse_subpage("feed")
        + filterset.query_string(sort=DEFAULT_SORT),
        # Filtered lists are many and change daily: the offers themselves are in the sitemap.
        "noindex": bool(active_filters),
    }


def prefetch_cards(request, offers, heading_level=3):
    """The offers' cards, kept rendered (components/offers/offer_card.html names them so), read
    in one round trip rather than one per card."""
    fragments.prefetch([f"offer-card:{offer.pk}:{heading_level}" for offer in offers], request)
