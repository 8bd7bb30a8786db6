"""E-mails sent in the background survive an SMTP server that is down.

The record an e-mail is about (an interest, a registration, a project holder) is saved before the
task is queued, so the visitor is never refused because of mail. django-tasks does not retry a
failed task by itself: a `mail_task` that cannot reach the SMTP server queues itself again, later,
with growing delays, and only gives up (a failed task in the admin's task list and the logs) after
about a day. Each task notes when its e-mail went out, so a retry never sends it twice.

A mail task's arguments name a person (an id, sometimes an address). Stored in the database
backend's results table, they would stay there, and in every backup, until `prune_db_task_results`
runs: the worker forgets a mail task as soon as it has finished (forget_finished_mail_task).
"""

import functools
import logging
import smtplib
from datetime import timedelta

from django.dispatch import receiver
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks.signals import task_finished

logger = logging.getLogger(__name__)

# Connection refused, timeouts and name resolution failures are OSError; the server's own
# refusals (4xx/5xx, authentication) are SMTPException.
MAIL_ERRORS = (smtplib.SMTPException, OSError)
RETRY_DELAYS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=15),
    timedelta(hours=1),
    timedelta(hours=3),
    timedelta(hours=6),
    timedelta(hours=12),
)


# E-mails someone is waiting for (an invitation, a password reset, a registration's
# confirmation) go before background work: publishing or importing pages queues hundreds of
# search-index, reference-index and cache-purge tasks, which held them back for a minute
# (tests/e2e found it after the demo content was loaded).
MAIL_TASK_PRIORITY = 50


def mail_task(function):
    """Like django-tasks' @task(), for a function that sends e-mail: retried when mail fails.

    The task takes one more keyword argument, `attempt` (1 for the first run), that callers leave
    out.
    """

    @task(priority=MAIL_TASK_PRIORITY)
    @functools.wraps(function)
    def run(*args, attempt=1, **kwargs):
        try:
            return function(*args, **kwargs)
        except MAIL_ERRORS:
            if attempt > len(RETRY_DELAYS):
                raise
            delay = RETRY_DELAYS[attempt - 1]
            logger.warning(
                "%s: the e-mail could not be sent (attempt %s); trying again in %s",
                function.__name__,
                attempt,
                delay,
                exc_info=True,
            )
            retry = run
            if run.get_backend().supports_defer:
                retry = run.using(run_after=timezone.now() + delay)
            retry.enqueue(*args, attempt=attempt + 1, **kwargs)
            return None

    MAIL_TASKS.add(run.module_path)
    return run


# The module paths of every mail_task, filled as the apps' tasks modules are imported.
MAIL_TASKS = set()


@receiver(task_finished, dispatch_uid="core.tasks.forget_finished_mail_task")
def forget_finished_mail_task(sender, task_result, **kwargs):
    """A sent e-mail's task leaves the results table at once; a failed one keeps its error's
    class, not its arguments nor its traceback. Other backends (immediate, in tests and
    `make run`) keep nothing."""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if task_result.task.module_path not in MAIL_TASKS:
        return
    if not isinstance(task_result.task.get_backend(), DatabaseBackend):
        return

    results = DBTaskResult.objects.filter(id=task_result.id)
    if task_result.status == TaskResultStatus.SUCCESSFUL:
        results.delete()
    else:
        # The traceback may quote an address (a refused recipient); the worker's log has it.
        results.update(
            args_kwargs={"args": [], "kwargs": {}},
            traceback="(kept in the worker's log only: it may name a person)",
        )
