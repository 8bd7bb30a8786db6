"""What editors do in the Wagtail admin: events, their repetition, venues, occurrences."""

import datetime

import time_machine
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text

from core.dates import HUB_TIME_ZONE
from events.enums import Audience, EventType, Recurrence
from events.models import EventIndexPage, EventPage, Venue
from home.models import HomePage, StandardPage
from tests.events.factories import (
    EventPageFactory,
    VenueFactory,
    get_event_index_page,
    paris_datetime,
)
from tests.home.factories import create_site

NOW = datetime.datetime(2027, 1, 4, 10, 30, tzinfo=HUB_TIME_ZONE)
DESCRIPTION_FEATURES = ["h3", "bold", "ol", "ul", "link"]


def parse(response):
    return BeautifulSoup(response.content, "html.parser")


def add_event_url(parent):
    return reverse("wagtailadmin_pages:add", args=["events", "eventpage", parent.pk])


@time_machine.travel(NOW, tick=False)
class TestEditorsCreateEvents(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = create_site()
        cls.index = get_event_index_page()
        cls.venue = VenueFactory(name="Plateforme Emploi Entreprises", step_free=True)

    def setUp(self):
        self.login()

    def event_form_data(self, **overrides):
        data = {
            "title": "Rencontre collective de parrainage",
            "slug": "rencontre-collective-de-parrainage",
            "event_type": EventType.SPONSORSHIP,
            "audience": Audience.JOB_SEEKERS,
            "summary": "Rencontrez un parrain ou une marraine qui travaille en entreprise.",
            "start": "2027-01-12 14:00",
            "end": "2027-01-12 16:00",
            "recurrence": Recurrence.MONTHLY_BY_WEEKDAY,
            "recurrence_interval": "1",
            "max_people_per_registration": "4",
            "recurrence_until": "2027-06-30",
            "recurrence_count": "",
            "excluded_dates": "13/04/2027",
            "venue": self.venue.pk,
            "online_url": "",
            "description": rich_text(
                "<p>Des salariés du réseau vous aident à trouver un emploi.</p>",
                features=DESCRIPTION_FEATURES,
            ),
            "branch_page": "",
            "status": "prevu",
            "status_reason": "",
        }
        data.update(overrides)
        return nested_form_data(data)

    def test_page_types_go_where_they_belong(self):
        self.assertAllowedParentPageTypes(EventIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(EventIndexPage, {EventPage})
        self.assertAllowedParentPageTypes(EventPage, {EventIndexPage})
        self.assertAllowedSubpageTypes(EventPage, set())
        self.assertCanNotCreateAt(HomePage, EventPage)
        self.assertCanNotCreateAt(StandardPage, EventPage)
        # One agenda per home page (a fresh instance: the class's one has a stale numchild).
        assert not EventIndexPage.can_create_at(HomePage.objects.get(pk=self.home.pk))

    def test_an_editor_creates_a_monthly_event_and_its_dates_are_stored(self):
        with self.captureOnCommitCallbacks(execute=True):
            self.assertCanCreate(self.index, EventPage, self.event_form_data())

        event = EventPage.objects.get(slug="rencontre-collective-de-parrainage")
        assert event.live
        assert event.start == paris_datetime(2027, 1, 12, 14)
        assert event.venue == self.venue
        assert [occurrence.local_date for occurrence in event.occurrences.all()] == [
            datetime.date(2027, 1, 12),
            datetime.date(2027, 2, 9),
            datetime.date(2027, 3, 9),
            datetime.date(2027, 5, 11),
            datetime.date(2027, 6, 8),
        ]

    def test_a_draft_has_no_dates_yet(self):
        with self.captureOnCommitCallbacks(execute=True):
            self.assertCanCreate(self.index, EventPage, self.event_form_data(), publish=False)

        event = EventPage.objects.get(slug="rencontre-collective-de-parrainage")
        assert not event.live
        assert not event.occurrences.exists()

    def test_the_add_form_speaks_french(self):
        text = parse(self.client.get(add_event_url(self.index))).get_text(" ", strip=True)

        for label in [
            "Type d'événement",
            "En une phrase",
            "Pour qui",
            "Début",
            "Toute la journée",
            "Répétition",
            "Dates sans événement",
            "Une date par ligne, au format JJ/MM/AAAA",
            "Annulation, report",
        ]:
            assert label in text, label

    def test_errors_are_shown_in_french(self):
        cases = {
            "end": ({"end": "2027-01-12 13:00"}, "La fin doit être après le début."),
            "excluded_dates": (
                {"excluded_dates": "2027-04-13"},
                "« 2027-04-13 » n'est pas une date au format JJ/MM/AAAA.",
            ),
            "recurrence_until": (
                {"recurrence_until": "2027-01-01"},
                "La répétition doit finir après le début.",
            ),
        }
        for field_name, (overrides, message) in cases.items():
            with self.subTest(field_name):
                data = self.event_form_data(**overrides)
                data["action-publish"] = "action-publish"

                response = self.client.post(add_event_url(self.index), data)

                assert response.status_code == 200
                assert not EventPage.objects.filter(slug=data["slug"]).exists()
                assert message in parse(response).get_text(" ", strip=True)

    def test_venues_are_managed_as_snippets(self):
        response = self.client.get(reverse("wagtailsnippets_events_venue:list"))

        assert response.status_code == 200
        assert "Plateforme Emploi Entreprises" in response.content.decode()
        add = self.client.get(reverse("wagtailsnippets_events_venue:add"))
        assert add.status_code == 200
        assert "Accessible en fauteuil roulant" in add.content.decode()
        assert Venue.objects.count() == 1

    def test_occurrences_are_listed_for_editors(self):
        EventPageFactory(title="Atelier CV", start=paris_datetime(2027, 1, 20))

        response = self.client.get(reverse("occurrences:index"))

        assert response.status_code == 200
        assert "Atelier CV" in response.content.decode()
