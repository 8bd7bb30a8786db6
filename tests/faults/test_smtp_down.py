"""The SMTP server is down: what residents and members send is saved at once, and the e-mails go
out later, when the server is back, through the worker's retries (core.tasks.mail_task)."""

import smtplib
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core.tasks import RETRY_DELAYS
from offers.models import Interest
from offers.tasks import notify_advisers
from tests.core.factories import SiteSettingsFactory
from tests.faults import closed_port
from tests.home.factories import create_site
from tests.offers.factories import InterestFactory, OfferPageFactory, get_offer_index_page

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}


def run_worker():
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


@pytest.fixture
def smtp_down(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = closed_port()
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 2


def smtp_back(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_TASKS)
def test_an_interest_sent_while_smtp_is_down_is_saved_and_its_email_goes_out_later(
    client, settings, smtp_down, time_machine
):
    create_site()
    SiteSettingsFactory()
    index = get_offer_index_page()
    index.advisers_email = "conseillers@dynamique-emploi.fr"
    index.save()
    offer = OfferPageFactory(title="Agent de propreté (H/F)")
    run_worker()  # page saves queue search-index tasks: start from an empty queue

    response = client.post(
        offer.url, {"name": "Samira Benali", "phone": "06 12 34 56 78", "consent": "on"}
    )

    assert response.status_code == 303
    assert Interest.objects.get().name == "Samira Benali"

    run_worker()  # the relay refuses the connection

    interest = Interest.objects.get()
    assert interest.notified_at is None
    retry = DBTaskResult.objects.filter(task_path__endswith="notify_advisers").latest("enqueued_at")
    assert retry.args_kwargs["kwargs"] == {"attempt": 2}
    assert retry.run_after > timezone.now()
    assert not DBTaskResult.objects.failed().exists()

    run_worker()  # too early: the retry waits for its time
    assert Interest.objects.get().notified_at is None

    smtp_back(settings)
    time_machine.move_to(timezone.now() + RETRY_DELAYS[0] + timedelta(seconds=5))
    run_worker()

    assert [message.to for message in mail.outbox] == [["conseillers@dynamique-emploi.fr"]]
    assert Interest.objects.get().notified_at is not None


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_TASKS)
def test_each_retry_waits_longer_then_the_task_gives_up(settings, smtp_down):
    create_site()
    SiteSettingsFactory()
    interest = InterestFactory(offer=OfferPageFactory())
    run_worker()

    waits = []
    for attempt in range(1, len(RETRY_DELAYS) + 1):
        before = timezone.now()
        notify_advisers.call(interest.pk, attempt=attempt)
        retry = DBTaskResult.objects.filter(task_path__endswith="notify_advisers").latest(
            "enqueued_at"
        )
        assert retry.args_kwargs["kwargs"] == {"attempt": attempt + 1}
        waits.append(retry.run_after - before)
    assert waits == sorted(waits)
    assert waits[0] >= RETRY_DELAYS[0]
    assert waits[-1] >= timedelta(hours=12)

    with pytest.raises(OSError):
        notify_advisers.call(interest.pk, attempt=len(RETRY_DELAYS) + 1)


@pytest.mark.django_db
def test_a_refusal_by_the_relay_is_retried_too(settings):
    """Not only a server that is away: a relay that answers « try later » (4xx) too."""
    create_site()
    SiteSettingsFactory()
    interest = InterestFactory(offer=OfferPageFactory())
    sent = []

    def send_messages(backend, messages):
        if not sent:
            sent.append("refused")
            raise smtplib.SMTPDataError(451, b"try again later")
        sent.extend(messages)
        return len(messages)

    with mock.patch("django.core.mail.backends.locmem.EmailBackend.send_messages", send_messages):
        # With the test settings' immediate backend the retry runs at once.
        notify_advisers.call(interest.pk)

    assert sent[0] == "refused"
    assert len(sent) == 2
    interest.refresh_from_db()
    assert interest.notified_at is not None
