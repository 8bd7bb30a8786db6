"""The hub's calendar: its time zone, fixed, and today's date there.

Fixed rather than the active time zone: the Wagtail admin activates each editor's profile time
zone, which must move neither the day an offer ends nor the hour an event starts.
"""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

HUB_TIME_ZONE = ZoneInfo(settings.TIME_ZONE)


def hub_today():
    """Today's date where the hub is (Europe/Paris), whatever zone the request activated."""
    return timezone.localdate(timezone=HUB_TIME_ZONE)
