"""E-mails sent in the background survive an SMTP server that is down.

The record an e-mail is about (an interest, a registration, a project holder) is saved before the
task is queued, so the visitor is never refused because of mail. django-tasks does not retry a
failed task by itself: a `mail_task` that cannot reach the SMTP server queues itself again, later,
with growing delays, and only gives up (a failed task in the admin's task list and the logs) after
about a day. Each task notes when its e-mail went out, so a retry never sends it twice.
"""

import functools
import logging
import smtplib
from datetime import timedelta

from django.utils import timezone
from django_tasks import task

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


def mail_task(function):
    """Like django-tasks' @task(), for a function that sends e-mail: retried when mail fails.

    The task takes one more keyword argument, `attempt` (1 for the first run), that callers leave
    out.
    """

    @task()
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

    return run
