"""The agenda's pages: upcoming list, filters, month table, archive, event and occurrence pages."""

import time_machine
from bs4 import BeautifulSoup
from django.test import TestCase

from events.enums import Audience, EventType
from tests.events.factories import (
    EventPageFactory,
    RegistrationFactory,
    days_from_now_at,
    get_event_index_page,
    paris_datetime,
)
from tests.queries import PUBLIC_PAGE_BUDGET, count_queries

# A Monday; the month of November 2026 starts on a Sunday.
NOW = paris_datetime(2026, 11, 2, 10)


def parse(response):
    return BeautifulSoup(response.content, "html.parser")


def listed_titles(response):
    return [link.get_text(strip=True) for link in parse(response).select(".event-card__title a")]


@time_machine.travel(NOW, tick=False)
class UpcomingListTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        with time_machine.travel(NOW, tick=False):
            cls.index = get_event_index_page()
            cls.later = EventPageFactory(
                title="Formation : préjugés à l'embauche",
                event_type=EventType.TRAINING,
                audience=Audience.COMPANIES,
                start=paris_datetime(2026, 12, 3, 9),
            )
            cls.sooner = EventPageFactory(title="Atelier CV", start=paris_datetime(2026, 11, 5, 14))
            cls.for_everyone = EventPageFactory(
                title="Rencontres pour l'emploi",
                job_fair=True,
                start=paris_datetime(2026, 11, 20, 9),
            )
            cls.past = EventPageFactory(title="Ancien atelier", start=paris_datetime(2026, 10, 1))
            EventPageFactory(title="Brouillon", draft=True, start=paris_datetime(2026, 11, 6))

    def test_lists_upcoming_dates_in_order_under_month_headings(self):
        response = self.client.get(self.index.url)
        assert response.status_code == 200
        assert listed_titles(response) == [
            "Atelier CV",
            "Rencontres pour l'emploi",
            "Formation : préjugés à l'embauche",
        ]
        headings = [
            h2.get_text(strip=True) for h2 in parse(response).select(".event-month-group h2")
        ]
        assert headings == ["Novembre 2026", "Décembre 2026"]
        soup = parse(response)
        assert soup.find("a", href=f"{self.index.url}mois/2026-11/")
        assert soup.find("a", href=f"{self.index.url}archives/")

    def test_filters_by_type(self):
        response = self.client.get(self.index.url, {"type": EventType.TRAINING})
        assert listed_titles(response) == ["Formation : préjugés à l'embauche"]

    def test_audience_filter_keeps_events_for_everyone(self):
        response = self.client.get(self.index.url, {"public": Audience.COMPANIES})
        assert listed_titles(response) == [
            "Rencontres pour l'emploi",
            "Formation : préjugés à l'embauche",
        ]

    def test_invalid_filters_are_ignored(self):
        response = self.client.get(self.index.url, {"type": "<script>", "public": "x", "page": "z"})
        assert response.status_code == 200
        assert len(listed_titles(response)) == 3

    def test_empty_state(self):
        response = self.client.get(self.index.url, {"type": EventType.BRANCH_PRESENTATION})
        assert response.status_code == 200
        assert listed_titles(response) == []
        assert "Aucun événement prévu" in parse(response).select_one(".event-empty").get_text()

    def test_archive_lists_past_dates_newest_first(self):
        EventPageFactory(title="Plus ancien", start=paris_datetime(2026, 9, 1))
        response = self.client.get(f"{self.index.url}archives/")
        assert response.status_code == 200
        assert listed_titles(response) == ["Ancien atelier", "Plus ancien"]


@time_machine.travel(NOW, tick=False)
class MonthViewTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        with time_machine.travel(NOW, tick=False):
            cls.index = get_event_index_page()
            cls.event = EventPageFactory(title="Atelier CV", start=paris_datetime(2026, 11, 5, 14))
            EventPageFactory(title="Formation", start=paris_datetime(2026, 12, 10, 9))

    def test_table_of_weeks_monday_first(self):
        response = self.client.get(f"{self.index.url}mois/2026-11/")
        assert response.status_code == 200
        soup = parse(response)
        table = soup.select_one("table.event-month")
        assert table.caption
        headers = [th["title"] for th in table.select("thead th abbr")]
        assert headers[0] == "lundi"
        assert all(th["scope"] == "col" for th in table.select("thead th"))
        link = table.find("a", string=lambda text: text and "Atelier CV" in text)
        assert link["href"] == f"{self.event.url}2026-11-05/"
        assert "14:00" in link.get_text()
        assert "Formation" not in table.get_text()
        assert soup.find("a", rel="next")["href"] == f"{self.index.url}mois/2026-12/"
        assert soup.find("a", rel="prev")["href"] == f"{self.index.url}mois/2026-10/"

    def test_navigation_keeps_filters(self):
        response = self.client.get(f"{self.index.url}mois/2026-11/", {"type": EventType.TRAINING})
        assert parse(response).find("a", rel="next")["href"] == (
            f"{self.index.url}mois/2026-12/?type=formation"
        )
        assert "Atelier CV" not in parse(response).select_one("table").get_text()

    def test_bad_month_is_404(self):
        for month in ("2026-13", "2026-00"):
            assert self.client.get(f"{self.index.url}mois/{month}/").status_code == 404


