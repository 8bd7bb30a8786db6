"""`manage.py remind_expiring_offers`: the advisers and each offer's author are told, once per
expiry date, which offers leave the site soon, so that they extend them or mark them filled.

The clock is frozen on Monday 2 February 2026 at 7:00 in Paris (time-machine); with the default
OFFER_EXPIRY_REMINDER_DAYS of 7, offers ending from that day to Monday 9 February are reminded.
"""

import datetime
import smtplib
from io import StringIO
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import Locale

from core.tasks import RETRY_DELAYS
from offers.models import OfferExpiryReminder
from offers.tasks import admin_url, send_expiry_reminders
from tests.core.factories import SiteSettingsFactory
from tests.extranet.factories import EditorFactory
from tests.faults import closed_port
from tests.home.factories import create_site
from tests.offers.factories import (
    ADVISERS_EMAIL,
    InterestFactory,
    OfferPageFactory,
    create_site_with_advisers,
    get_offer_index_page,
)

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime.datetime(2026, 2, 2, 7, 0, tzinfo=PARIS)
TODAY = NOW.date()
ADVISERS = ADVISERS_EMAIL
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}


def in_days(days):
    return TODAY + datetime.timedelta(days=days)


@pytest.fixture
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)
    return time_machine


@pytest.fixture
def site(frozen, settings):
    settings.OFFER_EXPIRY_REMINDER_DAYS = 7
    return create_site_with_advisers()


@pytest.fixture
def remind(django_capture_on_commit_callbacks):
    """Run the command as cron would: the e-mails are queued once its notes are committed (the
    test settings' immediate backend then sends them at once). Returns what it printed."""

    def run(*args):
        output = StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("remind_expiring_offers", *args, stdout=output, stderr=output)
        return output.getvalue()

    return run


def titles_in(message):
    """The offers' titles, each on a line of its own between « and »."""
    return [
        line.removeprefix("« ").removesuffix(" »")
        for line in message.body.splitlines()
        if line.startswith("« ") and line.endswith(" »")
    ]


def reminded():
    return set(OfferExpiryReminder.objects.values_list("offer__title", "expiry_date"))


# --- Who is reminded ---------------------------------------------------------------------------
@pytest.mark.django_db
def test_only_current_offers_ending_within_the_period_are_reminded(site, remind):
    OfferPageFactory(title="Ends today", expiry_date=in_days(0))
    OfferPageFactory(title="Ends on the last day of the period", expiry_date=in_days(7))
    OfferPageFactory(title="Ends the day after", expiry_date=in_days(8))
    OfferPageFactory(title="Filled", expiry_date=in_days(3), filled=True)
    OfferPageFactory(title="Expired yesterday, still live", expired=True)
    OfferPageFactory(title="Expired and unpublished", closed_by_cron=True)
    OfferPageFactory(title="Draft", draft=True, expiry_date=in_days(3))

    output = remind()

    assert [message.to for message in mail.outbox] == [[ADVISERS]]
    assert titles_in(mail.outbox[0]) == ["Ends today", "Ends on the last day of the period"]
    assert reminded() == {
        ("Ends today", in_days(0)),
        ("Ends on the last day of the period", in_days(7)),
    }
    assert OfferExpiryReminder.objects.filter(sent_at=timezone.now()).count() == 2
    assert output == (
        "Rappels notés pour 2 offres qui expirent d'ici le 09/02/2026. "
        "1 e-mail de rappel mis en file d'envoi.\n"
    )


@pytest.mark.django_db
def test_the_period_comes_from_the_settings(site, remind, settings):
    settings.OFFER_EXPIRY_REMINDER_DAYS = 2
    OfferPageFactory(title="In two days", expiry_date=in_days(2))
    OfferPageFactory(title="In three days", expiry_date=in_days(3))

    remind()

    assert titles_in(mail.outbox[0]) == ["In two days"]


