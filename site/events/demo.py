"""The events app's demo content: three venues, the agenda at /evenements/, a year of events.

Run by `manage.py load_demo` through the LOAD_DEMO_HOOK (events/wagtail_hooks.py), after the offers'
steps, whose organisations, offer list and branch pages it links to; it needs the factories of
tests/ (dev dependencies). Dates are counted from today: the monthly sponsorship meeting runs
through the next twelve months, with one cancelled date and a summer break. Residents are
registered through events.registrations like the form does: the first anti-discrimination
training is full with a waitlist, and the past workshops have their attendance marked.

Idempotent like every demo step: what exists (same venue name, same page slug) is left alone.
"""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from core.dates import hub_today
from events.enums import Audience, EventType, Recurrence
from events.models import Venue
from events.registrations import register
from home.demo.content import french_spacing
from offers.models import BranchIndexPage, BranchPage, OfferIndexPage
from organisations.enums import OrganisationKind
from organisations.models import Organisation
from tests.core.factories import get_default_locale
from tests.events.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    RegistrationFactory,
    VenueFactory,
    paris_datetime,
    second_tuesday,
)

EVENT_INDEX_SLUG = "evenements"
JOB_FAIR_PARTICIPANTS = 8
CANCELLED_NOTE = "Annulée : grève des transports"


# --- Venues --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class DemoVenue:
    name: str
    address: str
    postal_code: str
    commune: str
    step_free_access: bool
    access_notes: str
    public_transport: str


VENUES = {
    "pee": DemoVenue(
        "Plateforme Emploi Entreprises",
        "12 rue des Tisserands",
        "93200",
        "Saint-Denis",
        True,
        "Au rez-de-chaussée. Sonnez à l'interphone « PEE ». Une boucle magnétique est disponible "
        "à l'accueil.",
        "Métro ligne 13, station Saint-Denis – Porte de Paris ; bus 255, arrêt Franc-Moisin",
    ),
    "town-hall": DemoVenue(
        "Mairie de Saint-Denis, salle du conseil",
        "2 place Victor-Hugo",
        "93200",
        "Saint-Denis",
        True,
        "Entrée par la cour, à droite. Ascenseur jusqu'au premier étage.",
        "Métro ligne 13, station Basilique de Saint-Denis",
    ),
    "gymnasium": DemoVenue(
        "Gymnase Auguste-Delaune",
        "8 rue Auguste-Delaune",
        "93200",
        "Saint-Denis",
        True,
        "Entrée de plain-pied. Vestiaire pour les manteaux et les sacs à l'entrée.",
        "Tramway T1, station Saint-Denis – Floréal",
    ),
}


def load_venues(demo, locale):
    existing = {venue.name: venue for venue in Venue.objects.filter(locale=locale)}
    venues = {}
    for key, venue in VENUES.items():
        if venue.name not in existing:
            existing[venue.name] = VenueFactory(
                locale=locale,
                name=venue.name,
                address=venue.address,
                postal_code=venue.postal_code,
                commune=venue.commune,
                step_free_access=venue.step_free_access,
                access_notes=french_spacing(venue.access_notes),
                public_transport=french_spacing(venue.public_transport),
            )
            demo.count(_("lieux"))
        venues[key] = existing[venue.name]
    return venues


# --- The agenda ----------------------------------------------------------------------------------
def load_event_index(demo):
    index, created = demo.child_page(
        demo.home_page,
        EventIndexPageFactory,
        EVENT_INDEX_SLUG,
        title="Agenda",
        introduction=french_spacing(
            "Rencontres avec des entreprises, parrainage, ateliers et formations : tout est "
            "gratuit. Venez avec ou sans rendez-vous."
        ),
        search_description="Les rencontres, ateliers et formations du pôle, près de chez vous.",
        show_in_menus=True,
    )
    if created:
        # Right after the offers in the main menu: meeting employers is the next step.
        offer_index = OfferIndexPage.objects.child_of(demo.home_page).first()
        if offer_index is not None:
            index.move(offer_index, pos="right")
            index.refresh_from_db()
        demo.publish(index)
    return index


