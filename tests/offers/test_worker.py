"""The production path of a notification: queued in the database, sent by `manage.py db_worker`."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from offers.models import Interest
from tests.core.factories import SiteSettingsFactory
from tests.home.factories import create_site
from tests.offers.factories import OfferPageFactory, get_offer_index_page

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_TASKS)
def test_the_interest_is_saved_at_once_and_the_worker_sends_the_email(client):
    create_site()
    SiteSettingsFactory()
    index = get_offer_index_page()
    index.advisers_email = "conseillers@dynamique-emploi.fr"
    index.save()
    # Page saves queue search-index tasks too: start from an empty queue.
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    offer = OfferPageFactory(title="Agent de propreté (H/F)")
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    mail.outbox.clear()

    response = client.post(
        offer.url, {"name": "Samira Benali", "phone": "06 12 34 56 78", "consent": "on"}
    )

    assert response.status_code == 303
    interest = Interest.objects.get()
    assert interest.notified_at is None
    assert mail.outbox == []
    assert DBTaskResult.objects.ready().filter(task_path__endswith="notify_advisers").exists()

    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)

    assert [message.to for message in mail.outbox] == [["conseillers@dynamique-emploi.fr"]]
    assert "Samira Benali" in mail.outbox[0].body
    interest.refresh_from_db()
    assert interest.notified_at is not None
