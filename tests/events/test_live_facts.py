"""Live facts stay live (issue 14): a date's places left and its status are right the moment
they change, on its page, the event's, the agenda's lists, the home page, in JSON-LD and in the
.ics files, with the page cache on as in production; shared caches (a CDN nothing purges on a
registration) are told to ask again each time."""

import datetime
import json

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.conf import settings as django_settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from core.dates import HUB_TIME_ZONE
from events.enums import EventStatus
from events.models import EventPage, Occurrence
from events.registrations import register
from tests.core.factories import SiteSettingsFactory
from tests.events.factories import (
    EventPageFactory,
    RegistrationFactory,
    get_event_index_page,
    paris_datetime,
)
from tests.home.factories import create_site

NOW = paris_datetime(2026, 11, 2, 10)
CACHE_STATUS = "X-Wagtail-Cache"
LIVE = "public, no-cache"
SHARED = "public, max-age=60, s-maxage=300"
IN_STOCK = "https://schema.org/InStock"
SOLD_OUT = "https://schema.org/SoldOut"
DISCONTINUED = "https://schema.org/Discontinued"
CANCELLED = "https://schema.org/EventCancelled"


@pytest.fixture
def travel():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def site(db, travel):
    home = create_site()
    SiteSettingsFactory(email="contact@dynamique-emploi.fr")
    get_event_index_page()
    return home


@pytest.fixture
def workshop(site):
    """Once, on 5 November 2026 at 14:00, three places."""
    return EventPageFactory(
        title="Atelier CV",
        registration=True,
        capacity=3,
        start=paris_datetime(2026, 11, 5, 14),
    )


def parse(response):
    return BeautifulSoup(response.content, "html.parser")


def json_ld(response):
    script = parse(response).find("script", type="application/ld+json")
    return json.loads(script.string)


def vevents(response):
    return Calendar.from_ical(response.content).walk("VEVENT")


def date_url(event, day="2026-11-05"):
    return f"{event.url}{day}/"


def take_places(occurrence, people, captured):
    """A registration made as the public form makes it; its page-cache purge once committed."""
    with captured(execute=True):
        register(occurrence, RegistrationFactory.build(occurrence=occurrence, people=people))


def get_twice(client, url):
    """The page as a first visitor gets it, then as the next one does: from the page cache."""
    first = client.get(url)
    assert first.status_code == 200, url
    second = client.get(url)
    assert second[CACHE_STATUS] == "hit", url
    return second


# --- A registration ------------------------------------------------------------------------------
def test_a_date_filling_up_reads_full_at_once_everywhere(
    client, page_cache, workshop, django_capture_on_commit_callbacks
):
    occurrence = workshop.occurrences.get()
    index = get_event_index_page()
    take_places(occurrence, 1, django_capture_on_commit_callbacks)
    for url in (date_url(workshop), workshop.url, index.url, f"{index.url}mois/2026-11/"):
        get_twice(client, url)
    assert "Il reste 2 places." in parse(client.get(date_url(workshop))).get_text()

    take_places(occurrence, 2, django_capture_on_commit_callbacks)

    for url in (date_url(workshop), workshop.url):
        response = client.get(url)
        assert response[CACHE_STATUS] == "miss", url
        assert "C'est complet." in parse(response).select_one(".registration-box").get_text()
        data = json_ld(response)
        assert data["offers"]["availability"] == SOLD_OUT
        assert data["remainingAttendeeCapacity"] == 0
    card = parse(client.get(index.url)).select_one(".event-card__registration")
    assert "complet" in card.get_text()
    month = parse(client.get(f"{index.url}mois/2026-11/")).select_one(".month-table, table")
    assert "(complet)" in month.get_text()


def test_pages_with_live_facts_tell_shared_caches_to_ask_again_each_time(
    client, page_cache, workshop, django_assert_num_queries
):
    """A CDN keeping them 300 s would show « Il reste 2 places » on a full date, and nothing
    purges it on a registration; the page cache, which is purged, still answers at once."""
    index = get_event_index_page()
    EventPageFactory(title="Ancien atelier", start=paris_datetime(2026, 10, 1, 14))
    urls = [
        date_url(workshop),
        # Its registration form too: no token (core.csrf), the places left on it.
        f"{date_url(workshop)}inscription/",
        workshop.url,
        index.url,
        f"{index.url}mois/2026-11/",
        f"{index.url}archives/",
        f"{workshop.url}agenda/",
        f"{date_url(workshop)}agenda/",
        f"{index.url}agenda/",
        # The home page lists the next dates, « Annulé » included.
        "/",
    ]
    for url in urls:
        first = client.get(url)
        assert first["Cache-Control"] == LIVE, url
        # Asked again by every visitor, answered from the page cache without a query.
        with django_assert_num_queries(0):
            second = client.get(url)
        assert second[CACHE_STATUS] == "hit", url
        assert second["Cache-Control"] == LIVE, url
        assert second["Vary"] == "Cookie", url