# --- Events --------------------------------------------------------------------------------------
@dataclass
class DemoEvent:
    slug: str
    title: str
    event_type: str
    audience: str
    summary: str
    description: str
    venue: str
    start: datetime.datetime
    hours: float = 2
    fields: dict = field(default_factory=dict)
    registrations: list = field(default_factory=list)


@dataclass(frozen=True)
class DemoRegistrations:
    """`count` registrations on each of the first `dates` dates, some for two people; with
    `attendance`, about four in five marked present and the rest absent."""

    count: int
    dates: int = 1
    attendance: bool = False


# Names as met at the PEE's front desk.
FIRST_NAMES = [
    "Aïcha", "Mamadou", "Sofia", "Karim", "Fatoumata", "Julien", "Inès", "Moussa", "Yasmine",
    "Kevin", "Awa", "Mehdi", "Laura", "Ibrahim", "Nadia", "Samir", "Océane", "Bilal",
]  # fmt: skip
LAST_NAMES = [
    "Diallo", "Benali", "Traoré", "Martin", "Haddad", "Nguyen", "Koné", "Petit", "Mansouri",
    "Da Silva", "Cissé", "Lefebvre", "Bensaïd", "Camara", "Moreau",
]  # fmt: skip


def at(day, hour, minute=0):
    return paris_datetime(day.year, day.month, day.day, hour, minute)


def next_month_start(today, month):
    """The first day of the next `month` (1–12) strictly after this month."""
    year = today.year if month > today.month else today.year + 1
    return datetime.date(year, month, 1)


def weekday_on_or_after(day, weekday):
    return day + datetime.timedelta(days=(weekday - day.weekday()) % 7)


def next_second_tuesday(today):
    year, month = today.year, today.month
    while (day := second_tuesday(year, month)) <= today:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return day


def sponsorship_dates(today):
    """The first meeting, the last day of the rule, and the summer meeting left out."""
    first = next_second_tuesday(today)
    until = first + datetime.timedelta(days=365)
    summer_breaks = [
        day
        for year in (first.year, first.year + 1)
        for month in (8, 7)
        if first < (day := second_tuesday(year, month)) <= until
    ]
    return first, until, summer_breaks[0]