@pytest.mark.django_db
def test_a_second_run_sends_nothing_again(site, remind, frozen):
    OfferPageFactory(title="Agent de propreté (H/F)", expiry_date=in_days(4))
    remind()
    mail.outbox.clear()

    output = remind()
    frozen.move_to(NOW + datetime.timedelta(days=1), tick=False)
    remind()

    assert mail.outbox == []
    assert OfferExpiryReminder.objects.count() == 1
    assert output.startswith("Rappel noté pour 0 offre qui expire d'ici le 09/02/2026.")


@pytest.mark.django_db
def test_an_extended_offer_is_reminded_again_when_its_new_date_draws_near(site, remind, frozen):
    offer = OfferPageFactory(title="Cariste (H/F)", expiry_date=in_days(4))
    remind()
    # An editor extends it by three weeks and publishes: a new revision, the page rewritten.
    offer.expiry_date = in_days(25)
    offer.save_revision().publish()
    mail.outbox.clear()

    remind()
    assert mail.outbox == []

    frozen.move_to(NOW + datetime.timedelta(days=20), tick=False)
    remind()

    assert titles_in(mail.outbox[0]) == ["Cariste (H/F)"]
    assert "vendredi 27 février 2026" in mail.outbox[0].body
    assert reminded() == {("Cariste (H/F)", in_days(4)), ("Cariste (H/F)", in_days(25))}


@pytest.mark.django_db
def test_an_offer_extended_within_the_period_is_reminded_of_its_new_date_the_next_day(
    site, remind, frozen
):
    offer = OfferPageFactory(title="Cariste (H/F)", expiry_date=in_days(1))
    remind()
    offer.expiry_date = in_days(6)
    offer.save_revision().publish()
    mail.outbox.clear()
    frozen.move_to(NOW + datetime.timedelta(days=1), tick=False)

    remind()

    assert "dimanche 8 février 2026" in mail.outbox[0].body
    assert OfferExpiryReminder.objects.filter(offer=offer).count() == 2


@pytest.mark.django_db
def test_one_reminder_for_an_offer_and_its_translations(site, remind):
    offer = OfferPageFactory(title="Agent de propreté (H/F)", expiry_date=in_days(3))
    english = offer.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
    english.title = "Cleaning agent (M/F)"
    english.save_revision().publish()
    InterestFactory(offer=offer)
    InterestFactory(offer=english.specific)

    remind()
    remind()

    assert [message.to for message in mail.outbox] == [[ADVISERS]]
    assert titles_in(mail.outbox[0]) == ["Agent de propreté (H/F)"]
    # Residents who used the English page count too.
    assert "« Ça m'intéresse » reçus : 2" in mail.outbox[0].body
    assert reminded() == {("Agent de propreté (H/F)", in_days(3))}


# --- Who receives it ---------------------------------------------------------------------------
@pytest.mark.django_db
def test_the_advisers_get_every_offer_and_each_author_their_own(site, remind):
    author = EditorFactory(email="eric.editeur@example.org")
    OfferPageFactory(title="Cariste (H/F)", expiry_date=in_days(5), owner=author)
    OfferPageFactory(title="Agent de propreté (H/F)", expiry_date=in_days(2))
    OfferPageFactory(title="Vendeur (H/F)", expiry_date=in_days(6), owner=author)

    remind()

    assert all(len(message.to) == 1 for message in mail.outbox)
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {ADVISERS, "eric.editeur@example.org"}
    assert titles_in(by_recipient[ADVISERS]) == [
        "Agent de propreté (H/F)",
        "Cariste (H/F)",
        "Vendeur (H/F)",
    ]
    assert titles_in(by_recipient["eric.editeur@example.org"]) == ["Cariste (H/F)", "Vendeur (H/F)"]


@pytest.mark.django_db
def test_an_inactive_author_or_one_without_email_is_left_out(site, remind):
    OfferPageFactory(expiry_date=in_days(5), owner=EditorFactory(is_active=False))
    OfferPageFactory(expiry_date=in_days(5), owner=EditorFactory(email=""))

    remind()

    assert [message.to for message in mail.outbox] == [[ADVISERS]]


