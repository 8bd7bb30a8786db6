"""« Ajouter à mon agenda »: iCalendar files for an event, one occurrence, and the whole agenda.

The routes of EventPage ("agenda/", "YYYY-MM-DD/agenda/") and EventIndexPage
("agenda/", subscribable, with an optional ?type=) call these views. Each occurrence keeps the
same UID in every file and every download, so a phone that imported it once updates it (moved,
cancelled) instead of adding a copy. A date's STATUS is read when the file is made: the page cache
is emptied when it changes, and shared caches must ask again each time (core.cache). The
ORGANIZER is the hub, named and reachable at the e-mail of its site settings.
"""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from icalendar import Calendar, Event, vCalAddress

from core.addresses import absolute_url
from core.cache import shows_live_facts
from core.dates import HUB_TIME_ZONE
from core.models import SiteSettings
from events.enums import EventStatus, EventType, RegistrationState
from events.models import EventPage, Occurrence
from events.views import TYPE_PARAMETER, find_occurrence

PRODUCT_ID = "-//Dynamique Emploi dans les Quartiers//Agenda//FR"
# How often subscribed calendar apps should come back for changes.
REFRESH_INTERVAL = datetime.timedelta(hours=12)


def uid_host(request):
    """The site's own host name: the same UIDs whatever address the file was downloaded from."""
    return urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or request.get_host()


def occurrence_uid(occurrence, host):
    # rule_start, not start: moving an occurrence must update it in calendars, not duplicate it.
    rule_start = occurrence.rule_start.astimezone(datetime.UTC)
    return f"evenement-{occurrence.event_id}-{rule_start:%Y%m%dT%H%M%SZ}@{host}"


# iCalendar's STATUS of a VEVENT (RFC 5545, 3.8.1.11): a postponed date is not sure any more.
STATUSES = {EventStatus.CANCELLED: "CANCELLED", EventStatus.POSTPONED: "TENTATIVE"}


def ical_status(occurrence):
    return STATUSES.get(occurrence.status, "CONFIRMED")


def organizer(request):
    """The hub, with the e-mail of its site settings; None without one (ORGANIZER needs an
    address)."""
    email = SiteSettings.for_request(request).email
    if not email:
        return None
    address = vCalAddress(f"mailto:{email}")
    address.params["cn"] = str(settings.WAGTAIL_SITE_NAME)
    return address


def location(venue):
    if venue is None:
        return ""
    return f"{venue.name}, {venue.address}, {venue.postal_code} {venue.commune}"


def registration_line(occurrence, now):
    """Whether places are left, while registrations are open; "" otherwise."""
    if occurrence.registration_state(now) != RegistrationState.OPEN:
        return ""
    places_left = occurrence.places_left()
    if places_left is None:
        return _("Sur inscription, gratuit.")
    if places_left == 0:
        return _("Complet : inscription sur liste d'attente.")
    return ngettext(
        "Sur inscription : il reste %(places)s place.",
        "Sur inscription : il reste %(places)s places.",
        places_left,
    ) % {"places": places_left}


def vevent(occurrence, request, host, stamp, organizer_address=None):
    event = occurrence.event
    url = absolute_url(occurrence.get_url(request))
    component = Event()
    component.add("uid", occurrence_uid(occurrence, host))
    component.add("dtstamp", stamp)
    start = timezone.localtime(occurrence.start, HUB_TIME_ZONE)
    end = timezone.localtime(occurrence.end, HUB_TIME_ZONE)
    if event.all_day:
        # All-day ends are exclusive in iCalendar: the day after the last one.
        component.add("dtstart", start.date())
        component.add("dtend", end.date() + datetime.timedelta(days=1))
    else:
        component.add("dtstart", start)
        component.add("dtend", end)
    component.add("summary", event.title)
    description = [event.summary]
    if occurrence.note:
        description.append(occurrence.note)
    if event.status_reason and event.status != EventStatus.SCHEDULED:
        description.append(event.status_reason)
    registration = registration_line(occurrence, stamp)
    if registration:
        description.append(registration)
    if event.online_url:
        description.append(event.online_url)
    description.append(url)
    component.add("description", "\n\n".join(description))
    venue_text = location(event.venue)
    if venue_text:
        component.add("location", venue_text)
    component.add("url", url)
    component.add("status", ical_status(occurrence))
    if organizer_address is not None:
        component.add("organizer", organizer_address)
    return component


def calendar_response(request, name, occurrences, filename):
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", str(HUB_TIME_ZONE))
    calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT12H")
    host = uid_host(request)
    stamp = timezone.now().astimezone(datetime.UTC)
    occurrences = list(occurrences)
    organizer_address = organizer(request)
    for occurrence in occurrences:
        calendar.add_component(vevent(occurrence, request, host, stamp, organizer_address))
    if occurrences:
        shows_live_facts(
            request,
            # Registrations open and close (the places left are said), a date ends (the
            # agenda's feed drops it).
            changes_at=[moment for occurrence in occurrences for moment in occurrence.changes_at()],
        )
    if occurrences:
        # The time zone's rules only for the years the file covers, to keep it small.
        first = min(occurrence.start for occurrence in occurrences).date()
        last = max(occurrence.end for occurrence in occurrences).date()
        calendar.add_missing_timezones(
            first_date=first - datetime.timedelta(days=366),
            last_date=last + datetime.timedelta(days=366),
        )
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.ics"'
    return response


def event_calendar(request, event):
    occurrences = event.occurrences.for_listing().order_by("start")
    return calendar_response(request, event.title, occurrences, slugify(event.slug) or "agenda")


def occurrence_calendar(request, event, day):
    occurrence = find_occurrence(event, day)
    return calendar_response(
        request, event.title, [occurrence], f"{slugify(event.slug) or 'agenda'}-{day}"
    )


def calendar_feed(request, index):
    events = EventPage.objects.child_of(index).live()
    occurrences = Occurrence.objects.filter(event__in=events).upcoming().for_listing()
    name = str(settings.WAGTAIL_SITE_NAME)
    filename = "agenda"
    event_type = request.GET.get(TYPE_PARAMETER, "")
    if event_type in EventType.values:
        occurrences = occurrences.filter(event__event_type=event_type)
        name = _("%(site)s : %(type)s") % {
            "site": settings.WAGTAIL_SITE_NAME,
            "type": EventType(event_type).label,
        }
        filename = f"agenda-{event_type}"
    return calendar_response(request, name, occurrences, filename)
