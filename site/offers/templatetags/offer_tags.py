"""What an offer page shows around the offer itself."""

from django import template
from django.db.models import Case, IntegerField, Value, When
from django.http import QueryDict

from offers.enums import OfferStatus
from offers.models import OfferPage

register = template.Library()

SIMILAR_OFFERS_SHOWN = 3


@register.filter
def is_closed(offer):
    """Expired or filled: the page shows a notice instead of a way to apply."""
    return offer.status != OfferStatus.OPEN


@register.simple_tag(takes_context=True)
def similar_offers(context, offer):
    """Current offers close to a closed one, and the listing filtered on its sector.

    A template tag rather than view context: an expired offer is unpublished, and Wagtail serves
    it through the index page's routing, which may render the template without the offer's view.

    Returns {"offers": up to three current offers of the same trade first, then of the same
    sector, newest first; "listing_url": the offers listing filtered on the sector, or ""}.
    """
    request = context.get("request")
    offers = (
        OfferPage.objects.current()
        .for_listing()
        .filter(locale_id=offer.locale_id, sector_id=offer.sector_id)
        .exclude(pk=offer.pk)
        .annotate(
            same_trade=Case(
                When(trade_id=offer.trade_id, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        .order_by("-same_trade", "-first_published_at")[:SIMILAR_OFFERS_SHOWN]
    )
    listing_url = offer.get_parent().get_url(request)
    if listing_url:
        query = QueryDict(mutable=True)
        query["secteur"] = offer.sector.slug
        listing_url = f"{listing_url}?{query.urlencode()}"
    return {"offers": list(offers), "listing_url": listing_url or ""}
