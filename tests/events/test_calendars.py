"""« Ajouter à mon agenda »: the .ics files served, parsed back with icalendar.

Downloaded as a visitor would, through the pages' "agenda/" routes.
"""

import datetime

import time_machine
from django.test import Client, TestCase
from icalendar import Calendar

from events.calendars import calendar_feed, event_calendar, occurrence_calendar
from events.enums import EventType
from tests.events.factories import EventPageFactory, get_event_index_page, paris_datetime

NOW = paris_datetime(2026, 11, 2, 10)


def get(view, page, *args, **query):
    """The calendar `view` of `page` (for the date in args, if any), through its URL."""
    assert view in {calendar_feed, event_calendar, occurrence_calendar}
    day = f"{args[0]}/" if args else ""
    return Client().get(f"{page.url}{day}agenda/", query)


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    return Calendar.from_ical(response.content)


@time_machine.travel(NOW, tick=False)
class CalendarTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        with time_machine.travel(NOW, tick=False):
            cls.index = get_event_index_page()
            cls.monthly = EventPageFactory(
                recurring_monthly=True,
                start=paris_datetime(2026, 11, 10, 14),
                recurrence_until=datetime.date(2027, 1, 31),
            )
            cls.training = EventPageFactory(
                title="Formation", event_type=EventType.TRAINING, cancelled=True
            )
            cls.all_day = EventPageFactory(title="Journée portes ouvertes", all_day=True)

    def test_event_calendar_has_every_occurrence_with_stable_uids(self):
        calendar = parse(get(event_calendar, self.monthly))
        assert calendar["PRODID"]
        assert calendar["VERSION"] == "2.0"
        assert calendar["X-WR-CALNAME"] == self.monthly.title
        assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
        events = calendar.walk("VEVENT")
        assert len(events) == 3
        first = events[0]
        assert first["DTSTART"].params["TZID"] == "Europe/Paris"
        assert first.decoded("DTSTART") == paris_datetime(2026, 11, 10, 14)
        assert first["STATUS"] == "CONFIRMED"
        assert self.monthly.venue.address in first["LOCATION"]
        assert first["URL"].endswith(f"{self.monthly.url}2026-11-10/")
        assert first["SUMMARY"] == self.monthly.title
        again = Calendar.from_ical(get(event_calendar, self.monthly).content)
        assert [event["UID"] for event in again.walk("VEVENT")] == [
            event["UID"] for event in events
        ]
        assert len({event["UID"] for event in events}) == 3

    def test_occurrence_calendar_and_cancelled_occurrence(self):
        occurrence = self.monthly.occurrences.order_by("start")[1]
        occurrence.is_cancelled = True
        occurrence.save()
        calendar = parse(get(occurrence_calendar, self.monthly, "2026-12-08"))
        (event,) = calendar.walk("VEVENT")
        assert event["STATUS"] == "CANCELLED"
        whole = parse(get(event_calendar, self.monthly))
        assert event["UID"] == whole.walk("VEVENT")[1]["UID"]
        assert get(occurrence_calendar, self.monthly, "2026-12-09").status_code == 404

    def test_cancelled_event(self):
        (event,) = parse(get(event_calendar, self.training)).walk("VEVENT")
        assert event["STATUS"] == "CANCELLED"

    def test_all_day_event_uses_dates(self):
        (event,) = parse(get(event_calendar, self.all_day)).walk("VEVENT")
        assert event["DTSTART"].params["VALUE"] == "DATE"

    def test_feed_of_all_upcoming_and_by_type(self):
        calendar = parse(get(calendar_feed, self.index))
        assert len(calendar.walk("VEVENT")) == 5
        by_type = parse(get(calendar_feed, self.index, type=EventType.TRAINING))
        assert [event["SUMMARY"] for event in by_type.walk("VEVENT")] == ["Formation"]
        ignored = parse(get(calendar_feed, self.index, type="nope"))
        assert len(ignored.walk("VEVENT")) == 5
