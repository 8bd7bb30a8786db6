"""Expanding an event's repetition rule into the dates of its occurrences.

Occurrences keep the same wall-clock time in Europe/Paris across daylight-saving changes: the rule
runs on naive local datetimes and each result is made aware afterwards.
"""

import datetime
import itertools

from dateutil import rrule

from core.dates import HUB_TIME_ZONE
from events.enums import Recurrence

# Occurrences are stored this far ahead; a daily job (`manage.py extend_occurrences`) keeps the
# horizon moving for rules without an end.
HORIZON_DAYS = 400
MAX_OCCURRENCES = 200


def nth_weekday_of_month(moment):
    """The position of the day in its month (1 to 5), as « le 2e mardi » counts."""
    return (moment.day - 1) // 7 + 1


def occurrence_starts(
    start, recurrence, *, interval=1, until=None, count=None, excluded=(), now=None
):
    """The aware start datetimes of the occurrences of an event starting at `start`.

    `until` is a date (inclusive), `count` a number of occurrences; without either, dates stop at
    the horizon. `excluded` holds dates on which the event does not take place.
    """
    local_start = start.astimezone(HUB_TIME_ZONE).replace(tzinfo=None)
    if not recurrence:
        return [start]
    now = now or datetime.datetime.now(HUB_TIME_ZONE)
    horizon = now.replace(tzinfo=None) + datetime.timedelta(days=HORIZON_DAYS)
    options = {"dtstart": local_start, "interval": max(interval, 1)}
    # rrule takes a count or an end, not both; a count is capped by MAX_OCCURRENCES below.
    if count:
        options["count"] = min(count, MAX_OCCURRENCES)
    elif until:
        options["until"] = min(horizon, datetime.datetime.combine(until, datetime.time.max))
    else:
        options["until"] = horizon
    if recurrence == Recurrence.WEEKLY:
        rule = rrule.rrule(rrule.WEEKLY, **options)
    elif recurrence == Recurrence.MONTHLY_BY_WEEKDAY:
        weekday = rrule.weekday(local_start.weekday())(nth_weekday_of_month(local_start))
        rule = rrule.rrule(rrule.MONTHLY, byweekday=weekday, **options)
    elif recurrence == Recurrence.MONTHLY_BY_DATE:
        rule = rrule.rrule(rrule.MONTHLY, bymonthday=local_start.day, **options)
    else:
        raise ValueError(f"Unknown recurrence: {recurrence!r}")
    excluded = set(excluded)
    return [
        moment.replace(tzinfo=HUB_TIME_ZONE)
        for moment in itertools.islice(rule, MAX_OCCURRENCES)
        if moment.date() not in excluded
    ]
