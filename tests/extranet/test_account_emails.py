"""Account e-mails on the production path (stored tasks, `manage.py db_worker`): the stored task
holds identifiers only, the link is made when the e-mail leaves, and the task is forgotten once
sent (the probe's finding 3: a reset link read from the task results table took over an account).
"""

import json
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from extranet.models import Invitation
from tests.extranet.factories import PASSWORD, MembershipFactory

pytestmark = pytest.mark.django_db(transaction=True)

NEW_PASSWORD = "Un-autre-mot-de-passe-2026"


@pytest.fixture(autouse=True)
def tasks_in_the_database(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    settings.SITE_URL = "https://www.example.org"


def run_worker():
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


def stored_arguments():
    return json.dumps([row.args_kwargs for row in DBTaskResult.objects.all()])


def mail_tasks():
    """The e-mail tasks in the results table (page and organisation saves queue search-index
    tasks too, which stay)."""
    return DBTaskResult.objects.filter(task_path__startswith="extranet.tasks.")


def link_in(message, fragment):
    return next(word for word in message.body.split() if fragment in word)


class TestPasswordReset:
    def test_the_stored_task_holds_no_link_and_is_forgotten_once_sent(self, client):
        member = MembershipFactory(user__email="karim@example.org").user
        run_worker()

        client.post(reverse("account_reset_password"), {"email": member.email})

        assert mail.outbox == []
        stored = stored_arguments()
        assert "/password/reset/key/" not in stored
        assert "http" not in stored
        assert str(member.pk) in stored

        run_worker()

        [message] = mail.outbox
        assert message.to == ["karim@example.org"]
        assert mail_tasks().count() == 0
        # The link made by the worker works.
        link = link_in(message, "/password/reset/key/")
        assert link.startswith("https://www.example.org/compte/password/reset/key/")
        page = client.get(link.removeprefix("https://www.example.org"), follow=True)
        response = client.post(
            page.redirect_chain[-1][0], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
        )
        assert response.status_code == 302
        member.refresh_from_db()
        assert member.check_password(NEW_PASSWORD)

    def test_in_the_language_of_the_request(self, client):
        member = MembershipFactory(user__email="karim@example.org").user

        client.post(
            reverse("account_reset_password").replace("/compte/", "/en/compte/", 1),
            {"email": member.email},
        )
        run_worker()

        [message] = mail.outbox
        assert "/en/compte/password/reset/key/" in message.body
        assert "Password Reset" in message.subject


def test_an_address_confirmation_is_made_by_the_worker(client):
    member = MembershipFactory(user__verified_email=False).user
    run_worker()

    client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})

    assert "/confirm-email/" not in stored_arguments()
    run_worker()
    [message] = mail.outbox
    link = link_in(message, "/confirm-email/")
    response = client.post(link.removeprefix("https://www.example.org"))
    assert response.status_code == 302
    assert member.emailaddress_set.get().verified
    assert mail_tasks().count() == 0


def test_an_invitations_task_holds_no_key(client, coordinator, organisation):
    client.force_login(coordinator)
    run_worker()

    client.post(
        reverse("extranet:invite", args=[organisation.pk]),
        {"email": "nouvelle@example.org", "role": "membre"},
    )

    [invitation] = organisation.invitations.all()
    assert invitation.key not in stored_arguments()
    run_worker()
    [message] = mail.outbox
    # The link's token, made by the task when it sent: it opens this invitation. (Not compared
    # with invitation.token, which is signed with the current second.)
    token = re.search(r"/rejoindre/([^/\s]+)/", message.body)[1]
    assert Invitation.unsign_token(token) == (invitation.pk, str(invitation.key))
    assert mail_tasks().count() == 0


def test_a_notice_keeps_no_secret_either(client):
    """allauth's notices (here: a reset asked for an address without an account) go through the
    same stored task, with what they say and no key."""
    client.post(reverse("account_reset_password"), {"email": "inconnu@example.org"})

    assert mail_tasks().count() == 1
    run_worker()
    [message] = mail.outbox
    assert message.to == ["inconnu@example.org"]
    assert mail_tasks().count() == 0
