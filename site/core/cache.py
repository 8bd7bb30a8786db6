"""Anonymous visitors' pages kept in the app's cache, and the headers that let a CDN keep them.

The two middlewares below store the pages (settings.PAGE_CACHE_BACKEND: the "pages" alias on
Redis when REDIS_URL is set, else the local-memory default cache of a single process; see the
« Cache » section of base.py) and decide what is shared and what is not, in one place. They
replaced wagtail-cache, which required wagtail<8; Django's own cache middleware would store
pages per cookie and language header and could not answer before sessions run.


- A response is shared only when it is the same for every anonymous visitor: a GET or HEAD
  without a session or messages cookie, outside the admin, the extranet and the accounts, a 200
  that sets no cookie (so no form token: `{% csrf_token %}` sets one), whose view chose no
  Cache-Control of its own (core.views.private() pages choose `no-store`), that used no CSP
  nonce, and whose URL carries no free-text parameter (`q`: the site search, the listings'
  keywords; unbounded, rarely repeated, and a person's own words).
- A page is stored under its path and the query parameters that change it (PAGE_PARAMETERS),
  named in one order whatever order the link gave. Tracking parameters (utm_…, fbclid…:
  TRACKING_PARAMETER) are taken off the request before the view sees it, so
  a newsletter's link is served from the cache. Any other parameter (`?z=<random>`) keeps the
  request out of the cache: it is answered as without a cache, but not stored, so junk query
  strings cannot fill the cache with copies of the same page (one per string). Not stored
  rather than stored under a key without it: a parameter missing from PAGE_PARAMETERS that a
  page does read would otherwise be answered with another visitor's page.
- Shared responses say `public, max-age, s-maxage` and `Vary: Cookie` (a CDN keeps one copy for
  visitors without cookies); everything else says `private, no-store` unless its view said
  something. The language comes from the URL alone (no prefix: French), so `Vary:
  Accept-Language`, which Django's LocaleMiddleware adds, is dropped from shared pages: it would
  keep one copy per browser's language list.
- The page cache sits high in MIDDLEWARE, before sessions and authentication: a stored page
  costs no more than a static file. A visitor is taken as anonymous when they send no session
  cookie, so is_request_cacheable() refusing that cookie is what keeps signed-in visitors out.
- A page that shows live facts, which change without a publication (a date's places left, its
  cancellation: the views call shows_live_facts()), is still kept in the page cache, since
  every such change empties it (events.signals); but browsers and shared caches get
  `public, no-cache`: a CDN, which nothing purges on a registration, must ask this server each
  time (answered from the page cache, without a query). When such a page changes by itself at a
  known moment (registrations close, a date ends), the page cache keeps it no longer than that.
- Every publication, unpublication, move or deletion of a page, and every change to a snippet,
  a site setting, an image or a document, empties the whole page cache once the change is
  committed: a page shows up in listings, menus, the home page's sections and the sitemap, so
  purging only its own URL would leave it stale elsewhere. Publications are a few a day;
  the cache warms again within seconds.
"""

import logging
import math
import re
from enum import StrEnum

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import QueryDict
from django.utils import timezone
from django.utils.cache import _generate_cache_key, cc_delim_re, patch_vary_headers
from django.utils.deprecation import MiddlewareMixin
from django_redis.cache import RedisCache as ForgivingRedisCacheBase
from django_redis.cache import omit_exception
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models

from core import fragments
from core.paths import without_language_prefix

logger = logging.getLogger(__name__)

# Signed-in areas, in every language: never stored, even for a visitor who is not signed in yet
# (sign-in forms).
UNCACHED_PATH_PREFIXES = ("/admin/", "/extranet/", "/compte/", "/i18n/")
# Free-text query parameters: the site search's and the listings' keywords.
UNCACHED_PARAMETERS = frozenset({"q"})
# The query parameters that change a shared page (every other one keeps it out of the cache, see
# the module's doc). tests/core/test_page_cache.py checks that the apps' own names are here.
PAGE_PARAMETERS = frozenset(
    {
        # Listings' and the search's pagination (Paginator.get_page), the sitemap's (Django's).
        "page",
        "p",
        # The offers' filters and order (offers.filters).
        "secteur",
        "metier",
        "contrat",
        "temps",
        "commune",
        "quartier",
        "sans_diplome",
        "debutant",
        "recent",
        "tri",
        # The events' filters (events.views), also read by their calendar feed.
        "type",
        "public",
        # The easy-read version of a page (core.models) and the « no translation » notice
        # (core.templatetags.navigation_tags).
        "lecture",
        "traduction",
    }
)
# Tracking parameters (analytics, mailings, ads): the list wagtail-cache kept, which this page
# cache replaced (it required wagtail<8).
TRACKING_PARAMETER = re.compile(
    r"^(?:_bta_.*|_ga|_gl|affiliate|ck_subscriber_id|dm_i|ef_.*|epik|fb_source|fbclid|gclid"
    r"|gclsrc|hsa_.*|matomo_.*|mc_.*|msclkid|mtm_.*|s_kwcid|trk_.*|utm_.*)$"
)
# Says what the page cache did (Status). Its name is wagtail-cache's, which this cache replaced:
# CDN rules and log filters written for it keep working.
STATUS_HEADER = "X-Wagtail-Cache"
# The messages framework's cookie: a page shown with a message is that visitor's.
MESSAGES_COOKIE_NAME = "messages"

