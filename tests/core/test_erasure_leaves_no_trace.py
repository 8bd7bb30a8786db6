"""Erasure means erased: after each real way of erasing a person, the whole database is dumped and
searched for their name, phone, e-mail and (for a registrant) the key of their signed link.

Each test goes the production way: the public form, the e-mail sent by `manage.py db_worker`
from the database queue, an editor's correction in the admin or the extranet (so that Wagtail's
log or django-simple-history keeps a record), then the erasure on request or by the retention
command. On PostgreSQL the dump is `pg_dump`'s, on SQLite the connection's own dump: both read
every table, including those of Wagtail, django-tasks and django-simple-history.
"""

import datetime
import io
import subprocess
from urllib.parse import parse_qs, urlparse

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from backups.archive import postgres_environment
from events.models import Registration
from events.registrations import LinkInvalid, registration_from_link
from offers.models import Interest
from project_holders.enums import HolderStatus, Outcome
from project_holders.models import ProjectHolder
from tests.core.factories import SiteSettingsFactory
from tests.events.factories import EventPageFactory
from tests.extranet.factories import UserFactory
from tests.home.factories import create_site
from tests.offers.factories import OfferPageFactory, get_offer_index_page
from tests.project_holders.factories import ProjectProposalPageFactory

NAME = "Zénobie Quartzfeld"
PHONE = "06 12 34 56 78"
EMAIL = "zenobie.quartzfeld@example.org"
# Every way these may be written: as typed, without spaces, in JSON (é escaped) or in an address.
PERSON = [
    NAME,
    "Zénobie",
    "Zenobie",
    "Z\\u00e9nobie",
    "Quartzfeld",
    EMAIL,
    PHONE,
    PHONE.replace(" ", ""),
    "+33612345678",
]
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}

# pg_dump reads what is committed: each test commits, and the database is emptied after it.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def database_tasks(settings):
    """E-mails go through the database queue, as in production: what the worker keeps of their
    tasks is in the dump."""
    settings.TASKS = DATABASE_TASKS


def run_worker():
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


