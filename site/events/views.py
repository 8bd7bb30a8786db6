"""The pages of the events calendar: upcoming list, month view, archive, event and occurrence.

EventIndexPage's and EventPage's routes call these views (see events.models). Each view returns
the page rendered with its own template, so Wagtail's preview, menus and breadcrumbs work as on
any page.
"""

import calendar
import datetime
import itertools
from urllib.parse import urlencode, urlsplit

from django.core.paginator import Paginator
from django.http import Http404
from django.utils import timezone

from core.addresses import absolute_url
from core.cache import shows_live_facts
from core.dates import HUB_TIME_ZONE, hub_today
from events.enums import Audience, EventType, RegistrationState
from events.models import EventPage, Occurrence
from events.structured_data import event_json_ld, json_ld

OCCURRENCES_PER_PAGE = 20
NEXT_OCCURRENCES_SHOWN = 6
TYPE_PARAMETER = "type"
AUDIENCE_PARAMETER = "public"
# Years outside this range cannot be shown by datetime, and nobody plans that far anyway.
FIRST_YEAR, LAST_YEAR = 1900, 9998


class EventFilters:
    """The type and audience asked for in the query string; unknown values are ignored."""

    def __init__(self, query):
        event_type = query.get(TYPE_PARAMETER, "")
        audience = query.get(AUDIENCE_PARAMETER, "")
        self.event_type = event_type if event_type in EventType.values else ""
        self.audience = audience if audience in Audience.values else ""

    def apply(self, occurrences):
        if self.event_type:
            occurrences = occurrences.filter(event__event_type=self.event_type)
        if self.audience:
            # An event for everyone is also an event for the audience asked for.
            occurrences = occurrences.filter(event__audience__in={self.audience, Audience.EVERYONE})
        return occurrences

    @property
    def parameters(self):
        pairs = {TYPE_PARAMETER: self.event_type, AUDIENCE_PARAMETER: self.audience}
        return {name: value for name, value in pairs.items() if value}

    @property
    def query_string(self):
        """The filters as "?type=…&public=…", or "" without any: kept by the month links."""
        return f"?{urlencode(self.parameters)}" if self.parameters else ""

    def context(self):
        return {
            "filters": self,
            "type_choices": EventType.choices,
            "audience_choices": [
                choice for choice in Audience.choices if choice[0] != Audience.EVERYONE
            ],
            "selected_type": self.event_type,
            "selected_audience": self.audience,
            "filters_active": bool(self.parameters),
            "filter_query": self.query_string,
        }


def occurrences_under(index):
    """Occurrences of the live events under `index`, with what a listing shows."""
    events = EventPage.objects.child_of(index).live()
    return Occurrence.objects.filter(event__in=events).for_listing()


def local_start(occurrence):
    return timezone.localtime(occurrence.start, HUB_TIME_ZONE)


def group_by_month(occurrences):
    """[(first day of the month, [occurrences])], in the order given."""
    return [
        (month, list(items))
        for month, items in itertools.groupby(
            occurrences, key=lambda occurrence: local_start(occurrence).date().replace(day=1)
        )
    ]


def paginate(request, occurrences):
    paginator = Paginator(occurrences, OCCURRENCES_PER_PAGE)
    # get_page() turns "abc", "0" or "999" into a real page instead of an error.
    return paginator.get_page(request.GET.get("page"))


def month_url(index, month_start, filters):
    path = index.reverse_subpage(
        "month", kwargs={"year": f"{month_start.year:04d}", "month": f"{month_start.month:02d}"}
    )
    return f"{index.url}{path}{filters.query_string}"


def subscription_url(url):
    """`url` as a webcal:// address: calendar apps subscribe to it (and come back for changes)
    instead of importing one copy, which a plain https:// link does."""
    parts = urlsplit(absolute_url(url))
    return f"webcal://{parts.netloc}{parts.path}{'?' + parts.query if parts.query else ''}"


def listing_links(index, filters, today):
    calendar_feed_url = index.url + index.reverse_subpage("calendar")
    if filters.event_type:
        calendar_feed_url += f"?{urlencode({TYPE_PARAMETER: filters.event_type})}"
    return {
        "current_month_url": month_url(index, today.replace(day=1), filters),
        "archive_url": index.url + index.reverse_subpage("archive"),
        "upcoming_url": index.url,
        "calendar_feed_url": calendar_feed_url,
        "calendar_subscription_url": subscription_url(calendar_feed_url),
    }