def test_a_page_without_dates_is_still_kept_by_shared_caches(client, page_cache, site):
    assert client.get(get_event_index_page().url)["Cache-Control"] == SHARED


def test_the_page_cache_keeps_a_date_no_longer_than_its_registrations_are_open(
    client, page_cache, site, travel
):
    """Registrations close when the date starts: five minutes from now, not ten."""
    event = EventPageFactory(
        registration=True, capacity=3, start=NOW + datetime.timedelta(minutes=5)
    )
    url = date_url(event, "2026-11-02")
    assert "M'inscrire" in get_twice(client, url).content.decode()

    travel.shift(datetime.timedelta(minutes=6))
    response = client.get(url)

    assert response[CACHE_STATUS] == "miss"
    assert "Les inscriptions sont closes" in response.content.decode()


# --- An editor's change in the admin -------------------------------------------------------------
def admin_datetime(moment):
    """A moment as the admin's date and time fields show it (WAGTAIL_DATETIME_FORMAT)."""
    return moment.astimezone(HUB_TIME_ZONE).strftime(django_settings.WAGTAIL_DATETIME_FORMAT)


def occurrence_form(occurrence, **changes):
    data = {
        "start": admin_datetime(occurrence.start),
        "end": admin_datetime(occurrence.end),
        "note": "",
        "registration": "",
        "capacity_override": "",
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not False}


def test_an_editor_cancelling_a_one_off_date_shows_at_once_on_its_pages_and_calendars(
    client, admin_client, page_cache, workshop, django_capture_on_commit_callbacks
):
    occurrence = workshop.occurrences.get()
    urls = [workshop.url, date_url(workshop)]
    for url in [*urls, f"{workshop.url}agenda/", f"{date_url(workshop)}agenda/"]:
        get_twice(client, url)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("occurrences:edit", args=[occurrence.pk]),
            occurrence_form(occurrence, is_cancelled="on", note="Salle indisponible."),
        )
    assert response.status_code == 302

    for url in urls:
        page = client.get(url)
        notice = parse(page).select_one(".event-notice")
        assert notice is not None, url
        assert "annulé" in notice.get_text()
        assert "Salle indisponible." in notice.get_text()
        assert "M'inscrire" not in page.content.decode()
        data = json_ld(page)
        assert data["eventStatus"] == CANCELLED, url
        assert data["offers"]["availability"] == DISCONTINUED, url
        assert "remainingAttendeeCapacity" not in data
    for url in (f"{workshop.url}agenda/", f"{date_url(workshop)}agenda/"):
        [vevent] = vevents(client.get(url))
        assert vevent["STATUS"] == "CANCELLED", url


def test_an_editor_giving_a_date_more_places_shows_at_once(
    client, admin_client, page_cache, workshop, django_capture_on_commit_callbacks
):
    occurrence = workshop.occurrences.get()
    take_places(occurrence, 3, django_capture_on_commit_callbacks)
    assert "C'est complet." in get_twice(client, date_url(workshop)).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("occurrences:edit", args=[occurrence.pk]),
            occurrence_form(occurrence, capacity_override="5"),
        )
    assert response.status_code == 302

    assert "Il reste 2 places." in client.get(date_url(workshop)).content.decode()


def test_an_editor_sees_a_dates_end_before_its_start_next_to_the_field(admin_client, workshop):
    occurrence = workshop.occurrences.get()
    response = admin_client.post(
        reverse("occurrences:edit", args=[occurrence.pk]),
        occurrence_form(occurrence, end="2026-11-05 13:00"),
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"end": ["La fin doit être après le début."]}


# --- JSON-LD ------------------------------------------------------------------------------------
def test_a_past_date_offers_nothing_any_more(client, site):
    event = EventPageFactory(registration=True, capacity=3, start=paris_datetime(2026, 10, 1, 14))
    for url in (event.url, date_url(event, "2026-10-01")):
        data = json_ld(client.get(url))
        assert data["offers"]["availability"] == DISCONTINUED, url
        assert "remainingAttendeeCapacity" not in data


