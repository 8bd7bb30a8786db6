"""The sections the events app adds to other apps' pages, through their sections hooks.

Registered when the app is ready (events.apps); each returns the section's HTML, or "" when
there is nothing to show.
"""

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import Locale

from core import fragments
from core.cache import shows_live_facts
from events.enums import Audience
from events.models import EventIndexPage, Occurrence
from extranet.views import EXTRANET_HOME_SECTIONS_HOOK
from home.models import HOME_PAGE_SECTIONS_HOOK
from offers.models import BRANCH_PAGE_SECTIONS_HOOK

NEXT_EVENTS_ON_HOME_PAGE = 3
NEXT_EVENTS_ON_BRANCH_PAGE = 3
NEXT_EVENTS_ON_EXTRANET_HOME = 3


def render_next_events(request, occurrences, locale_id, heading=""):
    occurrences = list(occurrences)
    if not occurrences:
        return ""
    # « Annulé » on a date, and the list moves on when the first one ends.
    if request is not None:
        shows_live_facts(request, changes_at=[occurrence.end for occurrence in occurrences])
    return render_to_string(
        "components/events/next_events.html",
        {
            "occurrences": occurrences,
            "event_index_url": fragments.first_page_url(request, EventIndexPage, locale_id),
            "heading": heading,
        },
        request=request,
    )


@hooks.register(HOME_PAGE_SECTIONS_HOOK)
def next_events_section(request, home_page):
    """Kept until content changes (a date, a registration, a publication: core.fragments) or
    the first date shown ends and leaves the list."""
    html, ends = fragments.get_or_build(
        f"next-events:{home_page.locale_id}",
        request,
        lambda: _home_next_events(request, home_page),
        still_valid=lambda kept: all(end > timezone.now() for end in kept[1]),
    )
    if request is not None and ends:
        # As render_next_events() does when it builds: a page without dates shows no live fact.
        shows_live_facts(request, changes_at=ends)
    return html


def _home_next_events(request, home_page):
    """(the section's HTML, when each date shown ends)."""
    occurrences = list(
        Occurrence.objects.upcoming()
        .filter(event__locale_id=home_page.locale_id)
        .for_listing()[:NEXT_EVENTS_ON_HOME_PAGE]
    )
    html = render_next_events(request, occurrences, home_page.locale_id)
    return html, [occurrence.end for occurrence in occurrences]


@hooks.register(BRANCH_PAGE_SECTIONS_HOOK)
def branch_events_section(request, branch_page):
    """The next presentations of this branch's trades, and any other event linked to it."""
    occurrences = (
        Occurrence.objects.upcoming()
        .filter(event__branch_page=branch_page)
        .for_listing()[:NEXT_EVENTS_ON_BRANCH_PAGE]
    )
    return render_next_events(
        request,
        occurrences,
        branch_page.locale_id,
        heading=_("Prochains événements sur ces métiers"),
    )


@hooks.register(EXTRANET_HOME_SECTIONS_HOOK)
def member_events_section(request):
    """On the extranet's home: the next events for the network's members and companies."""
    locale = Locale.get_default()
    occurrences = (
        Occurrence.objects.upcoming()
        .filter(event__audience__in=[Audience.MEMBERS, Audience.COMPANIES], event__locale=locale)
        .for_listing()[:NEXT_EVENTS_ON_EXTRANET_HOME]
    )
    return render_next_events(
        request, occurrences, locale.pk, heading=_("Prochains événements du réseau")
    )
