"""core.worker, through `manage.py db_worker`: a task left « RUNNING » by a worker that died runs
again, and a database error does not stop the worker. tests/faults/test_worker_database_down.py
stops a real PostgreSQL under it."""

import logging
from datetime import timedelta
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import InterfaceError, OperationalError
from django.test import override_settings
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult, DBTaskResultQuerySet

from core import worker
from tests.faults.worker_tasks import note_run

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def database_tasks():
    with override_settings(TASKS=DATABASE_TASKS):
        yield


def run_worker():
    call_command("db_worker", batch=True, startup_delay=False, verbosity=1)


def left_running(folder, name, minutes_ago):
    """A task a worker claimed `minutes_ago`, then died running."""
    result = DBTaskResult.objects.get(pk=note_run.enqueue(str(folder), name).id)
    result.claim("dead-worker")
    DBTaskResult.objects.filter(pk=result.pk).update(
        started_at=timezone.now() - timedelta(minutes=minutes_ago)
    )
    return result


def make_worker(**options):
    return worker.Worker(
        **{
            "queue_names": ["default"],
            "interval": 0,
            "batch": True,
            "backend_name": "default",
            "startup_delay": False,
            "max_tasks": None,
            "worker_id": "test-worker",
            "excluded_queue_names": [],
            **options,
        }
    )


def status(result):
    result.refresh_from_db()
    return result.status


@pytest.mark.django_db
def test_tasks_running_for_longer_than_tasks_stale_after_are_queued_again(tmp_path):
    stale = left_running(tmp_path, "stale", minutes_ago=20)
    recent = left_running(tmp_path, "recent", minutes_ago=5)
    done = DBTaskResult.objects.get(pk=note_run.enqueue(str(tmp_path), "done").id)
    done.claim("live-worker")
    done.set_successful(None)
    DBTaskResult.objects.filter(pk=done.pk).update(started_at=timezone.now() - timedelta(hours=1))

    assert worker.requeue_stale_tasks() == 1

    assert status(stale) == TaskResultStatus.READY
    # Maybe still running on a live worker: left alone.
    assert status(recent) == TaskResultStatus.RUNNING
    assert status(done) == TaskResultStatus.SUCCESSFUL


@pytest.mark.django_db
def test_tasks_stale_after_is_a_setting(settings, tmp_path):
    settings.TASKS_STALE_AFTER = timedelta(hours=1)
    stale = left_running(tmp_path, "stale", minutes_ago=20)

    assert worker.requeue_stale_tasks() == 0
    assert status(stale) == TaskResultStatus.RUNNING

    settings.TASKS_STALE_AFTER = timedelta(minutes=10)

    assert worker.requeue_stale_tasks() == 1


@pytest.mark.django_db
def test_only_the_workers_backend_and_queues_are_searched(tmp_path):
    stale = left_running(tmp_path, "stale", minutes_ago=20)

    assert worker.requeue_stale_tasks(make_worker(queue_names=["other"]).tasks()) == 0
    assert worker.requeue_stale_tasks(make_worker(queue_names=["*"]).tasks()) == 1
    assert status(stale) == TaskResultStatus.READY


@pytest.mark.django_db(transaction=True)
def test_a_task_left_running_by_a_dead_worker_runs_again_when_a_worker_starts(tmp_path):
    stale = left_running(tmp_path, "stale", minutes_ago=20)

    run_worker()

    assert status(stale) == TaskResultStatus.SUCCESSFUL
    assert (tmp_path / "stale").read_text() == "run\n"
    assert stale.worker_ids[0] == "dead-worker"
    assert len(stale.worker_ids) == 2


def test_a_running_worker_looks_for_stale_tasks_every_minute_despite_outages(monkeypatch):
    monkeypatch.setattr(worker, "STALE_CHECK_SECONDS", 0)
    monkeypatch.setattr(worker, "close_connections", mock.Mock())
    running = make_worker(batch=False)
    searched = []

    def requeue_stale_tasks(tasks):
        searched.append(tasks.query)
        if len(searched) == 1:
            raise OperationalError("the connection is lost")
        running.stopped.set()
        return 0

    monkeypatch.setattr(worker, "requeue_stale_tasks", requeue_stale_tasks)

    running.requeue_stale_tasks_periodically()

    assert len(searched) == 2
    assert "default" in str(searched[1])
    # Its own connection, closed after each search: it is another thread's.
    assert worker.close_connections.call_count == 2


@pytest.fixture
def no_waiting(monkeypatch):
    monkeypatch.setattr(worker, "FIRST_RETRY_SECONDS", 0)


def fails_once(original, error):
    """`original`, except that its first call raises `error`, as when the database went away."""
    calls = []

    def replacement(*args, **kwargs):
        calls.append(args)
        if len(calls) == 1:
            raise error
        return original(*args, **kwargs)

    return replacement


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "error",
    [
        OperationalError("connection to server at 127.0.0.1 failed: Connection refused"),
        InterfaceError("connection already closed"),
    ],
)
def test_the_worker_goes_on_when_the_database_is_away_while_it_looks_for_tasks(
    tmp_path, no_waiting, caplog, error
):
    result = DBTaskResult.objects.get(pk=note_run.enqueue(str(tmp_path), "task").id)
    get_locked = fails_once(DBTaskResultQuerySet.get_locked, error)

    with mock.patch.object(DBTaskResultQuerySet, "get_locked", get_locked):
        run_worker()

    assert status(result) == TaskResultStatus.SUCCESSFUL
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert f"Database unavailable ({error}): trying again in 0 s." in warnings


@pytest.mark.django_db(transaction=True)
def test_a_task_whose_outcome_could_not_be_recorded_runs_again(tmp_path, no_waiting, caplog):
    result = DBTaskResult.objects.get(pk=note_run.enqueue(str(tmp_path), "task").id)
    lost = OperationalError("server closed the connection unexpectedly")

    with (
        mock.patch.object(
            DBTaskResult, "set_successful", fails_once(DBTaskResult.set_successful, lost)
        ),
        mock.patch.object(DBTaskResult, "set_failed", fails_once(DBTaskResult.set_failed, lost)),
    ):
        run_worker()

    assert status(result) == TaskResultStatus.SUCCESSFUL
    assert (tmp_path / "task").read_text() == "run\nrun\n"
    assert f"Task id={result.pk} (tests.faults.worker_tasks.note_run) was cut short" in caplog.text
