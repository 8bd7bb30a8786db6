"""The hub's yearly figures on its events: dates held, people registered, people who came.

Read by the editors' « Bilan de l'année » report and its dashboard panel. A date counts once
it has ended, unless it or its event was cancelled or postponed; a year runs from 1 January
to 31 December in Paris, whatever time zone the editor's profile activates. Every number
comes from two aggregate queries, however many events there were; erased registrations
(names and contacts blanked after the retention period) still count, which is why the counts
and attendance are kept.
"""

import dataclasses
import datetime

from django.db import models
from django.utils import timezone

from core.dates import HUB_TIME_ZONE, hub_today
from events.enums import EventStatus, EventType, RegistrationStatus
from events.models import Occurrence, Registration

# The first year the report offers: the hub's events were not recorded here before.
FIRST_YEAR = 2000


@dataclasses.dataclass
class TypeFigures:
    """One line of the report: one event type, or the totals (event_type None)."""

    label: str
    event_type: str | None = None
    dates_held: int = 0
    people_registered: int = 0
    people_present: int = 0

    def add(self, other):
        self.dates_held += other.dates_held
        self.people_registered += other.people_registered
        self.people_present += other.people_present


@dataclasses.dataclass
class YearlyFigures:
    year: int
    by_type: list
    totals: TypeFigures


def current_year():
    return hub_today().year


def year_from_parameter(value):
    """The year asked for in ?annee=, or the current one when it is missing or not a year."""
    this_year = current_year()
    try:
        year = int(str(value).strip())
    except (TypeError, ValueError):
        return this_year
    if FIRST_YEAR <= year <= this_year:
        return year
    return this_year


def held_occurrences(year, now=None):
    """The dates that took place during `year` (Paris): ended, neither cancelled nor postponed."""
    start = datetime.datetime(year, 1, 1, tzinfo=HUB_TIME_ZONE)
    end = datetime.datetime(year + 1, 1, 1, tzinfo=HUB_TIME_ZONE)
    return Occurrence.objects.filter(
        start__gte=start, start__lt=end, end__lt=now or timezone.now(), is_cancelled=False
    ).exclude(event__status__in=[EventStatus.CANCELLED, EventStatus.POSTPONED])


def yearly_figures(year, now=None):
    """Figures per event type (every type, in EventType's order) and their totals."""
    held = held_occurrences(year, now=now)
    dates_by_type = dict(
        held.order_by()
        .values_list("event__event_type")
        .annotate(dates=models.Count("pk"))
        .values_list("event__event_type", "dates")
    )
    people_by_type = {
        row["occurrence__event__event_type"]: row
        for row in Registration.objects.filter(occurrence__in=held.values("pk"))
        .order_by()
        .values("occurrence__event__event_type")
        .annotate(
            registered=models.Sum("people", filter=models.Q(status=RegistrationStatus.CONFIRMED)),
            present=models.Sum("people", filter=models.Q(attended=True)),
        )
    }
    by_type = []
    totals = TypeFigures(label="")
    for event_type in EventType:
        people = people_by_type.get(event_type.value, {})
        figures = TypeFigures(
            label=event_type.label,
            event_type=event_type.value,
            dates_held=dates_by_type.get(event_type.value, 0),
            people_registered=people.get("registered") or 0,
            people_present=people.get("present") or 0,
        )
        by_type.append(figures)
        totals.add(figures)
    return YearlyFigures(year=year, by_type=by_type, totals=totals)


def years_with_events():
    """The years the report offers: from the first recorded date's year to the current one."""
    this_year = current_year()
    first = Occurrence.objects.aggregate(first=models.Min("start"))["first"]
    first_year = timezone.localtime(first, HUB_TIME_ZONE).year if first else this_year
    first_year = max(FIRST_YEAR, min(first_year, this_year))
    return list(range(this_year, first_year - 1, -1))
