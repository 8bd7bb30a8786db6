"""E-mail tasks go before background work in the worker's queue."""

from django.utils.module_loading import import_string
from django_tasks.base import DEFAULT_TASK_PRIORITY

from core.tasks import MAIL_TASKS


def test_every_email_task_goes_before_background_work():
    """Loading the demo content queued about 1,500 index and purge tasks; an invitation waited a
    minute behind them (tests/e2e). E-mail tasks have a higher priority."""
    assert len(MAIL_TASKS) >= 5
    for path in MAIL_TASKS:
        assert import_string(path).priority > DEFAULT_TASK_PRIORITY, path
