"""Stored occurrences: made from the rule on publishing, kept when an editor changed them."""

import datetime
from io import StringIO

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command

from core.dates import HUB_TIME_ZONE
from events.enums import Recurrence
from events.models import Occurrence
from tests.events.factories import EventPageFactory, paris_datetime

pytestmark = pytest.mark.django_db

NOW = paris_datetime(2027, 1, 4, 9)


def local_days(occurrences):
    return [occurrence.local_date for occurrence in occurrences]


def second_tuesdays_event(**fields):
    return EventPageFactory(
        recurring_monthly=True,
        start=paris_datetime(2027, 1, 12),
        end=paris_datetime(2027, 1, 12, 16),
        recurrence_until=datetime.date(2027, 4, 30),
        **fields,
    )


def publish(event, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()


@time_machine.travel(NOW, tick=False)
def test_publishing_stores_the_occurrences(django_capture_on_commit_callbacks):
    event = EventPageFactory(
        draft=True,
        recurrence=Recurrence.MONTHLY_BY_WEEKDAY,
        start=paris_datetime(2027, 1, 12),
        end=paris_datetime(2027, 1, 12, 16),
        recurrence_until=datetime.date(2027, 3, 31),
    )
    assert not event.occurrences.exists()

    publish(event, django_capture_on_commit_callbacks)

    occurrences = event.occurrences.all()
    assert local_days(occurrences) == [
        datetime.date(2027, 1, 12),
        datetime.date(2027, 2, 9),
        datetime.date(2027, 3, 9),
    ]
    assert all(
        occurrence.end - occurrence.start == datetime.timedelta(hours=2)
        for occurrence in occurrences
    )
    assert all(occurrence.start == occurrence.rule_start for occurrence in occurrences)


@time_machine.travel(NOW, tick=False)
def test_republishing_follows_the_new_rule(django_capture_on_commit_callbacks):
    event = second_tuesdays_event()
    kept = event.occurrences.get(rule_start=paris_datetime(2027, 1, 12))

    # From monthly to weekly on Tuesdays, until the end of January.
    event.recurrence = Recurrence.WEEKLY
    event.recurrence_until = datetime.date(2027, 1, 31)
    publish(event, django_capture_on_commit_callbacks)

    assert local_days(event.occurrences.all()) == [
        datetime.date(2027, 1, 12),
        datetime.date(2027, 1, 19),
        datetime.date(2027, 1, 26),
    ]
    # The date both rules share is the same row, not a new one.
    assert event.occurrences.get(rule_start=paris_datetime(2027, 1, 12)).pk == kept.pk


@time_machine.travel(NOW, tick=False)
def test_moving_the_start_time_moves_every_occurrence(django_capture_on_commit_callbacks):
    event = second_tuesdays_event()

    event.start = paris_datetime(2027, 1, 12, 10)
    event.end = paris_datetime(2027, 1, 12, 12)
    publish(event, django_capture_on_commit_callbacks)

    assert {
        occurrence.start.astimezone(HUB_TIME_ZONE).time() for occurrence in event.occurrences.all()
    } == {datetime.time(10)}


@time_machine.travel(NOW, tick=False)
def test_occurrences_an_editor_changed_are_kept(django_capture_on_commit_callbacks):
    event = second_tuesdays_event()
    cancelled = event.occurrences.get(rule_start=paris_datetime(2027, 2, 9))
    cancelled.is_cancelled = True
    cancelled.note = "Annulée : grève des transports"
    cancelled.changed_by_editor = True
    cancelled.save()
    moved = event.occurrences.get(rule_start=paris_datetime(2027, 3, 9))
    moved.start = paris_datetime(2027, 3, 10)
    moved.end = paris_datetime(2027, 3, 10, 16)
    moved.changed_by_editor = True
    moved.save()

    # The new rule has neither date any more, and the start time changes.
    event.recurrence = Recurrence.WEEKLY
    event.recurrence_until = datetime.date(2027, 1, 31)
    event.start = paris_datetime(2027, 1, 12, 10)
    event.end = paris_datetime(2027, 1, 12, 12)
    publish(event, django_capture_on_commit_callbacks)

    cancelled.refresh_from_db()
    moved.refresh_from_db()
    assert cancelled.is_cancelled
    assert cancelled.note == "Annulée : grève des transports"
    assert moved.start == paris_datetime(2027, 3, 10)
    assert not event.occurrences.filter(rule_start=paris_datetime(2027, 4, 13)).exists()


@time_machine.travel(NOW, tick=False)
def test_sync_is_idempotent():
    event = second_tuesdays_event()
    ids = set(event.occurrences.values_list("pk", flat=True))

    event.sync_occurrences()

    assert set(event.occurrences.values_list("pk", flat=True)) == ids
    assert len(ids) == 4


@pytest.mark.parametrize(
    ("fields", "field_in_error"),
    [
        ({"end": paris_datetime(2027, 1, 12, 13)}, "end"),
        ({"excluded_dates": "14/07/2027\n2027-08-15"}, "excluded_dates"),
        ({"excluded_dates": "31/02/2027"}, "excluded_dates"),
        (
            {
                "recurrence": Recurrence.WEEKLY,
                "recurrence_until": datetime.date(2027, 1, 11),
            },
            "recurrence_until",
        ),
    ],
)
def test_clean_refuses_inconsistent_events(fields, field_in_error):
    times = {"start": paris_datetime(2027, 1, 12), "end": paris_datetime(2027, 1, 12, 16)}
    event = EventPageFactory.build(**{**times, **fields})

    with pytest.raises(ValidationError) as error:
        event.clean()

    assert field_in_error in error.value.message_dict


def test_clean_accepts_excluded_dates_one_a_line():
    event = EventPageFactory.build(
        recurrence=Recurrence.WEEKLY,
        start=paris_datetime(2027, 1, 12),
        end=paris_datetime(2027, 1, 12, 16),
        excluded_dates="14/07/2027\n 11/08/2027 \n",
    )

    event.clean()

    assert event.parsed_excluded_dates() == {datetime.date(2027, 7, 14), datetime.date(2027, 8, 11)}


def test_extend_occurrences_adds_dates_as_time_passes():
    with time_machine.travel(NOW, tick=False):
        event = EventPageFactory(
            recurring_monthly=True,
            start=paris_datetime(2027, 1, 12),
            end=paris_datetime(2027, 1, 12, 16),
        )
        stored_at_first = event.occurrences.count()
        last_at_first = event.occurrences.last().start

    with time_machine.travel(NOW + datetime.timedelta(days=100), tick=False):
        stdout = StringIO()
        call_command("extend_occurrences", stdout=stdout)

    assert event.occurrences.count() > stored_at_first
    assert event.occurrences.last().start > last_at_first
    assert "1 événements répétés mis à jour" in stdout.getvalue()


@time_machine.travel(NOW, tick=False)
def test_querysets_leave_out_drafts_and_split_past_from_upcoming():
    upcoming = EventPageFactory(
        start=paris_datetime(2027, 1, 20), end=paris_datetime(2027, 1, 20, 16)
    )
    past = EventPageFactory(
        start=paris_datetime(2026, 12, 10), end=paris_datetime(2026, 12, 10, 16)
    )
    draft = EventPageFactory(
        draft=True, start=paris_datetime(2027, 1, 21), end=paris_datetime(2027, 1, 21, 16)
    )
    # An event published, given its dates, then unpublished keeps its rows.
    draft.sync_occurrences()
    assert draft.occurrences.count() == 1

    assert [o.event_id for o in Occurrence.objects.upcoming()] == [upcoming.pk]
    assert [o.event_id for o in Occurrence.objects.past()] == [past.pk]
    between = Occurrence.objects.between(datetime.date(2026, 12, 1), datetime.date(2027, 1, 31))
    assert [o.event_id for o in between] == [past.pk, upcoming.pk]
    assert not Occurrence.objects.between(datetime.date(2027, 1, 21), datetime.date(2027, 1, 21))


@time_machine.travel(NOW, tick=False)
def test_an_occurrence_under_way_is_still_upcoming():
    under_way = EventPageFactory(
        start=paris_datetime(2027, 1, 4, 8), end=paris_datetime(2027, 1, 4, 12)
    )

    assert list(Occurrence.objects.upcoming()) == list(under_way.occurrences.all())


@time_machine.travel(NOW, tick=False)
def test_between_counts_days_in_paris():
    # 00:30 in Paris on 1 February is still 31 January in UTC: days are the hub's.
    early = EventPageFactory(
        start=paris_datetime(2027, 2, 1, 0, 30), end=paris_datetime(2027, 2, 1, 1, 30)
    )
    first_of_february = datetime.date(2027, 2, 1)
    last_of_january = datetime.date(2027, 1, 31)

    assert list(Occurrence.objects.between(first_of_february, first_of_february)) == list(
        early.occurrences.all()
    )
    assert not Occurrence.objects.between(last_of_january, last_of_january)
    assert early.occurrences.get().local_date == first_of_february


@time_machine.travel(NOW, tick=False)
def test_occurrence_url_status_and_local_date():
    event = second_tuesdays_event()
    occurrence = event.occurrences.first()

    assert occurrence.local_date == datetime.date(2027, 1, 12)
    assert occurrence.get_url() == f"{event.url}2027-01-12/"
    assert occurrence.status == "prevu"
    occurrence.is_cancelled = True
    assert occurrence.status == "annule"
