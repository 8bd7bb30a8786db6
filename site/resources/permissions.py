"""Who may see, share, change and download which resource: one answer for every view.

Built on extranet.permissions. Coordinators see and change everything. A member sees the
resources shared with all members, and every resource of their own organisation (including those
it shared for its organisation only or for the coordinators only, since it may still correct or
delete them); they change only their own organisation's. Anyone else sees none.

Views answer 404 for a resource the person may not see (it does not exist for them) and 403 for
one they see but may not change.
"""

from django.db.models import Q

from extranet.permissions import current_membership, is_coordinator, may_use_extranet
from resources.enums import Audience
from resources.models import Resource


def resources_visible_to(user):
    if is_coordinator(user):
        return Resource.objects.all()
    membership = current_membership(user)
    if membership is None:
        return Resource.objects.none()
    return Resource.objects.filter(
        Q(audience=Audience.ALL_MEMBERS) | Q(organisation_id=membership.organisation_id)
    )


def may_share(user):
    return may_use_extranet(user)


def may_change(user, resource):
    """Edit, upload a new version, delete: coordinators, and members of the owning organisation."""
    if is_coordinator(user):
        return True
    membership = current_membership(user)
    return (
        membership is not None
        and resource.organisation_id is not None
        and membership.organisation_id == resource.organisation_id
    )


def audiences_for(user, resource=None):
    """The audiences a person may choose: « my organisation » needs one, theirs or, when they
    edit a resource, the resource's (so a coordinator keeps an organisation's audience)."""
    has_organisation = current_membership(user) is not None or (
        resource is not None and resource.organisation_id is not None
    )
    if not has_organisation:
        return [audience for audience in Audience if audience != Audience.ORGANISATION]
    return list(Audience)


def latest_for(user, limit=5):
    """The latest resources the user may see, newest first (the extranet home shows them)."""
    return resources_visible_to(user).for_listing().newest_first()[:limit]
