"""Plumbing views: health check, robots.txt, the error page when the database is away; the
headers of pages private to a visitor."""

import logging
import sys

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.views import defaults
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


# Seconds a browser or load balancer is told to wait before trying again when the database is
# away: a PostgreSQL restart or failover takes a few seconds.
RETRY_AFTER_SECONDS = 10


def server_error(request):
    """handler500. When the database cannot be reached (restart, failover, too many connections)
    the visitor gets a 503 « revenez dans un instant » with Retry-After, at once, instead of a
    generic error; anything else is the 500 page. Neither touches the database."""
    if isinstance(sys.exception(), (OperationalError, InterfaceError)):
        # No RequestContext: its context processors (the signed-in user…) would query the database.
        response = HttpResponseServerError(loader.get_template("503.html").render())
        response.status_code = 503
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        add_never_cache_headers(response)
        return response
    return defaults.server_error(request)


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
