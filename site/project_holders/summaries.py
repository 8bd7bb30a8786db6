"""What other pages show of project holders: the yearly counter, the holders a user follows.

Kept apart from the views so that the extranet's home can import followed_by() without importing
the project holders' views (which import the extranet's).
"""

from django.conf import settings

from core.dates import hub_today
from project_holders.enums import HolderStatus
from project_holders.permissions import holders_visible_to


def yearly_counter(user, today=None):
    """Holders supported this year (ProjectHolder.supported_on) against the yearly target.

    The hub's figure: coordinators see every holder's; a member sees their organisation's share.
    """
    year = (today or hub_today()).year
    supported = holders_visible_to(user).supported_in(year).count()
    target = settings.PROJECT_HOLDERS_YEARLY_TARGET
    return {
        "year": year,
        "supported": supported,
        "target": target,
        "percent": min(100, round(100 * supported / target)) if target else 100,
    }


def followed_by(user, limit=5):
    """The holders the user's organisation follows (or all, for a coordinator), latest first.

    For the extranet home: each with its status (get_status_display) and its URL (get_absolute_url
    is project_holders:detail). Evaluated here, in one query once the membership is known.
    """
    holders = holders_visible_to(user).not_anonymised().exclude(status=HolderStatus.CLOSED)
    return list(
        holders.only("pk", "name", "project_name", "status", "updated_at").order_by(
            "-updated_at", "-pk"
        )[:limit]
    )
