"""Plumbing views: health check, robots.txt, the error page when the database is away; the
headers of pages with a form token or private to a visitor."""

import logging
import sys

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError
from django.db.models import Case, F, Min, When
from django.db.models.functions import Greatest
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.urls import LocalePrefixPattern, get_resolver, reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView
from django_tasks_db.models import DBTaskResult, get_date_max

from core.addresses import absolute_url

logger = logging.getLogger(__name__)


def private(response):
    """A page with someone's own data, or what follows a submission: never stored by a cache or
    a CDN, never indexed. Returns the response."""
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


def oldest_waiting_task_age():
    """Seconds the oldest task due to run has been waiting for the worker (django-tasks'
    database backend: READY and its run_after passed), or None when none waits. A task waits
    from when it was enqueued, or from its run_after when that came later. One query, on the
    backend's partial index of READY tasks."""
    waiting_since = Case(
        When(run_after=get_date_max(), then=F("enqueued_at")),
        default=Greatest("enqueued_at", "run_after"),
    )
    oldest = DBTaskResult.objects.ready().aggregate(oldest=Min(waiting_since))["oldest"]
    if oldest is None:
        return None
    return max(0, int((timezone.now() - oldest).total_seconds()))


@never_cache
@require_safe
def healthz(request):
    """For load balancers and monitoring: 200 when the database answers and the worker keeps
    up, 503 otherwise, with one line saying which. The worker keeps up when no task has waited
    longer than HEALTHZ_MAX_TASK_WAIT_SECONDS: past that, e-mails (invitations, registrations,
    password resets) are late or stuck, though pages are served. The body is plain text for
    people reading it with curl, fixed rather than translated: monitors may match it."""
    try:
        waited = oldest_waiting_task_age()
    except DatabaseError:
        logger.exception("Health check: the database does not answer")
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    if waited is None:
        return HttpResponse("ok\n", content_type="text/plain")
    limit = settings.HEALTHZ_MAX_TASK_WAIT_SECONDS
    if waited > limit:
        return HttpResponse(
            f"worker en retard : la plus ancienne tâche attend depuis {waited} s "
            f"(seuil : {limit} s)\n",
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    return HttpResponse(
        f"ok\nla plus ancienne tâche attend depuis {waited} s (seuil : {limit} s)\n",
        content_type="text/plain; charset=utf-8",
    )


# One address in each area crawlers have no business in: the admin, the members' accounts and
# extranet, the search results (endless combinations of words), Wagtail's sign-in to private
# pages. robots.txt disallows each area in every language, from the URL conf: an area renamed or
# a language added is followed without anyone editing robots.txt (issue 14: /en/compte/ and
# /ar/extranet/ were left open when the file was typed by hand).
PRIVATE_AREA_URL_NAMES = [
    "wagtailadmin_home",
    "account_login",
    "extranet:home",
    "search:results",
    "private_page_login",
]


def language_prefix():
    """The active language's prefix in i18n_patterns: "" for French, "en/" for English."""
    for pattern in get_resolver().url_patterns:
        if isinstance(getattr(pattern, "pattern", None), LocalePrefixPattern):
            return pattern.pattern.language_prefix
    return ""


def private_area(url_name):
    """The first segment of `url_name`'s address in the active language, after its language
    prefix if it has one: /en/compte/ for allauth's sign-in in English, /admin/ in any."""
    path = reverse(url_name)
    prefix = "/" + language_prefix()
    if not path.startswith(prefix):
        prefix = "/"  # Outside i18n_patterns: one address for every language.
    first_segment = path.removeprefix(prefix).split("/", 1)[0]
    return f"{prefix}{first_segment}/"


def disallowed_paths():
    """Every private area's address in every language, each once, French first."""
    paths = {}
    for language_code, _name in settings.LANGUAGES:
        with translation.override(language_code):
            for url_name in PRIVATE_AREA_URL_NAMES:
                paths.setdefault(private_area(url_name))
    return list(paths)


class RobotsView(TemplateView):
    template_name = "robots.txt"
    content_type = "text/plain"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            disallowed_paths=disallowed_paths(),
            # SITE_URL's origin, as every address the site gives out (core.addresses).
            sitemap_url=absolute_url("/sitemap.xml"),
            **kwargs,
        )
