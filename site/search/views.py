"""Search across the public pages of the current language, at /recherche/."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe
from wagtail.models import Locale, Page

RESULTS_PER_PAGE = 10
# Longer queries are cut: nobody types more, and it bounds the work a request can cause.
MAX_QUERY_LENGTH = 200


@require_safe
def search(request):
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    page_obj = None
    if query:
        pages = Page.objects.live().public().filter(locale=Locale.get_active()).exclude(depth=1)
        results = pages.search(query)
        # get_page() turns a missing, non-numeric or out-of-range number into a valid page.
        page_obj = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "pages/search_results.html",
        {"query": query, "page_obj": page_obj},
    )
