"""events.recurrence.occurrence_starts: from a rule to the dates of the occurrences."""

import datetime

from core.dates import HUB_TIME_ZONE
from events.enums import Recurrence
from events.recurrence import HORIZON_DAYS, occurrence_starts
from tests.events.factories import paris_datetime

NOW = paris_datetime(2027, 1, 1, 9)


def local_days(starts):
    return [start.astimezone(HUB_TIME_ZONE).date() for start in starts]


def test_no_rule_gives_the_start_alone():
    start = paris_datetime(2027, 1, 12)

    assert occurrence_starts(start, Recurrence.NONE, now=NOW) == [start]


def test_monthly_by_weekday_keeps_the_second_tuesday():
    # 12 January 2027 is the second Tuesday of the month.
    starts = occurrence_starts(
        paris_datetime(2027, 1, 12),
        Recurrence.MONTHLY_BY_WEEKDAY,
        until=datetime.date(2027, 6, 30),
        now=NOW,
    )

    assert local_days(starts) == [
        datetime.date(2027, 1, 12),
        datetime.date(2027, 2, 9),
        datetime.date(2027, 3, 9),
        datetime.date(2027, 4, 13),
        datetime.date(2027, 5, 11),
        datetime.date(2027, 6, 8),
    ]
    assert all(day.weekday() == 1 and 8 <= day.day <= 14 for day in local_days(starts))


def test_weekly():
    starts = occurrence_starts(
        paris_datetime(2027, 1, 5), Recurrence.WEEKLY, until=datetime.date(2027, 1, 24), now=NOW
    )

    assert local_days(starts) == [
        datetime.date(2027, 1, 5),
        datetime.date(2027, 1, 12),
        datetime.date(2027, 1, 19),
    ]


def test_monthly_by_date():
    starts = occurrence_starts(
        paris_datetime(2027, 1, 15),
        Recurrence.MONTHLY_BY_DATE,
        until=datetime.date(2027, 3, 31),
        now=NOW,
    )

    assert local_days(starts) == [
        datetime.date(2027, 1, 15),
        datetime.date(2027, 2, 15),
        datetime.date(2027, 3, 15),
    ]


def test_interval_two_is_every_other_time():
    starts = occurrence_starts(
        paris_datetime(2027, 1, 5),
        Recurrence.WEEKLY,
        interval=2,
        until=datetime.date(2027, 2, 8),
        now=NOW,
    )

    assert local_days(starts) == [
        datetime.date(2027, 1, 5),
        datetime.date(2027, 1, 19),
        datetime.date(2027, 2, 2),
    ]


def test_until_is_inclusive():
    starts = occurrence_starts(
        paris_datetime(2027, 1, 5),
        Recurrence.WEEKLY,
        until=datetime.date(2027, 1, 19),
        now=NOW,
    )

    assert local_days(starts)[-1] == datetime.date(2027, 1, 19)
    assert len(starts) == 3


def test_count_limits_the_number_of_dates():
    starts = occurrence_starts(paris_datetime(2027, 1, 5), Recurrence.WEEKLY, count=4, now=NOW)

    assert local_days(starts) == [
        datetime.date(2027, 1, 5),
        datetime.date(2027, 1, 12),
        datetime.date(2027, 1, 19),
        datetime.date(2027, 1, 26),
    ]


def test_count_without_until_ignores_the_horizon():
    starts = occurrence_starts(
        paris_datetime(2027, 1, 12), Recurrence.MONTHLY_BY_WEEKDAY, count=18, now=NOW
    )

    assert len(starts) == 18


def test_excluded_dates_are_left_out():
    starts = occurrence_starts(
        paris_datetime(2027, 1, 5),
        Recurrence.WEEKLY,
        until=datetime.date(2027, 1, 31),
        excluded={datetime.date(2027, 1, 12)},
        now=NOW,
    )

    assert datetime.date(2027, 1, 12) not in local_days(starts)
    assert local_days(starts) == [
        datetime.date(2027, 1, 5),
        datetime.date(2027, 1, 19),
        datetime.date(2027, 1, 26),
    ]


def test_wall_clock_time_stays_the_same_across_daylight_saving_changes():
    # Summer time starts on 28 March 2027 and ends on 31 October 2027.
    starts = occurrence_starts(
        paris_datetime(2027, 3, 9),
        Recurrence.MONTHLY_BY_WEEKDAY,
        until=datetime.date(2027, 11, 30),
        now=NOW,
    )
    by_day = {start.astimezone(HUB_TIME_ZONE).date(): start for start in starts}

    assert all(start.astimezone(HUB_TIME_ZONE).time() == datetime.time(14) for start in starts)
    assert by_day[datetime.date(2027, 3, 9)].utcoffset() == datetime.timedelta(hours=1)
    assert by_day[datetime.date(2027, 4, 13)].utcoffset() == datetime.timedelta(hours=2)
    assert by_day[datetime.date(2027, 10, 12)].utcoffset() == datetime.timedelta(hours=2)
    assert by_day[datetime.date(2027, 11, 9)].utcoffset() == datetime.timedelta(hours=1)
    assert by_day[datetime.date(2027, 4, 13)].astimezone(datetime.UTC).hour == 12
    assert by_day[datetime.date(2027, 11, 9)].astimezone(datetime.UTC).hour == 13


def test_weekly_across_the_last_sunday_of_march():
    starts = occurrence_starts(
        paris_datetime(2027, 3, 21), Recurrence.WEEKLY, until=datetime.date(2027, 3, 28), now=NOW
    )

    assert [start.utcoffset() for start in starts] == [
        datetime.timedelta(hours=1),
        datetime.timedelta(hours=2),
    ]
    assert {start.astimezone(HUB_TIME_ZONE).hour for start in starts} == {14}


def test_a_rule_without_end_stops_at_the_horizon():
    starts = occurrence_starts(paris_datetime(2027, 1, 12), Recurrence.MONTHLY_BY_WEEKDAY, now=NOW)
    horizon = NOW + datetime.timedelta(days=HORIZON_DAYS)

    assert starts[-1] <= horizon
    assert starts[-1] > horizon - datetime.timedelta(days=35)
    # About thirteen months of second Tuesdays.
    assert 12 <= len(starts) <= 14


def test_the_horizon_moves_with_time():
    start = paris_datetime(2027, 1, 12)
    now_starts = occurrence_starts(start, Recurrence.MONTHLY_BY_WEEKDAY, now=NOW)
    later_starts = occurrence_starts(
        start, Recurrence.MONTHLY_BY_WEEKDAY, now=NOW + datetime.timedelta(days=90)
    )

    assert len(later_starts) == len(now_starts) + 3
