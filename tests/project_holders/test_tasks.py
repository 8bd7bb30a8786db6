"""The coordinators' e-mail about a new holder, as the worker runs it."""

import smtplib
from unittest import mock

import pytest
from django.core import mail

from core.tasks import RETRY_DELAYS
from project_holders.tasks import notify_coordinators
from tests.extranet.factories import CoordinatorFactory

pytestmark = pytest.mark.django_db


def test_every_active_coordinator_is_written_to_once(holder, coordinator):
    CoordinatorFactory(email="deuxieme@example.org")
    CoordinatorFactory(email="parti@example.org", is_active=False)

    notify_coordinators.call(holder.pk)
    notify_coordinators.call(holder.pk)  # a retry after success sends nothing more

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["coordination@example.org", "deuxieme@example.org"]
    assert "Régie de quartier des Francs-Moisins a enregistré Aminata Koné" in mail.outbox[0].body


def test_when_the_email_fails_the_task_tries_again_later(holder, coordinator):
    with mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.send_messages",
        side_effect=smtplib.SMTPException("relay down"),
    ) as send_messages:
        # The test settings run tasks at once, so every retry runs now; in production each
        # waits longer (core.tasks.RETRY_DELAYS), then the task is marked failed.
        notify_coordinators.call(holder.pk)

    assert send_messages.call_count == len(RETRY_DELAYS) + 1
    holder.refresh_from_db()
    assert holder.coordinators_notified_at is None


def test_an_erased_holder_is_not_announced(holder, coordinator):
    holder.anonymise()

    notify_coordinators.call(holder.pk)

    assert mail.outbox == []