PRIVATE = "private, no-store"
# A shared page showing live facts (see the module's doc): stored by anyone, never used unchecked.
LIVE = "public, no-cache"
# What a shared page's content never depends on (see the module's doc).
IGNORED_VARY = ("Cookie", "Accept-Language")

# What an editor changes outside the page tree that pages show (besides snippets).
SHOWN_ON_PAGES = (BaseSiteSetting, BaseGenericSetting, AbstractImage, AbstractDocument)


def shared_cache_control():
    return (
        f"public, max-age={settings.PAGE_CACHE_MAX_AGE}, "
        f"s-maxage={settings.PAGE_CACHE_SHARED_MAX_AGE}"
    )


def shows_live_facts(request, changes_at=()):
    """Marks the page being made as showing live facts (see the module's doc); `changes_at`: the
    moments it changes by itself (an aware datetime each, None or past ones ignored)."""
    request._shows_live_facts = True
    now = timezone.now()
    upcoming = [moment for moment in changes_at if moment is not None and moment > now]
    if upcoming:
        current = getattr(request, "_live_facts_change_at", None)
        request._live_facts_change_at = min([*upcoming, *([current] if current else [])])


def _stored_seconds(request):
    """How long the page cache keeps this page: PAGE_CACHE_SECONDS, or until it changes."""
    change_at = getattr(request, "_live_facts_change_at", None)
    if change_at is None:
        return settings.PAGE_CACHE_SECONDS
    left = math.ceil((change_at - timezone.now()).total_seconds())
    return max(1, min(settings.PAGE_CACHE_SECONDS, left))


def is_tracking_parameter(name):
    """utm_source, fbclid…: taken off the request before the page cache or the view sees it."""
    return bool(TRACKING_PARAMETER.match(name))


def _drop_tracking_parameters(request):
    if any(is_tracking_parameter(name) for name in request.GET):
        query = request.GET.copy()
        for name in request.GET:
            if is_tracking_parameter(name):
                del query[name]
        request.GET = query
        request.META["QUERY_STRING"] = query.urlencode()


def is_request_cacheable(request):
    """Whether an anonymous GET may be answered from, and stored in, the page cache."""
    if without_language_prefix(request.path_info).startswith(UNCACHED_PATH_PREFIXES):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or MESSAGES_COOKIE_NAME in request.COOKIES:
        return False
    names = {name for name in request.GET if not is_tracking_parameter(name)}
    return names <= PAGE_PARAMETERS and not UNCACHED_PARAMETERS.intersection(names)


def _canonical_query(request):
    """The page's parameters by name, so that `?a=1&b=2` and `?b=2&a=1` share one copy; a
    name's own values keep their order (with `?page=1&page=2`, the last one counts)."""
    query = QueryDict(mutable=True)
    for name in sorted(request.GET):
        query.setlist(name, request.GET.getlist(name))
    request.GET = query
    # The cache key is made from the full path, which reads QUERY_STRING.
    request.META["QUERY_STRING"] = query.urlencode()


def is_response_shareable(request, response):
    """Whether this response is the same for every anonymous visitor (see the module's doc)."""
    return (
        getattr(request, "_page_cache_status", None) in (Status.MISS, Status.ERROR)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not response.has_header("Cache-Control")
        # FetchFromCacheMiddleware looks pages up by URL alone.
        and not _vary_without(response, IGNORED_VARY)
        # django-csp sets _csp_nonce once a template asked for the nonce: that page's scripts
        # would not run with another response's header.
        and not isinstance(getattr(request, "_csp_nonce", None), str)
    )


def _vary_without(response, names):
    if not response.has_header("Vary"):
        return []
    dropped = {name.lower() for name in names}
    return [h for h in cc_delim_re.split(response["Vary"]) if h and h.lower() not in dropped]


def _drop_vary(response, *names):
    kept = _vary_without(response, names)
    if kept:
        response["Vary"] = ", ".join(kept)
    elif response.has_header("Vary"):
        del response["Vary"]


def _share(response):
    # The mark is kept with the stored copy (an attribute of the response, pickled with it).
    live = getattr(response, "shows_live_facts", False)
    response["Cache-Control"] = LIVE if live else shared_cache_control()
    # Cache-Control says it all (a copy stored by an earlier version may carry one).
    response.headers.pop("Expires", None)
    _drop_vary(response, "Accept-Language")
    patch_vary_headers(response, ["Cookie"])
    return response


class Status(StrEnum):
    """What the page cache did with a request, said in STATUS_HEADER."""

    HIT = "hit"  # answered from the cache
    MISS = "miss"  # made, then stored
    SKIP = "skip"  # neither: not for sharing
    ERROR = "err"  # the cache could not be reached: made, shared, not stored