@pytest.mark.django_db
def test_an_author_who_is_also_the_advisers_address_gets_one_email(site, remind):
    OfferPageFactory(expiry_date=in_days(5), owner=EditorFactory(email=ADVISERS.upper()))

    remind()

    assert [message.to for message in mail.outbox] == [[ADVISERS]]


@pytest.mark.django_db
def test_without_any_address_the_offer_waits_for_one(site, remind):
    """No advisers' address anywhere and no author: said on stderr, and nothing noted, so that
    the next run tries again once an address is set."""
    index = get_offer_index_page()
    index.advisers_email = ""
    index.save()
    SiteSettingsFactory(email="")
    OfferPageFactory(title="Cariste (H/F)", expiry_date=in_days(5))

    output = remind()

    assert mail.outbox == []
    assert OfferExpiryReminder.objects.count() == 0
    assert "Personne à prévenir pour « Cariste (H/F) »" in output


# --- What it says ------------------------------------------------------------------------------
@pytest.mark.django_db
def test_the_digest_lists_each_offer_with_its_links_and_what_to_do(site, remind):
    author = EditorFactory(email="eric.editeur@example.org")
    cariste = OfferPageFactory(
        title="Cariste (H/F)", expiry_date=in_days(3), owner=author, by_name=True
    )
    cleaner = OfferPageFactory(title="Agent de propreté (H/F)", expiry_date=in_days(6))
    InterestFactory.create_batch(2, offer=cariste)

    remind()

    advisers, to_author = sorted(mail.outbox, key=lambda message: message.to != [ADVISERS])
    assert advisers.subject == "2 offres expirent bientôt sur le site"
    assert to_author.subject == "L'offre « Cariste (H/F) » expire le 5 février 2026"
    body = advisers.body
    assert "Ces 2 offres quittent bientôt le site" in body
    assert "Employeur : Boulangerie du Marché" in body
    assert f"Employeur : {cleaner.employer.name}" in body
    assert "Date limite : jeudi 5 février 2026" in body
    assert "Date limite : dimanche 8 février 2026" in body
    assert "« Ça m'intéresse » reçus : 2" in body
    assert "« Ça m'intéresse » reçus : 0" in body
    for offer in (cariste, cleaner):
        edit_url = admin_url("wagtailadmin_pages:edit", offer.pk)
        assert edit_url.startswith("http")
        assert f"Modifier l'offre : {edit_url}" in body
        assert f"L'offre sur le site : {offer.get_full_url()}" in body
    assert "Repoussez la date limite" in body
    assert "Cochez « Poste pourvu »" in body

    html = BeautifulSoup(advisers.alternatives[0].content, "html.parser")
    assert advisers.alternatives[0].mimetype == "text/html"
    assert [heading.get_text() for heading in html.find_all("h2")] == [
        "Cariste (H/F)",
        "Agent de propreté (H/F)",
    ]
    links = {link.get_text(): link["href"] for link in html.find_all("a")}
    assert links["Modifier l'offre"] == admin_url("wagtailadmin_pages:edit", cleaner.pk)
    assert links["L'offre sur le site"] == cleaner.get_full_url()
    assert "Cette offre quitte bientôt le site" in to_author.body


# --- Dry run -----------------------------------------------------------------------------------
@pytest.mark.django_db
def test_a_dry_run_says_what_would_be_sent_and_neither_sends_nor_notes_anything(site, remind):
    author = EditorFactory(email="eric.editeur@example.org")
    OfferPageFactory(title="Cariste (H/F)", expiry_date=in_days(3), owner=author)
    OfferPageFactory(title="Agent de propreté (H/F)", expiry_date=in_days(6))

    output = remind("--dry-run")

    assert mail.outbox == []
    assert OfferExpiryReminder.objects.count() == 0
    assert output == (
        f"À {ADVISERS} :\n"
        "  - « Cariste (H/F) », date limite le 05/02/2026\n"
        "  - « Agent de propreté (H/F) », date limite le 08/02/2026\n"
        "À eric.editeur@example.org :\n"
        "  - « Cariste (H/F) », date limite le 05/02/2026\n"
        "2 offres qui expirent d'ici le 09/02/2026 seraient rappelées. "
        "2 e-mails de rappel seraient envoyés.\n"
    )
    # …and the real run afterwards still has everything to do.
    remind()
    assert len(mail.outbox) == 2