def database_dump():
    if connection.vendor == "postgresql":
        result = subprocess.run(
            ["pg_dump", "--no-owner", "--no-privileges"],  # noqa: S607 (found on PATH, as in backups)
            env=postgres_environment(connection.settings_dict),
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout
    connection.ensure_connection()
    return "\n".join(connection.connection.iterdump())


def traces_of(values):
    """The values found in the database."""
    dump = database_dump().casefold()
    return [value for value in values if value.casefold() in dump]


def lines_mentioning(values):
    """The lines of the database's dump where any of the values appears: where they are left."""
    values = [value.casefold() for value in values]
    return [
        line[:500]
        for line in database_dump().splitlines()
        if any(value in line.casefold() for value in values)
    ]


def in_the_future(days):
    return time_machine.travel(timezone.now() + datetime.timedelta(days=days), tick=False)


# --- « Ça m'intéresse » ------------------------------------------------------------------------
@pytest.fixture
def interest(client):
    """Zénobie's « Ça m'intéresse », the advisers' e-mail sent, corrected by an editor."""
    create_site()
    SiteSettingsFactory()
    index = get_offer_index_page()
    index.advisers_email = "conseillers@dynamique-emploi.fr"
    index.save()
    offer = OfferPageFactory(title="Agent de propreté (H/F)")
    run_worker()
    response = client.post(
        offer.url,
        {"name": NAME, "phone": PHONE, "email": EMAIL, "message": "Le matin.", "consent": "on"},
    )
    assert response.status_code == 303
    run_worker()
    assert NAME in mail.outbox[-1].body
    interest = Interest.objects.get()

    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.post(
        reverse("interests:edit", args=[interest.pk]),
        {"name": NAME, "phone": PHONE, "email": EMAIL, "message": "Rappelée, disponible."},
    )
    assert response.status_code == 302
    assert ModelLogEntry.objects.filter(action="wagtail.edit").exists()
    assert traces_of([NAME, PHONE, EMAIL]) == [NAME, PHONE, EMAIL]
    return interest


def test_an_interest_erased_in_the_admin_leaves_no_trace(client, interest):
    response = client.post(reverse("interests:delete", args=[interest.pk]))

    assert response.status_code == 302
    assert not Interest.objects.exists()
    assert lines_mentioning(PERSON) == []


def test_an_interest_erased_by_the_retention_command_leaves_no_trace(interest):
    with in_the_future(settings.INTEREST_RETENTION_DAYS + 1):
        call_command("erase_old_interests", stdout=io.StringIO())

    assert not Interest.objects.exists()
    assert lines_mentioning(PERSON) == []


# --- Event registrations -----------------------------------------------------------------------
@pytest.fixture
def registrant(client):
    """Zénobie registered for a workshop, her confirmation e-mail sent, corrected by an editor.
    Returns the registration and what identifies her link: its signed key and the token."""
    create_site()
    event = EventPageFactory(registration=True, title="Atelier CV")
    occurrence = event.occurrences.get()
    run_worker()
    response = client.post(
        occurrence.get_registration_url(),
        {"name": NAME, "phone": PHONE, "email": EMAIL, "people": "1", "consent": "on"},
    )
    assert response.status_code == 303
    key = parse_qs(urlparse(response["Location"]).query)["cle"][0]
    run_worker()
    assert [message.to for message in mail.outbox] == [[EMAIL]]
    registration = Registration.objects.get()

    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.post(
        reverse("registrations:edit", args=[registration.pk]),
        {"name": NAME, "phone": PHONE, "email": EMAIL, "attended": ""},
    )
    assert response.status_code == 302
    assert ModelLogEntry.objects.filter(action="wagtail.edit").exists()
    link = [key, str(registration.token), registration.token.hex]
    assert traces_of([NAME, PHONE, EMAIL]) == [NAME, PHONE, EMAIL]
    return registration, link


def test_a_registration_erased_in_the_admin_leaves_no_trace(client, registrant):
    registration, link = registrant

    response = client.post(reverse("registrations:delete", args=[registration.pk]))

    assert response.status_code == 302
    assert not Registration.objects.exists()
    assert lines_mentioning(PERSON + link) == []


def test_a_registration_erased_by_the_retention_command_leaves_no_trace(registrant):
    registration, link = registrant

    with in_the_future(60 + settings.EVENT_REGISTRATION_RETENTION_DAYS):
        call_command("erase_old_registrations", stdout=io.StringIO())

    # The row stays for the yearly figures, and the link she was sent no longer opens it.
    erased = Registration.objects.get(pk=registration.pk)
    assert erased.erased_at is not None
    assert erased.people == 1
    with pytest.raises(LinkInvalid):
        registration_from_link(link[0])
    assert lines_mentioning(PERSON + link) == []


# --- Project holders ---------------------------------------------------------------------------
@pytest.fixture
def holder(client, coordinator):
    """Zénobie's project, sent from the public page, the coordinators told, then corrected and
    followed up in the extranet (each change recorded in the history)."""
    home = create_site()
    page = ProjectProposalPageFactory(parent=home)
    run_worker()
    response = client.post(
        page.url,
        {
            "name": NAME,
            "phone": PHONE,
            "email": EMAIL,
            "project_name": "Les Jardins de Zénobie",
            "project_description": f"Un jardin partagé. Joignable au {PHONE}.",
            "stage": "etude",
            "legal_form": "scop",
            "needs": ["financement"],
            "consent": "on",
        },
    )
    assert response.status_code == 303
    run_worker()
    assert [message.to for message in mail.outbox] == [[coordinator.email]]
    holder = ProjectHolder.objects.get()

    client.force_login(coordinator)
    response = client.post(
        reverse("project_holders:edit", args=[holder.pk]),
        {
            "name": NAME,
            "phone": PHONE,
            "email": EMAIL,
            "project_name": "Les Jardins de Zénobie",
            "project_description": "Un jardin partagé et une épicerie.",
            "stage": "creation",
            "legal_form": "scop",
            "needs": ["financement", "local"],
        },
    )
    assert response.status_code == 302
    response = client.post(
        reverse("project_holders:add_note", args=[holder.pk]),
        {"date": "2026-03-02", "text": f"Appelé {NAME} au {PHONE}, rendez-vous pris."},
    )
    assert response.status_code == 302
    assert holder.history.count() >= 2
    assert traces_of([NAME, PHONE, EMAIL]) == [NAME, PHONE, EMAIL]
    return holder


def test_a_project_holder_erased_on_request_leaves_no_trace(client, holder):
    response = client.post(reverse("project_holders:erase", args=[holder.pk]))

    assert response.status_code == 302
    assert ProjectHolder.objects.get().anonymised_at is not None
    assert lines_mentioning(PERSON) == []


def test_a_project_holder_anonymised_by_the_retention_command_leaves_no_trace(holder):
    holder.move_to(HolderStatus.CLOSED, outcome=Outcome.ABANDONED)
    holder.save()

    with in_the_future(366 * (settings.PROJECT_HOLDER_RETENTION_YEARS + 1)):
        call_command("anonymise_project_holders", stdout=io.StringIO())

    assert ProjectHolder.objects.get().anonymised_at is not None
    assert lines_mentioning(PERSON) == []
