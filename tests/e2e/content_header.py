"""The phone header's journey: which pages it measures, on top of the demo (see
tests/e2e/content.py). Nothing is written: the demo's own pages are the test."""

from offers.enums import ApplicationMethod
from offers.models import OfferIndexPage, OfferPage


def prepare():
    """The French offers listing, and the open « Ça m'intéresse » offer whose title and employer
    are the longest: the one most likely to push the button below the first screen."""
    offers = OfferPage.objects.current().filter(
        locale__language_code="fr", application_method=ApplicationMethod.ADVISERS
    )
    longest = max(offers, key=lambda offer: len(offer.title) + len(offer.employer_display_name))
    listing = OfferIndexPage.objects.live().filter(locale__language_code="fr").first()
    return {"header_offer_path": longest.url, "header_listing_path": listing.url}
