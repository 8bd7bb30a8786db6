"""Parts of pages that change only when content does (the main menu, breadcrumbs, the footer,
offer cards, a listing's filter choices), kept rendered in the default cache, per site and
language, so that a page the page cache cannot serve (a signed-in visitor's, a form sent back, a
search, the first after a publication) does not rebuild them. Used by {% fragment %}
(core.templatetags.fragment_tags) and by views, through get_or_build().

Every key carries the current generation: forgetting them all is drawing a new one, in every
process at once (the cache is Redis in production). core.cache draws one whenever it empties the
page cache, that is on each publication, move or deletion of a page and each change of a
setting, image, document or snippet; and again once the change is committed, since a page made
meanwhile, in another process, would have kept what it read before the change. The generation
is read once per request (core.request_scope).
"""

import uuid

from django.core.cache import cache
from django.db import transaction
from django.utils.translation import get_language
from wagtail.models import Site

from core.request_scope import forget, remembered

GENERATION_KEY = "fragments:generation"
PREFETCHED = "fragments:prefetched"
# Kept a day at most, should a change escape the signals (a page edited in SQL).
KEPT_SECONDS = 24 * 60 * 60


def _generation():
    # Read once per request (core.request_scope): a listing asks for 20 cards.
    return remembered(GENERATION_KEY, _stored_generation)


def _stored_generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        # Another process may have drawn one first: everyone uses the one stored.
        generation = cache.get(GENERATION_KEY, "unstored")
    return generation


def _key(name, request):
    """Per site (the request's, None without one) and active language."""
    site = Site.find_for_request(request) if request is not None else None
    site_id = site.pk if site else None
    return f"fragments:{_generation()}:{name}:{site_id}:{get_language()}"


def get_or_build(name, request, build, still_valid=None):
    """What `build()` returns for `name` on the request's site in the active language, built
    once per generation. `build` must return something picklable that holds for every visitor;
    `still_valid(value)`, when given, says whether what was kept still holds (it may change at
    a known moment: a date ends)."""
    key = _key(name, request)
    value = _prefetched().get(key)
    if value is None:
        value = cache.get(key)
    if value is not None and still_valid is not None and not still_valid(value):
        value = None
    if value is None:
        value = build()
        cache.set(key, value, KEPT_SECONDS)
    return value


def prefetch(names, request):
    """Reads these fragments in one round trip, for get_or_build() to find them within the
    request (a listing's 20 cards)."""
    _prefetched().update(cache.get_many([_key(name, request) for name in names]))


def _prefetched():
    return remembered(PREFETCHED, dict)


def _draw_generation():
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)
    forget(GENERATION_KEY)


def forget_all():
    """Now, and again once the current transaction commits."""
    _draw_generation()
    transaction.on_commit(_draw_generation)


def first_page_url(request, page_model, locale_id):
    """The address of the first live `page_model` page of a locale (an app's index: the offers,
    the agenda), "" when there is none; the same for every page that links to it."""

    def build():
        page = page_model.objects.live().filter(locale_id=locale_id).first()
        return (page.get_url(request) or "") if page else ""

    name = f"first-url:{page_model._meta.label_lower}:{locale_id}"
    return get_or_build(name, request, build)
