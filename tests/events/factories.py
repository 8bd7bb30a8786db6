"""Factories for the hub's events: venues, the agenda page (/evenements/) and event pages.

Events are live, published through a revision as an editor would, and start in the future (in
about three weeks, 14:00–16:00 in Paris) unless a trait says otherwise. Their occurrences are
stored right away: the page_published signal only stores them once the transaction commits, which
never happens inside a test, so the factory calls `sync_occurrences()` itself.

    event = EventPageFactory()                          # once, at the PEE, for job seekers
    EventPageFactory(recurring_monthly=True)            # every second Tuesday, 14:00–16:00
    EventPageFactory(weekly=True), EventPageFactory(all_day=True)
    EventPageFactory(cancelled=True), EventPageFactory(online=True)
    EventPageFactory(past=True)                         # last month
    EventPageFactory(job_fair=True)                     # « Rencontres pour l'emploi », in a gym
    EventPageFactory(draft=True)                        # never published: no occurrence
    EventPageFactory(registration=True)                 # registration required, 10 places
    RegistrationFactory(occurrence=event.occurrences.get())   # one person, by phone
    EventPageFactory(start=paris_datetime(2027, 3, 9, 14))
    VenueFactory(step_free=True)
"""

import datetime

import factory
import wagtail_factories
from django.utils import timezone
from django.utils.text import slugify

from core.dates import HUB_TIME_ZONE
from events.enums import Audience, ConsentMethod, EventStatus, EventType, Recurrence
from events.forms import registration_consent_text
from events.models import EventIndexPage, EventPage, Registration, Venue
from tests.core.factories import get_default_locale
from tests.home.factories import get_home_page


def paris_datetime(year, month, day, hour=14, minute=0):
    """An aware datetime at that wall-clock time in Paris."""
    return datetime.datetime(year, month, day, hour, minute, tzinfo=HUB_TIME_ZONE)


def second_tuesday(year, month):
    first = datetime.date(year, month, 1)
    return first + datetime.timedelta(days=(1 - first.weekday()) % 7 + 7)


def days_from_now_at(days, hour=14, minute=0):
    """That many days from today (Paris), at that wall-clock time in Paris."""
    day = timezone.localdate(timezone.now(), HUB_TIME_ZONE) + datetime.timedelta(days=days)
    return paris_datetime(day.year, day.month, day.day, hour, minute)


def next_second_tuesday_at(hour=14):
    """The next second Tuesday of a month, from tomorrow on, at that hour in Paris."""
    today = timezone.localdate(timezone.now(), HUB_TIME_ZONE)
    year, month = today.year, today.month
    while True:
        day = second_tuesday(year, month)
        if day > today:
            return paris_datetime(day.year, day.month, day.day, hour)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


# --- Venues ------------------------------------------------------------------------------------
class VenueFactory(factory.django.DjangoModelFactory):
    """The Plateforme Emploi Entreprises' room, in French; step_free=True for wheelchair access."""

    locale = factory.LazyFunction(get_default_locale)
    name = factory.Sequence(lambda n: f"Plateforme Emploi Entreprises, salle {n}")
    address = "12 rue des Tisserands"
    postal_code = "93200"
    commune = "Saint-Denis"
    step_free_access = False
    access_notes = "Au rez-de-chaussée, sonnez à l'interphone « PEE »."
    public_transport = "Métro ligne 13, arrêt Saint-Denis – Porte de Paris"

    class Meta:
        model = Venue

    class Params:
        step_free = factory.Trait(
            step_free_access=True,
            access_notes="Entrée de plain-pied, salle au rez-de-chaussée.",
        )


# --- The agenda page ---------------------------------------------------------------------------
def get_event_index_page():
    """The EventIndexPage under the default site's home page, created when there is none."""
    home = get_home_page()
    existing = EventIndexPage.objects.child_of(home).first()
    return existing.specific if existing else EventIndexPageFactory(parent=home)


class EventIndexPageFactory(wagtail_factories.PageFactory):
    """/evenements/, in the menus. One per home page: use get_event_index_page() to reuse it."""

    parent = factory.LazyFunction(get_home_page)
    title = "Agenda"
    slug = "evenements"
    introduction = (
        "Rencontres avec des entreprises, ateliers et formations : tout est gratuit. "
        "Venez avec ou sans rendez-vous."
    )
    show_in_menus = True

    class Meta:
        model = EventIndexPage


# --- Events ------------------------------------------------------------------------------------
DEFAULT_DESCRIPTION = (
    "<p>Des salariés et des chefs d'entreprise du territoire parlent de leur métier et "
    "répondent à vos questions.</p>"
    "<ul><li>Apportez votre CV si vous en avez un.</li>"
    "<li>Pas besoin de s'inscrire.</li></ul>"
)


