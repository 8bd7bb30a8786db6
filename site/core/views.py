"""Plumbing views: health check and robots.txt; the headers of pages private to a visitor."""

import logging

from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

logger = logging.getLogger(__name__)


def private(response):
    """A page with a form token or someone's own data: never stored by a cache or a CDN, never
    indexed. Returns the response."""
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
@require_safe
def healthz(request):
    """200 when the database answers a query, 503 when it doesn't (for load balancers)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: the database does not answer")
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


class RobotsView(TemplateView):
    template_name = "robots.txt"
    content_type = "text/plain"