class ConstantQueriesTestCase(TestCase):
    """The list and the month view cost the same number of queries for 2 or 12 events."""

    def count_queries(self, url):
        return count_queries(self.client, url)

    @time_machine.travel(NOW, tick=False)
    def test_constant_queries(self):
        index = get_event_index_page()
        urls = [index.url, f"{index.url}mois/2026-11/", f"{index.url}archives/"]

        def add_events(count):
            for number in range(count):
                event = EventPageFactory(
                    start=paris_datetime(2026, 11, 3 + number % 20, 10),
                    registration=number % 2 == 0,
                )
                if number % 2 == 0:
                    RegistrationFactory(occurrence=event.occurrences.get(), people=2)
            EventPageFactory(weekly=True, start=paris_datetime(2026, 11, 4, 9))
            EventPageFactory(past=True)

        add_events(1)
        few = [self.count_queries(url) for url in urls]
        add_events(10)
        many = [self.count_queries(url) for url in urls]
        assert few == many
        assert max(many) <= PUBLIC_PAGE_BUDGET


@time_machine.travel(NOW, tick=False)
class EventPageTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        with time_machine.travel(NOW, tick=False):
            cls.monthly = EventPageFactory(
                recurring_monthly=True, start=paris_datetime(2026, 11, 10, 14)
            )
            cls.cancelled = EventPageFactory(cancelled=True)

    def test_repeating_event_shows_next_six_dates(self):
        response = self.client.get(self.monthly.url)
        assert response.status_code == 200
        links = parse(response).select(".event__dates a")
        assert len(links) == 6
        assert links[0]["href"] == f"{self.monthly.url}2026-11-10/"
        assert links[1]["href"] == f"{self.monthly.url}2026-12-08/"
        assert parse(response).find("a", href=f"{self.monthly.url}agenda/")

    def test_venue_and_access(self):
        text = parse(self.client.get(self.monthly.url)).get_text(" ")
        venue = self.monthly.venue
        assert venue.address in text
        assert venue.public_transport in text

    def test_cancelled_event_notice_with_reason(self):
        notice = parse(self.client.get(self.cancelled.url)).select_one(".event-notice")
        assert "annulé" in notice.get_text()
        assert self.cancelled.status_reason in notice.get_text()

    def test_occurrence_page(self):
        response = self.client.get(f"{self.monthly.url}2026-12-08/")
        assert response.status_code == 200
        soup = parse(response)
        assert "8 décembre 2026" in soup.select_one(".event__when").get_text()
        assert soup.find("a", href=f"{self.monthly.url}2026-12-08/agenda/")
        assert not soup.select(".event-notice")

    def test_an_event_page_runs_a_fixed_number_of_queries_whatever_its_registrations(self):
        with time_machine.travel(NOW, tick=False):
            event = EventPageFactory(registration=True, start=paris_datetime(2026, 11, 20, 9))
            occurrence = event.occurrences.get()
            RegistrationFactory(occurrence=occurrence, people=1)
            few = count_queries(self.client, event.url)
            RegistrationFactory.create_batch(6, occurrence=occurrence, people=1)
            many = count_queries(self.client, event.url)

        assert few == many
        assert many <= PUBLIC_PAGE_BUDGET

    def test_not_an_occurrence_is_404(self):
        for day in ("2026-12-09", "2026-02-30"):
            assert self.client.get(f"{self.monthly.url}{day}/").status_code == 404

    def test_cancelled_occurrence_has_its_own_notice(self):
        occurrence = self.monthly.occurrences.order_by("start")[1]
        occurrence.is_cancelled = True
        occurrence.note = "Salle indisponible ce jour-là."
        occurrence.save()
        notice = parse(self.client.get(f"{self.monthly.url}2026-12-08/")).select_one(
            ".event-notice"
        )
        assert "annulé" in notice.get_text()
        assert "Salle indisponible" in notice.get_text()
        assert not parse(self.client.get(f"{self.monthly.url}2027-01-12/")).select(".event-notice")


class BranchPageEventsTestCase(TestCase):
    def test_a_branch_page_shows_the_next_events_presenting_it(self):
        from tests.offers.factories import BranchPageFactory

        branch = BranchPageFactory(title="La logistique")
        EventPageFactory(
            title="Découvrir la logistique", branch_page=branch, start=days_from_now_at(10)
        )
        EventPageFactory(title="Autre atelier", start=days_from_now_at(5))
        EventPageFactory(title="Déjà passé", branch_page=branch, past=True)
        section = parse(self.client.get(branch.url)).select_one(".next-events")
        assert section.h2.get_text(strip=True) == "Prochains événements sur ces métiers"
        titles = [link.get_text(strip=True) for link in section.select(".next-events__title a")]
        assert titles == ["Découvrir la logistique"]

    def test_without_events_the_branch_page_has_no_section(self):
        from tests.offers.factories import BranchPageFactory

        branch = BranchPageFactory()
        assert parse(self.client.get(branch.url)).select_one(".next-events") is None


@time_machine.travel(NOW, tick=False)
class RegistrationOnCardsTestCase(TestCase):
    def test_cards_say_when_registration_is_needed_and_when_it_is_full(self):
        index = get_event_index_page()
        EventPageFactory(
            title="Atelier CV", registration=True, start=paris_datetime(2026, 11, 5, 14)
        )
        full = EventPageFactory(
            title="Forum", registration=True, capacity=2, start=paris_datetime(2026, 11, 6, 14)
        )
        RegistrationFactory(occurrence=full.occurrences.get(), people=2)
        EventPageFactory(title="Permanence", start=paris_datetime(2026, 11, 7, 14))
        cards = {
            card.select_one(".event-card__title").get_text(strip=True): card
            for card in parse(self.client.get(index.url)).select(".event-card")
        }
        registration = {
            title: note.get_text(" ", strip=True)
            if (note := card.select_one(".event-card__registration"))
            else None
            for title, card in cards.items()
        }
        assert registration == {
            "Atelier CV": "Sur inscription, gratuit",
            "Forum": "Sur inscription : complet, liste d'attente ouverte",
            "Permanence": None,
        }
