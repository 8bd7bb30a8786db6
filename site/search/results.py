"""The pages that answer a resident's query, best first, and what their list shows of each offer.

The search backend finds the pages (PostgreSQL's full-text search with the unaccented French
configuration, SQLite's FTS5) and orders them by its own relevance; the titles then decide, the
same way on both databases: a page whose title holds what was asked comes first, and among them
the job offers, then the titles in the resident's own words rather than a synonym, then those with
the fewest other words.
"""

from django.contrib.contenttypes.models import ContentType

from offers.models import OfferPage
from search.interpretation import all_of, interpret, title_match
from search.vocabulary import vocabulary_for

# Enough for any real query: nobody pages through more, and it bounds the work of one search.
MAX_RESULTS = 500


def find_pages(query, pages, locale):
    """The pages of `pages` (one language's searchable pages) that answer `query`, best first."""
    wanted = interpret(query, vocabulary_for(pages, locale))
    if not wanted:
        return []
    search_query = all_of(item.as_search_query() for item in wanted)
    found = list(pages.search(search_query)[:MAX_RESULTS])
    offer_type = ContentType.objects.get_for_model(OfferPage).pk

    def rank(numbered_page):
        position, page = numbered_page
        share, typed_share, precision = title_match(wanted, page.title)
        return (-share, page.content_type_id != offer_type, -typed_share, -precision, position)

    return [page for _position, page in sorted(enumerate(found), key=rank)]


def add_offer_details(pages):
    """Give each offer among `pages` its `offer`: employer, commune and contract, in one query."""
    offer_type = ContentType.objects.get_for_model(OfferPage).pk
    offer_ids = [page.pk for page in pages if page.content_type_id == offer_type]
    if not offer_ids:
        return
    offers = OfferPage.objects.filter(pk__in=offer_ids).for_listing().in_bulk()
    for page in pages:
        page.offer = offers.get(page.pk)