def show_live_facts_of(request, occurrences):
    """The page lists these dates with their live facts (« complet », « annulé »): see
    core.cache.shows_live_facts. Nothing to mark on an empty list."""
    if occurrences:
        shows_live_facts(
            request,
            changes_at=[moment for occurrence in occurrences for moment in occurrence.changes_at()],
        )


def upcoming_events(request, index):
    filters = EventFilters(request.GET)
    occurrences = filters.apply(occurrences_under(index).upcoming())
    page_obj = paginate(request, occurrences)
    shown = list(page_obj.object_list)
    # The first date to end leaves the list then.
    show_live_facts_of(request, shown)
    today = hub_today()
    context = {
        "page_obj": page_obj,
        "months": group_by_month(shown),
        **filters.context(),
        **listing_links(index, filters, today),
    }
    return index.render(request, context_overrides=context)


def month_view(request, index, year, month):
    if not (1 <= month <= 12 and FIRST_YEAR <= year <= LAST_YEAR):
        raise Http404("No such month.")
    filters = EventFilters(request.GET)
    weeks = calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(year, month)
    occurrences = filters.apply(occurrences_under(index).between(weeks[0][0], weeks[-1][-1]))
    occurrences = list(occurrences)
    show_live_facts_of(request, occurrences)
    by_day = {}
    for occurrence in occurrences:
        by_day.setdefault(local_start(occurrence).date(), []).append(occurrence)
    month_start = datetime.date(year, month, 1)
    previous_month = (month_start - datetime.timedelta(days=1)).replace(day=1)
    next_month = (month_start + datetime.timedelta(days=31)).replace(day=1)
    today = hub_today()
    context = {
        "month_start": month_start,
        "weeks": [
            [
                {
                    "date": day,
                    "in_month": day.month == month,
                    "is_today": day == today,
                    "occurrences": by_day.get(day, []),
                }
                for day in week
            ]
            for week in weeks
        ],
        "weekdays": [weeks[0][number] for number in range(7)],
        "month_has_events": any(day.month == month for day in by_day if by_day[day]),
        "previous_month": previous_month,
        "next_month": next_month,
        "previous_month_url": month_url(index, previous_month, filters)
        if previous_month.year >= FIRST_YEAR
        else "",
        "month_clear_url": month_url(index, month_start, EventFilters({})),
        "next_month_url": month_url(index, next_month, filters)
        if next_month.year <= LAST_YEAR
        else "",
        **filters.context(),
        **listing_links(index, filters, today),
    }
    return index.render(request, template="pages/event_month.html", context_overrides=context)


def past_events(request, index):
    filters = EventFilters(request.GET)
    occurrences = filters.apply(occurrences_under(index).past())
    page_obj = paginate(request, occurrences)
    shown = list(page_obj.object_list)
    if shown:
        # A date cancelled afterwards shows it here too.
        shows_live_facts(request)
    today = hub_today()
    context = {
        "page_obj": page_obj,
        "months": group_by_month(shown),
        **filters.context(),
        **listing_links(index, filters, today),
    }
    return index.render(request, template="pages/event_archive.html", context_overrides=context)


def participants_with_offers(event):
    """The public organisations at a job fair, each with its current offers named on the site."""
    from offers.models import OfferIndexPage, OfferPage

    organisations = list(event.participants.filter(is_public=True).order_by("name"))
    if not organisations:
        return [], None
    offers = (
        OfferPage.objects.current()
        .filter(employer__in=organisations, employer_is_anonymous=False)
        .order_by("title")
    )
    offers_by_employer = {}
    for offer in offers:
        offers_by_employer.setdefault(offer.employer_id, []).append(offer)
    offer_index = OfferIndexPage.objects.live().filter(locale=event.locale).first()
    return [
        {"organisation": organisation, "offers": offers_by_employer.get(organisation.pk, [])}
        for organisation in organisations
    ], offer_index