def test_a_date_without_registration_is_in_stock_until_cancelled(client, site):
    event = EventPageFactory(start=paris_datetime(2026, 11, 5, 14))
    assert json_ld(client.get(event.url))["offers"]["availability"] == IN_STOCK
    event.occurrences.update(is_cancelled=True)
    data = json_ld(client.get(event.url))
    assert data["eventStatus"] == CANCELLED
    assert data["offers"]["availability"] == DISCONTINUED


def test_a_repeating_events_page_describes_its_next_date_cancelled_on_its_own(client, site):
    event = EventPageFactory(weekly=True, start=paris_datetime(2026, 11, 4, 9, 30))
    event.occurrences.filter(start__date=datetime.date(2026, 11, 4)).update(is_cancelled=True)

    data = json_ld(client.get(event.url))

    assert data["startDate"] == "2026-11-04T09:30:00+01:00"
    assert data["eventStatus"] == CANCELLED
    assert data["offers"]["availability"] == DISCONTINUED
    assert data["url"].endswith(event.url)


# --- Calendars ----------------------------------------------------------------------------------
def test_calendars_name_the_hub_as_organizer_and_say_each_dates_status(client, site):
    index = get_event_index_page()
    event = EventPageFactory(weekly=True, start=paris_datetime(2026, 11, 4, 9, 30))
    first_date = event.occurrences.order_by("start").first()
    Occurrence.objects.filter(pk=first_date.pk).update(is_cancelled=True)
    EventPageFactory(status=EventStatus.POSTPONED, start=paris_datetime(2026, 11, 6, 14))

    for url in (f"{event.url}agenda/", f"{index.url}agenda/"):
        found = vevents(client.get(url))
        organizers = {str(vevent["ORGANIZER"]) for vevent in found}
        assert organizers == {"mailto:contact@dynamique-emploi.fr"}, url
        assert found[0]["ORGANIZER"].params["CN"] == "Dynamique Emploi dans les Quartiers"
        statuses = {vevent["DTSTART"].dt.date(): str(vevent["STATUS"]) for vevent in found}
        assert statuses[datetime.date(2026, 11, 4)] == "CANCELLED", url
        assert statuses[datetime.date(2026, 11, 11)] == "CONFIRMED", url
    feed = vevents(client.get(f"{index.url}agenda/"))
    statuses = {vevent["DTSTART"].dt.date(): str(vevent["STATUS"]) for vevent in feed}
    assert statuses[datetime.date(2026, 11, 6)] == "TENTATIVE"


def test_calendars_say_the_places_left_until_the_date_is_full(
    client, page_cache, workshop, django_capture_on_commit_callbacks
):
    urls = [f"{workshop.url}agenda/", f"{date_url(workshop)}agenda/"]
    urls.append(f"{get_event_index_page().url}agenda/")
    for url in urls:
        [vevent] = vevents(get_twice(client, url))
        assert "Sur inscription : il reste 3 places." in str(vevent["DESCRIPTION"]), url

    take_places(workshop.occurrences.get(), 3, django_capture_on_commit_callbacks)

    for url in urls:
        [vevent] = vevents(client.get(url))
        assert "Complet : inscription sur liste d'attente." in str(vevent["DESCRIPTION"]), url


def test_without_an_e_mail_in_the_site_settings_calendars_name_no_organizer(client, site):
    SiteSettingsFactory(email="")
    event = EventPageFactory(start=paris_datetime(2026, 11, 5, 14))
    [vevent] = vevents(client.get(f"{event.url}agenda/"))
    assert "ORGANIZER" not in vevent


# --- The agenda's links and forms ---------------------------------------------------------------
def test_the_agenda_is_subscribed_to_with_webcal_or_downloaded(client, settings, site):
    settings.SITE_URL = "https://www.dynamique-emploi.fr"
    index = get_event_index_page()
    EventPageFactory(start=paris_datetime(2026, 11, 5, 14))
    for url, query in ((index.url, ""), (f"{index.url}?type=formation", "?type=formation")):
        links = parse(client.get(url)).select(".event-views a")
        hrefs = [link["href"] for link in links]
        assert f"webcal://www.dynamique-emploi.fr{index.url}agenda/{query}" in hrefs, url
        download = next(link for link in links if link["href"] == f"{index.url}agenda/{query}")
        assert download.has_attr("download")
        assert ".ics" in download.get_text()


