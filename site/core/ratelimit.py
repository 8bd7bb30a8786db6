"""The spam guard of public forms: at most settings.PUBLIC_FORM_RATE submissions per address."""

import math

from django.conf import settings
from django_ratelimit.core import get_usage


def minutes_to_wait(request, group):
    """Count this submission; 0 if it may go through, else the minutes left before the next.

    get_usage() rather than is_ratelimited(), which drops the time left: the page tells the
    resident how long to wait, and keeps what they typed.
    """
    usage = get_usage(
        request, group=group, key="ip", rate=settings.PUBLIC_FORM_RATE, increment=True
    )
    if usage and usage["should_limit"]:
        return max(1, math.ceil(usage["time_left"] / 60))
    return 0