def event_context(request, event):
    participants, offer_index = participants_with_offers(event)
    branch_page = event.branch_page if event.branch_page and event.branch_page.live else None
    return {
        "event": event,
        "participants": participants,
        "offer_index": offer_index,
        "branch_page": branch_page,
        "is_online": bool(event.online_url),
    }


def registration_summary(occurrence, now=None):
    """What the event and date pages say about registering: state, places left, the link."""
    state = occurrence.registration_state(now)
    if state == RegistrationState.NOT_NEEDED:
        return None
    places_left = occurrence.places_left()
    return {
        "state": state,
        "state_label": state.label,
        "is_open": state == RegistrationState.OPEN,
        "opens_at": occurrence.event.registration_opens_at,
        "capacity": occurrence.capacity,
        "places_left": places_left,
        "is_full": places_left == 0,
        "url": occurrence.get_registration_url(),
    }


def date_status(occurrence):
    """A date's status and the reason given to visitors: a date cancelled on its own explains
    itself in its note."""
    event = occurrence.event
    if occurrence.is_cancelled:
        return occurrence.status, occurrence.note
    return occurrence.status, event.status_reason


def event_detail(request, event):
    now = timezone.now()
    next_occurrences = list(
        event.occurrences.filter(end__gte=now).order_by("start")[:NEXT_OCCURRENCES_SHOWN]
    )
    for occurrence in next_occurrences:
        # The event is already loaded: its dates read it without a query each.
        occurrence.event = event
    next_occurrence = next_occurrences[0] if next_occurrences else None
    # A one-off event's page is its date's: registered for from here, cancelled or moved by an
    # editor in « Dates des événements » on its own.
    only_date = next_occurrence if not event.recurrence else None
    registration = registration_summary(only_date, now) if only_date else None
    status, status_reason = (
        date_status(only_date) if only_date else (event.status, event.status_reason)
    )
    shows_live_facts(
        request, changes_at=[moment for date in next_occurrences for moment in date.changes_at()]
    )
    context = {
        **event_context(request, event),
        "next_occurrences": next_occurrences,
        "only_date": only_date,
        "is_repeating": bool(event.recurrence),
        "registration": registration,
        "status": status,
        "status_reason": status_reason,
        "calendar_url": event.url + event.reverse_subpage("calendar") if event.url else "",
        "event_json_ld": json_ld(
            event_json_ld(
                event,
                request,
                next_occurrence=next_occurrence,
                registration=registration,
                now=now,
            )
        ),
    }
    return event.render(request, context_overrides=context)


def parse_day(day):
    try:
        date = datetime.date.fromisoformat(day)
    except ValueError:
        raise Http404("Not a date.") from None
    # Near year 1 or 9999, the day's bounds in Paris fall outside what datetime can hold.
    if not FIRST_YEAR <= date.year <= LAST_YEAR:
        raise Http404("No event that far.")
    return date


def find_occurrence(event, day):
    """The occurrence the rule put on `day` (a "YYYY-MM-DD" string), or 404."""
    date = parse_day(day)
    day_start = datetime.datetime.combine(date, datetime.time.min, HUB_TIME_ZONE)
    day_end = day_start + datetime.timedelta(days=1)
    occurrence = (
        event.occurrences.filter(rule_start__gte=day_start, rule_start__lt=day_end)
        .order_by("rule_start")
        .first()
    )
    if occurrence is None:
        raise Http404("No occurrence on that day.")
    # The event is already loaded: the templates read it through the occurrence.
    occurrence.event = event
    return occurrence


def occurrence_detail(request, event, day):
    now = timezone.now()
    occurrence = find_occurrence(event, day)
    registration = registration_summary(occurrence, now)
    status, status_reason = date_status(occurrence)
    shows_live_facts(request, changes_at=occurrence.changes_at())
    context = {
        **event_context(request, event),
        "occurrence": occurrence,
        "registration": registration,
        "status": status,
        "status_reason": status_reason,
        "is_repeating": bool(event.recurrence),
        "event_url": event.url,
        "calendar_url": event.url
        + event.reverse_subpage("occurrence_calendar", kwargs={"day": day}),
        "event_json_ld": json_ld(
            event_json_ld(event, request, occurrence=occurrence, registration=registration, now=now)
        ),
    }
    return event.render(request, template="pages/event_page.html", context_overrides=context)
