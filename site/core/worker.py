"""The background worker outlives its database, and no task is left « RUNNING » for good.

django-tasks-db's worker (0.13) stops at the first database error, and a task it was running when
PostgreSQL went away stays « RUNNING »: no worker ever picks it up again (django-tasks issue #46,
still open upstream). `manage.py db_worker` (core/management/commands/db_worker.py) runs this
subclass of the library's worker instead, whose loop it leaves as it is:

- On OperationalError or InterfaceError it drops the broken connection, logs one line and tries
  again after 1 s, 2 s, 4 s… up to 30 s, until the database answers; then it goes on.
- A task whose outcome it could not record (the database went away while it ran) is put back in
  the queue once the database answers, and runs again.
- A task left « RUNNING » by a worker that died (killed, out of memory, machine lost) is put back
  in the queue once it has been running for longer than TASKS_STALE_AFTER (15 minutes, well above
  any task's run time): at the worker's start, after an outage, and every minute (a thread of
  its own, unless --batch).

A task may therefore run twice: at least once, never lost. Search and reference index updates and
cache purges may. Of the e-mail tasks, those that check a « sent at » note before sending
(offers.notify_advisers, project_holders.notify_coordinators, the registration confirmation and
promotion in events.tasks) do not send it twice unless cut short between sending and noting; the
others send it again.
"""

import logging
import threading
import time
from contextlib import suppress
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connections, router
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

# A child of the library's logger, so that the command's --verbosity applies to it too.
logger = logging.getLogger("django_tasks_db.recovery")

# What a database that is away raises: refused or dropped connections, a server shutting down
# or starting up. Other database errors are bugs and still stop the worker.
DATABASE_ERRORS = (OperationalError, InterfaceError)
FIRST_RETRY_SECONDS = 1
MAX_RETRY_SECONDS = 30
STALE_CHECK_SECONDS = 60
DEFAULT_STALE_AFTER = timedelta(minutes=15)


def stale_after():
    return getattr(settings, "TASKS_STALE_AFTER", DEFAULT_STALE_AFTER)


def requeue_stale_tasks(tasks=None):
    """Put back in the queue the tasks « RUNNING » for longer than TASKS_STALE_AFTER.

    Their worker is gone: a live one finishes any task well within that time. `tasks` narrows
    the search (one worker's backend and queues); returns how many were put back.
    """
    if tasks is None:
        tasks = DBTaskResult.objects.all()
    count = (
        tasks.running()
        .filter(started_at__lt=timezone.now() - stale_after())
        .update(status=TaskResultStatus.READY)
    )
    if count:
        logger.warning("%d task(s) left running by a stopped worker are queued again.", count)
    return count


def close_connections():
    """Drop this thread's connections: a broken one would fail every query until closed."""
    for connection in connections.all(initialized_only=True):
        with suppress(DatabaseError):
            connection.close()


def one_line(error):
    return " ".join(str(error).split()) or type(error).__name__


class Worker(db_worker.Worker):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # The task being run; still set after run_task() raised: its outcome was not recorded.
        self.unfinished_task = None
        self.stopped = threading.Event()

    def tasks(self):
        """The tasks this worker runs: its backend and queues, as the library's loop picks them."""
        tasks = DBTaskResult.objects.filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        return tasks

    def run(self):
        if not self.batch:
            threading.Thread(
                target=self.requeue_stale_tasks_periodically,
                name="requeue-stale-tasks",
                daemon=True,
            ).start()
        try:
            while True:
                try:
                    requeue_stale_tasks(self.tasks())
                    super().run()
                    return
                except DATABASE_ERRORS as error:
                    self.wait_for_database(error)
        finally:
            self.stopped.set()

    def run_task(self, db_task_result):
        self.unfinished_task = db_task_result
        super().run_task(db_task_result)
        self.unfinished_task = None

    def wait_for_database(self, error):
        """Wait, longer each time, until the database answers; then queue the unfinished task."""
        delay = FIRST_RETRY_SECONDS
        while True:
            close_connections()
            logger.warning(
                "Database unavailable (%s): trying again in %d s.", one_line(error), delay
            )
            # A SIGTERM meanwhile stops the worker at once: no task is running.
            time.sleep(delay)
            try:
                connections[router.db_for_write(DBTaskResult)].ensure_connection()
                self.requeue_unfinished_task()
            except DATABASE_ERRORS as next_error:
                error = next_error
                delay = min(delay * 2, MAX_RETRY_SECONDS)
            else:
                logger.info("Database back: the worker goes on.")
                return

    def requeue_unfinished_task(self):
        task = self.unfinished_task
        if task is None:
            return
        # Unless the stale task check of another worker already queued it again since.
        requeued = DBTaskResult.objects.filter(
            pk=task.pk, status=TaskResultStatus.RUNNING, started_at=task.started_at
        ).update(status=TaskResultStatus.READY)
        self.unfinished_task = None
        if requeued:
            logger.warning(
                "Task id=%s (%s) was cut short by the database outage: it runs again.",
                task.pk,
                task.task_path,
            )

    def requeue_stale_tasks_periodically(self):
        while not self.stopped.wait(STALE_CHECK_SECONDS):
            try:
                requeue_stale_tasks(self.tasks())
            except DATABASE_ERRORS:
                pass  # The main loop reports outages.
            except Exception:
                logger.exception("Could not queue stale tasks again.")
            finally:
                close_connections()
