"""Search across the public pages of the current language, at /recherche/."""

import re

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe
from wagtail import hooks
from wagtail.models import Locale, Page

from search.results import add_offer_details, find_pages

# Apps whose pages stay live but should not be found (a filled offer, a past event) register a
# function under this hook name returning a queryset of those pages' primary keys.
HIDDEN_FROM_SEARCH_HOOK = "hidden_from_search"
RESULTS_PER_PAGE = 10
# Longer queries are cut: nobody types more, and it bounds the work a request can cause.
MAX_QUERY_LENGTH = 200
# Quotes crash SQLite's FTS5 and PostgreSQL's parser; control characters and the noncharacters
# U+FFFE/U+FFFF cannot appear in XML (the offers' feed repeats the keywords in its title), and
# NUL bytes are refused by both databases: none means anything in a search.
UNSEARCHABLE_CHARACTERS = re.compile(r'["\x00-\x1f\x7f\ufffe\uffff]')


def searchable_pages(locale):
    """The live public pages of `locale` that their app does not hide from search."""
    pages = Page.objects.live().public().filter(locale=locale).exclude(depth=1)
    for hidden_pages in hooks.get_hooks(HIDDEN_FROM_SEARCH_HOOK):
        pages = pages.exclude(pk__in=hidden_pages())
    return pages


@require_safe
def search(request):
    raw_query = UNSEARCHABLE_CHARACTERS.sub(" ", request.GET.get("q", ""))
    query = " ".join(raw_query.split())[:MAX_QUERY_LENGTH]
    page_obj = None
    if query:
        locale = Locale.get_active()
        results = find_pages(query, searchable_pages(locale), locale)
        # get_page() turns a missing, non-numeric or out-of-range number into a valid page.
        page_obj = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        add_offer_details(page_obj.object_list)
    return render(
        request,
        "pages/search_results.html",
        {"query": query, "page_obj": page_obj},
    )