# --- When sending fails, or the offer changed --------------------------------------------------
@pytest.mark.django_db
def test_an_offer_filled_before_the_email_goes_out_is_left_out(site):
    offer = OfferPageFactory(title="Cariste (H/F)", expiry_date=in_days(3))
    reminder = OfferExpiryReminder.objects.create(offer=offer, expiry_date=offer.expiry_date)
    offer.filled = True
    offer.save_revision().publish()

    send_expiry_reminders.call(ADVISERS, [reminder.pk])

    assert mail.outbox == []
    reminder.refresh_from_db()
    assert reminder.sent_at is None


@pytest.mark.django_db
def test_a_refused_email_is_retried_and_only_then_marked_as_sent(site, remind):
    OfferPageFactory(title="Cariste (H/F)", expiry_date=in_days(3))
    attempts = []

    def send_messages(backend, messages):
        attempts.append(messages)
        if len(attempts) == 1:
            # What is noted while the relay refuses: queued, not sent.
            assert OfferExpiryReminder.objects.get().sent_at is None
            raise smtplib.SMTPDataError(451, b"try again later")
        mail.outbox.extend(messages)
        return len(messages)

    with mock.patch("django.core.mail.backends.locmem.EmailBackend.send_messages", send_messages):
        remind()  # the immediate backend runs the retry at once

    assert len(attempts) == 2
    assert [message.to for message in mail.outbox] == [[ADVISERS]]
    assert OfferExpiryReminder.objects.get().sent_at is not None


def run_worker():
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_TASKS)
def test_while_smtp_is_down_nothing_is_marked_as_sent_and_the_worker_sends_it_later(
    settings, time_machine
):
    time_machine.move_to(NOW)
    settings.OFFER_EXPIRY_REMINDER_DAYS = 7
    create_site()
    SiteSettingsFactory()
    index = get_offer_index_page()
    index.advisers_email = ADVISERS
    index.save()
    OfferPageFactory(title="Cariste (H/F)", expiry_date=in_days(3))
    run_worker()  # page saves queue search-index tasks: start from an empty queue
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = closed_port()
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 2

    call_command("remind_expiring_offers", stdout=StringIO())
    run_worker()  # the relay refuses the connection

    reminder = OfferExpiryReminder.objects.get()
    assert reminder.queued_at is not None
    assert reminder.sent_at is None
    tasks = DBTaskResult.objects.filter(task_path__endswith="send_expiry_reminders")
    retry = tasks.latest("enqueued_at")
    assert retry.args_kwargs["kwargs"] == {"attempt": 2}
    assert retry.run_after > timezone.now()

    # Another run, before the retry, does not queue it a second time. (The first attempt, which
    # queued the retry, has left the table: core.tasks forgets finished mail tasks.)
    call_command("remind_expiring_offers", stdout=StringIO())
    assert list(tasks) == [retry]

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    time_machine.move_to(timezone.now() + RETRY_DELAYS[0] + datetime.timedelta(seconds=5))
    run_worker()

    assert [message.to for message in mail.outbox] == [[ADVISERS]]
    assert OfferExpiryReminder.objects.get().sent_at is not None


# --- Cost --------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_the_number_of_queries_does_not_grow_with_the_number_of_offers(site, remind):
    author = EditorFactory(email="eric.editeur@example.org")

    def queries_to_remind(count):
        for _number in range(count):
            offer = OfferPageFactory(expiry_date=in_days(3), owner=author)
            InterestFactory(offer=offer)
        mail.outbox.clear()
        cache.clear()  # Wagtail caches the sites' root paths: start cold each time
        with CaptureQueriesContext(connection) as queries:
            remind()
        assert len(mail.outbox) == 2
        assert all(len(titles_in(message)) == count for message in mail.outbox)
        return len(queries)

    assert queries_to_remind(2) == queries_to_remind(12)
