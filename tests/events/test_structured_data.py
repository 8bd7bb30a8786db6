"""JSON-LD schema.org Event on the event's and each occurrence's page."""

import json

import time_machine
from bs4 import BeautifulSoup
from django.test import TestCase

from tests.events.factories import EventPageFactory, paris_datetime

NOW = paris_datetime(2026, 11, 2, 10)


def json_ld(response):
    script = BeautifulSoup(response.content, "html.parser").find(
        "script", type="application/ld+json"
    )
    return json.loads(script.string)


@time_machine.travel(NOW, tick=False)
class StructuredDataTestCase(TestCase):
    def test_scheduled_event_at_a_venue(self):
        event = EventPageFactory(
            title="Atelier <CV> & lettre", start=paris_datetime(2026, 11, 5, 14)
        )
        response = self.client.get(event.url)
        assert (
            b"<CV>" not in response.content.split(b"application/ld+json")[1].split(b"</script>")[0]
        )
        data = json_ld(response)
        assert data["@type"] == "Event"
        assert data["name"] == "Atelier <CV> & lettre"
        assert data["startDate"] == "2026-11-05T14:00:00+01:00"
        assert data["eventStatus"] == "https://schema.org/EventScheduled"
        assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
        assert data["location"]["address"]["postalCode"] == event.venue.postal_code
        assert data["isAccessibleForFree"] is True
        assert data["offers"]["price"] == 0
        assert data["organizer"]["name"] == "Dynamique Emploi dans les Quartiers"

    def test_cancelled_online_event(self):
        event = EventPageFactory(cancelled=True, online=True)
        data = json_ld(self.client.get(event.url))
        assert data["eventStatus"] == "https://schema.org/EventCancelled"
        assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
        assert data["location"]["@type"] == "VirtualLocation"

    def test_occurrence_page_describes_its_date(self):
        event = EventPageFactory(recurring_monthly=True, start=paris_datetime(2026, 11, 10, 14))
        occurrence = event.occurrences.order_by("start")[1]
        occurrence.is_cancelled = True
        occurrence.save()
        data = json_ld(self.client.get(f"{event.url}2026-12-08/"))
        assert data["startDate"] == "2026-12-08T14:00:00+01:00"
        assert data["eventStatus"] == "https://schema.org/EventCancelled"
        assert data["url"].endswith(f"{event.url}2026-12-08/")

    def test_free_registration_with_places_left_then_sold_out(self):
        from tests.events.factories import RegistrationFactory

        event = EventPageFactory(
            registration=True, capacity=3, start=paris_datetime(2026, 11, 5, 14)
        )
        data = json_ld(self.client.get(event.url))
        assert data["offers"]["url"].endswith(f"{event.url}2026-11-05/inscription/")
        assert data["offers"]["availability"] == "https://schema.org/InStock"
        assert (data["maximumAttendeeCapacity"], data["remainingAttendeeCapacity"]) == (3, 3)
        RegistrationFactory(occurrence=event.occurrences.get(), people=3)
        data = json_ld(self.client.get(f"{event.url}2026-11-05/"))
        assert data["offers"]["availability"] == "https://schema.org/SoldOut"
        assert data["remainingAttendeeCapacity"] == 0
