"""Who may see and manage what in the extranet, answered in one place for every view.

Three kinds of people: the hub's coordinators (the « Coordinateurs » group, and superusers), who
manage every organisation; an organisation's admins, who manage their own organisation's members
and invitations; its members, who see their organisation and colleagues. Anyone else, signed in
or not, sees nothing of the extranet.

Answers are cached on the user object for the request, since a page asks several times.
"""

from extranet.enums import MembershipRole
from extranet.models import Invitation, Membership
from organisations.models import Organisation

COORDINATORS_GROUP_NAME = "Coordinateurs"
# Editors and anyone else who may open the Wagtail admin.
ADMIN_ACCESS_PERMISSION = "wagtailadmin.access_admin"


def is_coordinator(user):
    if not (user.is_authenticated and user.is_active):
        return False
    if not hasattr(user, "_extranet_is_coordinator"):
        user._extranet_is_coordinator = (
            user.is_superuser or user.groups.filter(name=COORDINATORS_GROUP_NAME).exists()
        )
    return user._extranet_is_coordinator


def must_use_two_factor(user):
    """Coordinators and editors: their accounts open every member's data or the whole site."""
    return is_coordinator(user) or user.has_perm(ADMIN_ACCESS_PERMISSION)


def current_membership(user):
    """The user's membership with its organisation, or None."""
    if not (user.is_authenticated and user.is_active):
        return None
    if not hasattr(user, "_extranet_membership"):
        user._extranet_membership = (
            Membership.objects.current()
            .select_related("organisation")
            .filter(user=user, organisation__is_archived=False)
            .first()
        )
    return user._extranet_membership


def may_use_extranet(user):
    return is_coordinator(user) or current_membership(user) is not None


def organisations_visible_to(user):
    if is_coordinator(user):
        return Organisation.objects.all()
    membership = current_membership(user)
    if membership is None:
        return Organisation.objects.none()
    return Organisation.objects.filter(pk=membership.organisation_id)


def may_manage_members(user, organisation):
    """Invite, resend, revoke, remove: coordinators anywhere, admins in their organisation."""
    if is_coordinator(user):
        return True
    membership = current_membership(user)
    return (
        membership is not None
        and membership.organisation_id == organisation.pk
        and membership.role == MembershipRole.ADMIN
    )


def may_edit_directory_card(user, organisation):
    """The contact shown in the member directory: whoever manages the organisation's members."""
    return may_manage_members(user, organisation)


def may_manage_announcements(user):
    """Announcements speak for the hub to every member: the coordinators write them."""
    return is_coordinator(user)


def roles_grantable_by(user, organisation):
    """Coordinators and organisation admins may make admins as well as members."""
    if may_manage_members(user, organisation):
        return list(MembershipRole)
    return []


def memberships_visible_to(user):
    return Membership.objects.current().filter(organisation__in=organisations_visible_to(user))


def invitations_visible_to(user):
    return Invitation.objects.filter(organisation__in=organisations_visible_to(user))