@pytest.mark.parametrize("view", ["", "mois/2026-11/", "archives/"])
def test_the_filters_form_is_sent_to_its_own_view(client, site, view):
    index = get_event_index_page()
    form = parse(client.get(f"{index.url}{view}?type=formation")).select_one("form.event-filters")
    assert form["action"] == f"{index.url}{view}"


# --- Search engines ----------------------------------------------------------------------------
def test_an_event_page_is_described_by_its_summary(client, workshop):
    for url in (workshop.url, date_url(workshop)):
        described = parse(client.get(url)).select('meta[name="description"]')
        assert [meta["content"] for meta in described] == [workshop.summary], url


def test_a_promote_tab_description_wins_once(client, workshop):
    workshop.search_description = "Un atelier pour écrire son CV."
    workshop.save_revision().publish()
    described = parse(client.get(workshop.url)).select('meta[name="description"]')
    assert [meta["content"] for meta in described] == ["Un atelier pour écrire son CV."]


# --- The event form ------------------------------------------------------------------------------
def test_every_field_of_the_event_form_explains_itself_with_an_example(db):
    fields = [
        "event_type",
        "summary",
        "description",
        "audience",
        "start",
        "end",
        "all_day",
        "venue",
        "online_url",
        "branch_page",
        "participants",
        "status",
        "status_reason",
        "registration_required",
        "capacity",
        "max_people_per_registration",
        "registration_opens_at",
        "registration_closes_at",
        "recurrence",
        "recurrence_interval",
        "recurrence_until",
        "recurrence_count",
        "excluded_dates",
    ]
    for name in fields:
        assert EventPage._meta.get_field(name).help_text, name
    for name in ("start", "end", "capacity", "venue", "registration_opens_at"):
        assert "Par exemple" in str(EventPage._meta.get_field(name).help_text), name
    for name in ("start", "end", "is_cancelled", "note", "registration", "capacity_override"):
        assert Occurrence._meta.get_field(name).help_text, name
    assert EventPage._meta.get_field("summary").max_length == 160


def test_the_event_form_no_longer_speaks_of_registering_with_a_member(admin_client, site):
    index = get_event_index_page()
    response = admin_client.get(
        reverse("wagtailadmin_pages:add", args=["events", "eventpage", index.pk])
    )
    assert response.status_code == 200
    text = parse(response).get_text(" ")
    assert "avec un membre" not in text
    assert "Par exemple : le 10 mars à 14 h." in text


# --- Query counts -------------------------------------------------------------------------------
def test_event_pages_and_calendars_run_a_constant_number_of_queries(client, site):
    one_off = EventPageFactory(registration=True, capacity=30, start=paris_datetime(2026, 11, 5))
    weekly = EventPageFactory(weekly=True, registration=True, capacity=30)
    index = get_event_index_page()
    urls = [
        one_off.url,
        date_url(one_off),
        weekly.url,
        f"{one_off.url}agenda/",
        f"{weekly.url}agenda/",
        f"{index.url}agenda/",
        "/",
    ]

    def count():
        counts = []
        for url in urls:
            client.get(url)  # warms Wagtail's site caches
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            counts.append(len(queries))
        return counts

    few = count()
    for occurrence in [one_off.occurrences.get(), *weekly.occurrences.all()[:3]]:
        for _ in range(3):
            RegistrationFactory(occurrence=occurrence, people=2)
    for _ in range(3):
        EventPageFactory(start=paris_datetime(2026, 11, 9, 14))
    many = count()
    print("queries (event, date, weekly, ics event, ics weekly, feed, home):", few, many)
    assert few == many


def test_the_home_pages_next_dates_move_on_when_one_ends(client, site, travel):
    """The section is kept (core.fragments) no longer than its first date lasts."""
    EventPageFactory(title="Atelier CV", start=paris_datetime(2026, 11, 5, 14))
    EventPageFactory(title="Job dating", start=paris_datetime(2026, 11, 12, 9))

    def titles():
        html = parse(client.get("/"))
        return [link.get_text(strip=True) for link in html.select(".next-events__title a")]

    assert titles() == ["Atelier CV", "Job dating"]
    assert titles() == ["Atelier CV", "Job dating"]

    travel.move_to(paris_datetime(2026, 11, 6, 9))

    assert titles() == ["Job dating"]
