"""Who may see and do what with project holders: the one place every view asks.

A member sees the holders their organisation registered or accompanies, and may edit them and add
notes; only the accompanying organisation's members and the coordinators move a holder along the
pipeline; only coordinators see every holder, export the list, export or erase a person's data.
Anyone else sees none (a holder they may not see does not exist for them: 404).
"""

from django.db.models import Q

from extranet.permissions import current_membership, is_coordinator
from project_holders.models import ProjectHolder


def holders_visible_to(user):
    if is_coordinator(user):
        return ProjectHolder.objects.all()
    membership = current_membership(user)
    if membership is None:
        return ProjectHolder.objects.none()
    organisation_id = membership.organisation_id
    return ProjectHolder.objects.filter(
        Q(registered_by_organisation_id=organisation_id)
        | Q(accompanying_organisation_id=organisation_id)
    )


def user_organisation_id(user):
    membership = current_membership(user)
    return membership.organisation_id if membership else None


def may_see(user, holder):
    if is_coordinator(user):
        return True
    organisation_id = user_organisation_id(user)
    return organisation_id is not None and organisation_id in (
        holder.registered_by_organisation_id,
        holder.accompanying_organisation_id,
    )


def may_edit(user, holder):
    """Edit the person and the project, add notes: whoever sees a record that is not erased."""
    return holder.anonymised_at is None and may_see(user, holder)


def may_change_status(user, holder):
    if holder.anonymised_at is not None:
        return False
    if is_coordinator(user):
        return True
    organisation_id = user_organisation_id(user)
    return organisation_id is not None and organisation_id == holder.accompanying_organisation_id


def may_assign_follower(user):
    """Choose the accompanying organisation or coordinator: the hub's coordinators."""
    return is_coordinator(user)


def may_export(user):
    """Export the list, export or erase one person's data."""
    return is_coordinator(user)


def may_register(user):
    return is_coordinator(user) or current_membership(user) is not None
