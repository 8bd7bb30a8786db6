"""Who may see, share, change and download which resource: one answer for every view.

Built on extranet.permissions. Coordinators see and change everything. A member sees the
resources shared with all members, those shared with their organisation among « Organisations
choisies », and every resource of their own organisation (including those it shared for its
organisation only or for the coordinators only, since it may still correct or delete them); they
change only their own organisation's. Anyone else sees none.

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
    organisation_id = membership.organisation_id
    # A subquery rather than a join: a resource chosen for several organisations stays one row.
    chosen_for_it = Resource.shared_with.through.objects.filter(
        organisation_id=organisation_id
    ).values("resource_id")
    return Resource.objects.filter(
        Q(audience=Audience.ALL_MEMBERS)
        | Q(organisation_id=organisation_id)
        | Q(audience=Audience.CHOSEN_ORGANISATIONS, pk__in=chosen_for_it)
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


def owning_organisation(user, resource=None):
    """The organisation a resource belongs to, or will once shared (the sharer's); None for the
    hub's own."""
    if resource is not None and resource.pk is not None:
        return resource.organisation
    membership = current_membership(user)
    return membership.organisation if membership else None


def audiences_for(user, resource=None):
    """The audiences a person may choose: « the organisation that shares it » needs one (the
    sharer's, or the edited resource's, so a coordinator keeps an organisation's audience). The
    edited resource's own audience is always among them: saving never loses it."""
    kept = resource.audience if resource is not None and resource.pk is not None else None
    if owning_organisation(user, resource) is None:
        return [
            audience
            for audience in Audience
            if audience != Audience.ORGANISATION or audience == kept
        ]
    return list(Audience)


def latest_for(user, limit=5):
    """The latest resources the user may see, newest first (the extranet home shows them)."""
    return resources_visible_to(user).for_listing().newest_first()[:limit]
