"""What happens to invitations and memberships: invite, resend, revoke, accept, remove.

The views call these; each runs in one transaction, and e-mails leave from a background task once
it has committed, so that an invitation is saved even when the mail server is down.
"""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from extranet.models import Invitation, Membership
from extranet.permissions import is_coordinator
from extranet.tasks import send_invitation


class InvitationRefused(Exception):
    """Already used, revoked, or the person already belongs to an organisation."""


def queue_invitation_email(invitation):
    invitation_id, key = invitation.pk, invitation.key
    transaction.on_commit(lambda: send_invitation.enqueue(invitation_id, key), robust=True)


@transaction.atomic
def invite(form, invited_by):
    invitation = form.save(commit=False)
    invitation.invited_by = invited_by
    invitation.save()
    queue_invitation_email(invitation)
    return invitation


@transaction.atomic
def resend(invitation):
    invitation.renew()
    invitation.save(update_fields=["key", "expires_at", "sent_at"])
    queue_invitation_email(invitation)


@transaction.atomic
def revoke(invitation, revoked_by):
    invitation.revoked_at = timezone.now()
    invitation.revoked_by = revoked_by
    invitation.save(update_fields=["revoked_at", "revoked_by"])


@transaction.atomic
def accept(invitation, first_name, last_name, password):
    """The account (new, or a former member's reopened), its verified address, its membership."""
    # Locks the invitation: two clicks on the link cannot create two accounts.
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at or invitation.revoked_at:
        raise InvitationRefused
    user_model = get_user_model()
    user = user_model.objects.filter(email__iexact=invitation.email).first()
    if user is None:
        user = user_model(username=invitation.email, email=invitation.email)
    elif Membership.objects.current().filter(user=user).exists():
        raise InvitationRefused
    user.first_name = first_name
    user.last_name = last_name
    user.is_active = True
    user.set_password(password)
    user.save()
    # The link came to this address: it is verified, allauth will not ask again.
    EmailAddress.objects.filter(user=user).exclude(email__iexact=invitation.email).update(
        primary=False
    )
    EmailAddress.objects.update_or_create(
        user=user,
        email__iexact=invitation.email,
        defaults={"email": invitation.email, "verified": True, "primary": True},
    )
    Membership.objects.create(user=user, organisation=invitation.organisation, role=invitation.role)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return user


@transaction.atomic
def remove_member(membership, removed_by):
    """End the membership; close the account if the person belongs nowhere else.

    What they shared stays with the organisation: only the membership ends, nothing is deleted.
    """
    membership.ended_at = timezone.now()
    membership.ended_by = removed_by
    membership.save(update_fields=["ended_at", "ended_by"])
    user = membership.user
    if not Membership.objects.current().filter(user=user).exists() and not is_coordinator(user):
        user.is_active = False
        user.save(update_fields=["is_active"])
