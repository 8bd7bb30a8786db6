"""/healthz reports the worker: how long the oldest task due to run has waited for it.

A worker that stopped, or cannot keep up, leaves invitations, registration e-mails and password
resets waiting while every page still works: the health check says so with a 503 once a task
has waited longer than HEALTHZ_MAX_TASK_WAIT_SECONDS. (The database part: tests/core/test_views.py.)
"""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import override_settings
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("five_minutes")]


@pytest.fixture
def five_minutes():
    with override_settings(HEALTHZ_MAX_TASK_WAIT_SECONDS=300):
        yield


def enqueue(ago, *, run_after=None, status=TaskResultStatus.READY):
    """A task stored by django-tasks' database backend `ago` before NOW."""
    with time_machine.travel(NOW - ago, tick=False):
        return DBTaskResult.objects.create(
            task_path="core.tasks.example",
            args_kwargs={"args": [], "kwargs": {}},
            backend_name="default",
            run_after=run_after or get_date_max(),
            status=status,
        )


def healthz(client):
    with time_machine.travel(NOW, tick=False):
        return client.get("/healthz")


def test_nothing_waiting_is_ok(client):
    enqueue(timedelta(hours=2), status=TaskResultStatus.SUCCESSFUL)

    response = healthz(client)

    assert response.status_code == 200
    assert response.content.decode() == "ok\n"


def test_a_task_waiting_less_than_the_threshold_is_ok_and_counted(client):
    enqueue(timedelta(seconds=30))
    enqueue(timedelta(minutes=2))

    response = healthz(client)

    assert response.status_code == 200
    assert response.content.decode() == (
        "ok\nla plus ancienne tâche attend depuis 120 s (seuil : 300 s)\n"
    )


def test_a_task_waiting_past_the_threshold_fails(client):
    enqueue(timedelta(minutes=10))

    response = healthz(client)

    assert response.status_code == 503
    assert response.content.decode() == (
        "worker en retard : la plus ancienne tâche attend depuis 600 s (seuil : 300 s)\n"
    )
    assert "no-cache" in response["Cache-Control"]


@override_settings(HEALTHZ_MAX_TASK_WAIT_SECONDS=900)
def test_the_threshold_is_a_setting(client):
    enqueue(timedelta(minutes=10))

    assert healthz(client).status_code == 200


def test_a_task_waits_from_its_run_after_and_only_once_due(client):
    # Enqueued an hour ago to run five minutes ago: it has waited five minutes.
    enqueue(timedelta(hours=1), run_after=NOW - timedelta(minutes=4))
    # Not due yet, and being run: neither waits for the worker.
    enqueue(timedelta(hours=1), run_after=NOW + timedelta(minutes=1))
    enqueue(timedelta(hours=1), status=TaskResultStatus.RUNNING)

    response = healthz(client)

    assert response.status_code == 200
    assert "depuis 240 s" in response.content.decode()


def test_one_query_however_many_tasks_wait(client, django_assert_num_queries):
    enqueue(timedelta(minutes=1))
    with django_assert_num_queries(1):
        healthz(client)

    for minutes in range(2, 12):
        enqueue(timedelta(minutes=minutes))
    with django_assert_num_queries(1):
        response = healthz(client)

    assert response.status_code == 503
    assert "depuis 660 s" in response.content.decode()