def demo_events(today, venues, branches, offer_index):
    first_meeting, until, summer_break = sponsorship_dates(today)
    job_fair_day = weekday_on_or_after(today + datetime.timedelta(days=90), 3)
    offers_link = (
        f'<a linktype="page" id="{offer_index.pk}">les offres d\'emploi</a>'
        if offer_index
        else "les offres d'emploi"
    )
    spring = weekday_on_or_after(next_month_start(today, 4) + datetime.timedelta(days=14), 3)
    autumn = weekday_on_or_after(next_month_start(today, 10) + datetime.timedelta(days=14), 3)
    return [
        DemoEvent(
            slug="rencontre-collective-de-parrainage",
            title="Rencontre collective de parrainage",
            event_type=EventType.SPONSORSHIP,
            audience=Audience.JOB_SEEKERS,
            summary="Rencontrez un parrain ou une marraine qui travaille en entreprise. "
            "Il vous aide à trouver un emploi.",
            description="<p>Chaque mois, des salariés et des chefs d'entreprise du réseau "
            "rencontrent des habitants qui cherchent un emploi. Vous parlez de votre projet, "
            "ils vous donnent des conseils et des contacts.</p>"
            "<ul><li>C'est gratuit.</li><li>Inscrivez-vous : un numéro de téléphone "
            "suffit.</li><li>Apportez votre CV si vous en avez un.</li></ul>",
            venue="pee",
            start=at(first_meeting, 14),
            fields={
                "recurrence": Recurrence.MONTHLY_BY_WEEKDAY,
                "recurrence_until": until,
                "excluded_dates": summer_break.strftime("%d/%m/%Y"),
                "registration_required": True,
                "capacity": 25,
                "easy_read": "Vous cherchez un travail.\n"
                "Une fois par mois, vous rencontrez une personne qui travaille.\n"
                "Cette personne s'appelle un parrain ou une marraine.\n"
                "Elle vous donne des conseils.\n"
                "Elle vous aide à trouver un travail.\n"
                "C'est gratuit.\n"
                "Pour venir, inscrivez-vous. Un numéro de téléphone suffit.",
            },
            registrations=[DemoRegistrations(dates=1, count=14)],
        ),
        DemoEvent(
            slug="rencontres-pour-l-emploi",
            title="Rencontres pour l'emploi",
            event_type=EventType.JOB_FAIR,
            audience=Audience.EVERYONE,
            summary="Une journée pour rencontrer des entreprises qui recrutent près de chez vous.",
            description="<p>Des entreprises du territoire viennent avec des postes à pourvoir. "
            "Vous leur parlez directement, sans rendez-vous.</p>"
            "<ul><li>Apportez plusieurs CV.</li>"
            "<li>Des conseillers vous aident à préparer ce que vous allez dire.</li></ul>"
            f"<p>Avant de venir, regardez {offers_link} des entreprises présentes.</p>",
            venue="gymnasium",
            start=at(job_fair_day, 9, 30),
            hours=7,
            fields={
                "easy_read": "Des entreprises viennent au gymnase.\n"
                "Elles cherchent des personnes pour travailler.\n"
                "Vous pouvez leur parler.\n"
                "Apportez votre CV si vous en avez un.\n"
                "Pas besoin de rendez-vous. C'est gratuit."
            },
        ),
        *[
            DemoEvent(
                slug=f"presentation-{branch_slug}-{day.year}",
                title=title,
                event_type=EventType.BRANCH_PRESENTATION,
                audience=Audience.JOB_SEEKERS,
                summary=summary,
                description="<p>Des professionnels présentent leur métier : le travail au "
                "quotidien, les salaires, les formations. Posez toutes vos questions.</p>",
                venue="pee",
                start=at(day, 14),
                fields={
                    "branch_page": branches.get(branch_slug),
                    "registration_required": True,
                    "capacity": 40,
                },
                registrations=[DemoRegistrations(count=9)],
            )
            for branch_slug, title, summary, day in [
                (
                    "logistique",
                    "Découvrir les métiers de la logistique",
                    "Les entrepôts recrutent, souvent sans diplôme. Venez poser vos questions.",
                    spring,
                ),
                (
                    "proprete",
                    "Découvrir les métiers de la propreté",
                    "Des emplois près de chez vous, le matin tôt ou le soir.",
                    autumn,
                ),
            ]
        ],
        *[
            DemoEvent(
                slug=f"recruter-sans-discriminer-{number}",
                title="Recruter sans discriminer",
                event_type=EventType.TRAINING,
                audience=Audience.COMPANIES,
                summary="Une demi-journée pour repérer les préjugés dans vos recrutements.",
                description="<p>Pour les chefs d'entreprise et les personnes qui recrutent. "
                "Nous regardons ensemble comment écrire une offre, trier des CV et mener un "
                "entretien sans écarter personne à cause de son nom, de son adresse ou de son "
                "âge.</p><p>Gratuit, sur inscription : 12 places.</p>",
                venue="town-hall",
                start=at(day, 9),
                hours=3,
                fields={"registration_required": True, "capacity": 12},
                # The first session is full, with people waiting for a place.
                registrations=[DemoRegistrations(count=count)],
            )
            for number, day, count in [
                (1, weekday_on_or_after(today + datetime.timedelta(days=40), 1), 15),
                (2, weekday_on_or_after(today + datetime.timedelta(days=180), 1), 4),
            ]
        ],
        *[
            DemoEvent(
                slug=slug,
                title=title,
                event_type=event_type,
                audience=Audience.JOB_SEEKERS,
                summary=summary,
                description=f"<p>{summary}</p>",
                venue="pee",
                start=at(day, 10),
                fields={"registration_required": True, "capacity": 15},
                # Past: the editors marked who came.
                registrations=[DemoRegistrations(count=13, attendance=True)],
            )
            for slug, title, event_type, summary, day in [
                (
                    "information-collective-metiers-de-la-securite",
                    "Information collective : les métiers de la sécurité",
                    EventType.INFORMATION,
                    "Une formation payée pour devenir agent de sécurité, présentée par un "
                    "organisme de formation.",
                    weekday_on_or_after(today - datetime.timedelta(days=75), 3),
                ),
                (
                    "atelier-cv-et-lettre",
                    "Atelier : faire son CV",
                    EventType.WORKSHOP,
                    "Deux heures pour écrire son CV avec un conseiller.",
                    weekday_on_or_after(today - datetime.timedelta(days=40), 0),
                ),
                (
                    "atelier-entretien-d-embauche",
                    "Atelier : préparer un entretien d'embauche",
                    EventType.WORKSHOP,
                    "S'entraîner à parler de soi devant un recruteur.",
                    weekday_on_or_after(today - datetime.timedelta(days=15), 0),
                ),
            ]
        ],
    ]


