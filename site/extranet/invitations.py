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
    invitation_id = invitation.pk
    transaction.on_commit(lambda: send_invitation.enqueue(invitation_id), robust=True)


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


def existing_account(invitation):
    """The account that already uses the invited address, or None."""
    return get_user_model().objects.filter(email__iexact=invitation.email).first()


def lock_pending(invitation):
    """The invitation, locked: two clicks on the link cannot accept it twice."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at or invitation.revoked_at:
        raise InvitationRefused
    return invitation


def verify_address(user, email):
    """The link came to this address: it is verified, allauth will not ask again."""
    EmailAddress.objects.filter(user=user).exclude(email__iexact=email).update(primary=False)
    EmailAddress.objects.update_or_create(
        user=user, email__iexact=email, defaults={"email": email, "verified": True, "primary": True}
    )


def close(invitation, user):
    Membership.objects.create(user=user, organisation=invitation.organisation, role=invitation.role)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])


@transaction.atomic
def accept(invitation, first_name, last_name, password):
    """A new account for the invited address, its verified address and its membership.

    Only for an address no account uses: an existing account joins with join(), which never
    touches its password.
    """
    invitation = lock_pending(invitation)
    if existing_account(invitation) is not None:
        raise InvitationRefused
    user = get_user_model()(
        username=invitation.email,
        email=invitation.email,
        first_name=first_name,
        last_name=last_name,
    )
    user.set_password(password)
    user.save()
    verify_address(user, invitation.email)
    close(invitation, user)
    return user


@transaction.atomic
def join(invitation):
    """The existing account of the invited address joins the organisation.

    Its password stays as it is and nobody is signed in: the person then signs in through the
    sign-in page, with their own password and, for coordinators and editors, their code. Whoever
    holds the link (an organisation admin may invite any address) gains nothing more. A former
    member's closed account is reopened, since the link reached its address.
    """
    invitation = lock_pending(invitation)
    user = existing_account(invitation)
    if user is None or Membership.objects.current().filter(user=user).exists():
        raise InvitationRefused
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    verify_address(user, invitation.email)
    close(invitation, user)
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
