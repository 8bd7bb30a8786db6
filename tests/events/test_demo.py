"""The events part of `manage.py load_demo`: venues, the agenda and a year of events."""

import datetime

import time_machine

from core.dates import HUB_TIME_ZONE
from events.enums import EventType
from events.models import EventIndexPage, EventPage, Occurrence, Registration, Venue
from offers.models import OfferIndexPage
from tests.home.demo_tests import LoadDemoTwiceTestCase

NOW = datetime.datetime(2026, 5, 4, 9, 0, tzinfo=HUB_TIME_ZONE)


def content_counts():
    return {
        "venues": Venue.objects.filter(locale__language_code="fr").count(),
        "events": EventPage.objects.count(),
        "occurrences": Occurrence.objects.count(),
        "cancelled": Occurrence.objects.filter(is_cancelled=True).count(),
        "registrations": Registration.objects.count(),
    }


@time_machine.travel(NOW, tick=False)
class TestEventsDemo(LoadDemoTwiceTestCase):
    content_counts = staticmethod(content_counts)

    def test_a_second_run_changes_nothing(self):
        assert self.counts_after_second_run == self.counts_after_first_run
        assert "9 événements créés" in self.first_output
        assert "Les événements existent déjà" in self.second_output

    def test_counts(self):
        assert self.counts_after_first_run["venues"] == 3
        assert self.counts_after_first_run["events"] == 9
        assert self.counts_after_first_run["cancelled"] == 1

    def test_the_agenda_comes_right_after_the_offers_in_the_menu(self):
        index = EventIndexPage.objects.get(locale__language_code="fr")
        offer_index = OfferIndexPage.objects.get(locale__language_code="fr")

        assert index.url == "/evenements/"
        assert index.live and index.show_in_menus
        assert offer_index.get_next_sibling().pk == index.pk
        assert self.client.get("/evenements/").status_code == 200

    def test_events_are_published_through_revisions(self):
        events = EventPage.objects.all()

        assert not events.filter(live=False).exists()
        assert not events.filter(live_revision__isnull=True).exists()

    def test_the_monthly_sponsorship_meeting_runs_for_a_year(self):
        meeting = EventPage.objects.get(slug="rencontre-collective-de-parrainage")
        upcoming = Occurrence.objects.upcoming().filter(event=meeting)
        days = [occurrence.local_date for occurrence in upcoming]

        assert 11 <= len(days) <= 13
        assert all(day.weekday() == 1 and 8 <= day.day <= 14 for day in days)
        assert {occurrence.start.astimezone(HUB_TIME_ZONE).time() for occurrence in upcoming} == {
            datetime.time(14)
        }
        # The summer break: no meeting in August.
        assert 8 not in {day.month for day in days}
        assert len(meeting.parsed_excluded_dates()) == 1

    def test_one_meeting_is_cancelled_and_says_why(self):
        cancelled = Occurrence.objects.get(is_cancelled=True)

        assert cancelled.event.slug == "rencontre-collective-de-parrainage"
        assert cancelled.changed_by_editor
        assert "grève des transports" in cancelled.note
        assert cancelled.status == "annule"

    def test_the_job_fair_gathers_public_organisations(self):
        job_fair = EventPage.objects.get(event_type=EventType.JOB_FAIR)

        assert job_fair.venue.name == "Gymnase Auguste-Delaune"
        assert job_fair.participants.count() >= 3
        assert not job_fair.participants.filter(is_public=False).exists()
        assert 'linktype="page"' in job_fair.description
        assert job_fair.occurrences.get().start > NOW

    def test_branch_presentations_link_the_branch_pages(self):
        presentations = EventPage.objects.filter(event_type=EventType.BRANCH_PRESENTATION).order_by(
            "start"
        )

        # In spring and in autumn, whichever comes first.
        assert {event.branch_page.slug: event.start.month for event in presentations} == {
            "logistique": 4,
            "proprete": 10,
        }
        assert all(event.start > NOW for event in presentations)

    def test_trainings_for_companies_and_past_events(self):
        trainings = EventPage.objects.filter(title="Recruter sans discriminer")

        assert trainings.count() == 2
        assert set(trainings.values_list("audience", flat=True)) == {"entreprises"}
        assert Occurrence.objects.past().count() >= 3

    def test_venues_tell_how_to_get_there(self):
        pee = Venue.objects.get(name="Plateforme Emploi Entreprises", locale__language_code="fr")

        assert pee.address == "12 rue des Tisserands"
        assert pee.postal_code == "93200"
        assert not Venue.objects.filter(access_notes="").exists()
        assert not Venue.objects.filter(public_transport="").exists()

    def test_registrations_fill_a_training_and_leave_some_waiting(self):
        training = EventPage.objects.get(slug="recruter-sans-discriminer-1")
        occurrence = training.occurrences.get()
        assert occurrence.places_left() == 0
        assert occurrence.registrations.waitlisted().exists()
        meeting = EventPage.objects.get(slug="rencontre-collective-de-parrainage")
        first = meeting.occurrences.filter(is_cancelled=False).order_by("start").first()
        assert first.registrations.confirmed().count() == 14
        response = self.client.get(first.get_url())
        assert "M'inscrire" in response.content.decode()

    def test_past_workshops_have_their_attendance_marked(self):
        past = Registration.objects.filter(occurrence__end__lt=NOW)
        assert past.filter(attended=True).count() > past.filter(attended=False).count() > 0
        assert not past.confirmed().filter(attended__isnull=True).exists()