class EventPageFactory(wagtail_factories.PageFactory):
    """A live event at the PEE, once, in about three weeks, 14:00–16:00 in Paris."""

    parent = factory.LazyFunction(get_event_index_page)
    title = "Atelier : préparer un entretien d'embauche"
    slug = factory.LazyAttributeSequence(lambda event, n: f"{slugify(event.title)}-{n}")
    live = True

    event_type = EventType.WORKSHOP
    summary = "Deux heures pour s'entraîner à parler de soi devant un recruteur."
    description = DEFAULT_DESCRIPTION
    audience = Audience.JOB_SEEKERS
    start = factory.LazyFunction(lambda: days_from_now_at(21, 14))
    end = factory.LazyAttribute(lambda event: event.start + datetime.timedelta(hours=2))
    # Not a field: the `all_day` trait takes the field's name (Meta.rename).
    whole_day = False
    venue = factory.SubFactory(VenueFactory)
    online_url = ""
    status = EventStatus.SCHEDULED
    status_reason = ""
    recurrence = Recurrence.NONE
    recurrence_interval = 1
    recurrence_until = None
    recurrence_count = None
    excluded_dates = ""
    registration_required = False
    capacity = None

    class Meta:
        model = EventPage
        skip_postgeneration_save = True
        rename = {"whole_day": "all_day"}

    class Params:
        # « Rencontre collective de parrainage »: every second Tuesday, without an end.
        recurring_monthly = factory.Trait(
            title="Rencontre collective de parrainage",
            event_type=EventType.SPONSORSHIP,
            summary="Rencontrez un parrain ou une marraine qui travaille en entreprise.",
            recurrence=Recurrence.MONTHLY_BY_WEEKDAY,
            start=factory.LazyFunction(next_second_tuesday_at),
        )
        weekly = factory.Trait(
            title="Permanence : aide au CV",
            recurrence=Recurrence.WEEKLY,
            start=factory.LazyFunction(lambda: days_from_now_at(7, 9, 30)),
        )
        all_day = factory.Trait(
            whole_day=True,
            start=factory.LazyFunction(lambda: days_from_now_at(30, 0)),
            end=factory.LazyAttribute(
                lambda event: event.start + datetime.timedelta(hours=23, minutes=59)
            ),
        )
        cancelled = factory.Trait(
            status=EventStatus.CANCELLED,
            status_reason="Annulé à cause d'une grève des transports.",
        )
        online = factory.Trait(
            venue=None, online_url="https://visio.example.org/pee-atelier-entretien"
        )
        past = factory.Trait(start=factory.LazyFunction(lambda: days_from_now_at(-30, 14)))
        job_fair = factory.Trait(
            title="Rencontres pour l'emploi",
            event_type=EventType.JOB_FAIR,
            audience=Audience.EVERYONE,
            summary="Des entreprises du territoire recrutent sur place. Venez avec votre CV.",
            start=factory.LazyFunction(lambda: days_from_now_at(60, 9)),
            end=factory.LazyAttribute(lambda event: event.start + datetime.timedelta(hours=8)),
            venue=factory.SubFactory(
                VenueFactory,
                step_free=True,
                name=factory.Sequence(lambda n: f"Gymnase Auguste-Delaune {n}"),
                address="8 rue Auguste-Delaune",
            ),
        )
        draft = factory.Trait(live=False)
        registration = factory.Trait(registration_required=True, capacity=10)

    @factory.post_generation
    def participants(event, create, participants):
        if participants:
            event.participants.set(participants)
            if create and not event.live:
                event.save()

    @factory.post_generation
    def published(event, create, extracted, **kwargs):
        """Publish a live event through a revision and store its occurrences; a draft gets one
        unpublished revision."""
        if not create:
            return
        revision = event.save_revision()
        if event.live:
            revision.publish()
            event.refresh_from_db()
            event.sync_occurrences()


# --- Registrations -----------------------------------------------------------------------------
class RegistrationFactory(factory.django.DjangoModelFactory):
    """One person registered online with a phone number, confirmed; saved as is (no capacity
    check: use events.registrations.register() to test that)."""

    name = factory.Sequence(lambda n: f"Inscrite Numéro {n}")
    # 06 10 00 00 00, 06 10 00 00 01…: valid French mobile numbers, one per registration.
    phone = factory.Sequence(
        lambda n: f"06 10 {n // 10000 % 100:02d} {n // 100 % 100:02d} {n % 100:02d}"
    )
    email = ""
    people = 1
    consent_text = factory.LazyFunction(registration_consent_text)
    consent_method = ConsentMethod.ONLINE
    consented_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = Registration