def load_events(demo, index, venues):
    today = hub_today()
    branch_index = BranchIndexPage.objects.child_of(demo.home_page).first()
    branches = (
        {page.slug: page for page in BranchPage.objects.child_of(branch_index)}
        if branch_index
        else {}
    )
    offer_index = OfferIndexPage.objects.child_of(demo.home_page).first()
    created_count = 0
    for event in demo_events(today, venues, branches, offer_index):
        fields = dict(event.fields)
        page, created = demo.child_page(
            index,
            EventPageFactory,
            event.slug,
            title=event.title,
            event_type=event.event_type,
            audience=event.audience,
            summary=french_spacing(event.summary),
            description=french_spacing(event.description),
            venue=venues[event.venue],
            start=event.start,
            end=event.start + datetime.timedelta(hours=event.hours),
            participants=public_participants() if event.event_type == EventType.JOB_FAIR else [],
            **fields,
        )
        if created:
            created_count += 1
            if event.slug == "rencontre-collective-de-parrainage":
                cancel_one_meeting(page)
            for registrations in event.registrations:
                add_registrations(page, registrations, offset=created_count * 7)
    if created_count:
        demo.log(_("%(count)d événements créés.") % {"count": created_count})
    else:
        demo.log(_("Les événements existent déjà."))


def add_registrations(event, registrations, offset):
    """Register made-up residents through events.registrations, as the form does: the capacity
    decides who is confirmed and who waits."""
    occurrences = event.occurrences.filter(is_cancelled=False).order_by("start")
    for occurrence in occurrences[: registrations.dates]:
        for number in range(registrations.count):
            person = offset + number
            registration = RegistrationFactory.build(
                name=f"{FIRST_NAMES[person % len(FIRST_NAMES)]} "
                f"{LAST_NAMES[person * 7 % len(LAST_NAMES)]}",
                phone=f"06 {50 + person // 100 % 50:02d} {person % 100:02d} 12 34",
                people=2 if number % 5 == 4 else 1,
            )
            register(occurrence, registration)
        if registrations.attendance:
            for number, registration in enumerate(occurrence.registrations.confirmed()):
                registration.attended = number % 5 != 3
                registration.save(update_fields=["attended"])


def public_participants():
    """The employers that may be named: companies and insertion structures that recruit."""
    employers = Organisation.objects.filter(
        is_public=True, kind__in=[OrganisationKind.COMPANY, OrganisationKind.INSERTION]
    )
    return list(employers.order_by("name")[:JOB_FAIR_PARTICIPANTS])


def cancel_one_meeting(event):
    """The second meeting is cancelled: the rule then keeps it, with its message."""
    occurrence = event.occurrences.order_by("start")[1]
    occurrence.is_cancelled = True
    occurrence.note = french_spacing(CANCELLED_NOTE)
    occurrence.changed_by_editor = True
    occurrence.save(update_fields=["is_cancelled", "note", "changed_by_editor"])


def load_events_demo(demo):
    # The editors' permissions on dates and registrations come with their role
    # (extranet.permissions.ROLES), rebuilt by home.demo before this step.
    locale = get_default_locale()
    venues = load_venues(demo, locale)
    index = load_event_index(demo)
    load_events(demo, index, venues)