def page_cache():
    return caches[settings.PAGE_CACHE_BACKEND]


class FetchFromCacheMiddleware(MiddlewareMixin):
    """Answers an anonymous GET or HEAD from the page cache, in one round trip: shared pages
    vary on no request header (UpdateCacheMiddleware stores no other), so their key is their
    URL's, and no list of headers needs reading first."""

    def process_request(self, request):
        if not settings.PAGE_CACHE:
            return None
        if (
            request.method not in ("GET", "HEAD")
            or getattr(request, "is_preview", False)
            or not is_request_cacheable(request)
        ):
            request._page_cache_status = Status.SKIP
            return None
        _drop_tracking_parameters(request)
        _canonical_query(request)
        key = _generate_cache_key(request, request.method, [], settings.CACHE_MIDDLEWARE_KEY_PREFIX)
        try:
            response = page_cache().get(key)
        except Exception:
            # Redis away: the page is made as if there were no cache.
            logger.exception("Could not fetch page from cache backend.")
            request._page_cache_status = Status.ERROR
            return None
        if response is None:
            request._page_cache_status = Status.MISS
            request._page_cache_key = key
            return None
        request._page_cache_status = Status.HIT
        return response


class UpdateCacheMiddleware(MiddlewareMixin):
    """Stores what is shared (see the module's doc) and writes every page's Cache-Control."""

    def process_response(self, request, response):
        status = getattr(request, "_page_cache_status", None)
        if status == Status.HIT:
            return _mark(_share(response), status)
        if status in (Status.MISS, Status.ERROR) and is_response_shareable(request, response):
            # Stored without them so that one copy serves every anonymous visitor.
            _drop_vary(response, *IGNORED_VARY)
            response.shows_live_facts = getattr(request, "_shows_live_facts", False)
            _share(response)
            if status == Status.MISS:
                status = _store(request, response)
            return _mark(response, status)
        if not response.has_header("Cache-Control") and not response.streaming:
            response["Cache-Control"] = PRIVATE
        return _mark(response, Status.SKIP) if status is not None else response


def _store(request, response):
    try:
        page_cache().set(request._page_cache_key, response, _stored_seconds(request))
    except Exception:
        logger.exception("Could not update page in cache backend.")
        return Status.ERROR
    return Status.MISS


def _mark(response, status):
    response[STATUS_HEADER] = status.value
    return response


class _ReusedRedisClient(RedisCacheClient):
    """Django makes a new redis-py client (and its 170 response callbacks) for every command;
    this one is made once per connection pool: 0.2 ms less on each page served from the cache."""

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        if pool not in clients:
            clients[pool] = self._client(connection_pool=pool)
        return clients[pool]


class PageRedisCache(RedisCache):
    """Redis for the page cache, whose clear() forgets only its own keys (KEY_PREFIX): Django's
    flushes the whole Redis database, sessions and rate-limit counters included."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _ReusedRedisClient

    def clear(self):
        client = self._cache.get_client(write=True)
        batch = []
        for key in client.scan_iter(match=self.make_key("*"), count=1000):
            batch.append(key)
            if len(batch) == 1000:
                client.delete(*batch)
                batch = []
        if batch:
            client.delete(*batch)
        return True


class ForgivingRedisCache(ForgivingRedisCacheBase):
    """The default cache (sessions, rate limits) on Redis, that shrugs when Redis is away.

    django-redis with IGNORE_EXCEPTIONS already answers « nothing stored » to reads. add() would
    answer « not added », and allauth takes its rate-limit lock with add(): every sign-in would
    be refused as « too many attempts » until Redis is back. Here add() says « added », so rate
    limits let people through while Redis is away (docs/faults.md).
    """

    @omit_exception(return_value=True)
    def add(self, *args, **kwargs):
        return self.client.add(*args, **kwargs)


def _clear_now():
    try:
        page_cache().clear()
    except Exception:
        # The change is saved; pages still expire after PAGE_CACHE_SECONDS.
        logger.exception("Could not empty the page cache")


def clear_page_cache():
    """Empties the page cache once the current transaction commits (at once outside one):
    cleared before, a visitor's request could store the old content again. Forgets the
    fragments every page shares too (core.fragments), whether pages are cached or not."""
    fragments.forget_all()
    if settings.PAGE_CACHE:
        transaction.on_commit(_clear_now)


@receiver(page_published, dispatch_uid="page_cache_page_published")
@receiver(page_unpublished, dispatch_uid="page_cache_page_unpublished")
@receiver(post_page_move, dispatch_uid="page_cache_page_moved")
def _page_changed(**kwargs):
    clear_page_cache()


@receiver(post_save, dispatch_uid="page_cache_content_saved")
@receiver(post_delete, dispatch_uid="page_cache_content_deleted")
def _content_changed(sender, instance, **kwargs):
    # Saving a page stores a draft; its publication sends page_published. A deletion is final.
    if isinstance(instance, Page):
        if kwargs.get("signal") is post_delete:
            clear_page_cache()
        return
    if isinstance(instance, SHOWN_ON_PAGES) or sender in get_snippet_models():
        clear_page_cache()
