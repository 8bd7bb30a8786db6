"""Who belongs to which member organisation, and the invitations that bring them in."""

import datetime
import secrets

from django.conf import settings
from django.core import signing
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from extranet.enums import InvitationStatus, MembershipRole

INVITATION_VALID_DAYS = 14
# Namespaces the signature: a token signed for something else never opens an invitation.
INVITATION_TOKEN_SALT = "extranet.invitation"  # noqa: S105 (a namespace, not a secret)


class MembershipQuerySet(models.QuerySet):
    def current(self):
        return self.filter(ended_at__isnull=True)

    def admins(self):
        return self.filter(role=MembershipRole.ADMIN)


class Membership(models.Model):
    """A person's place in one member organisation, and their role there.

    In the extranet app rather than in organisations: organisations are shared with the public
    site (employers named on offers), which knows nothing of accounts; memberships exist only for
    the extranet. A person belongs to one organisation at a time (a database constraint). Removing
    a member ends the membership (ended_at) instead of deleting it, so that what they shared stays
    attributed to the organisation and the history says who was a member, and when.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("Personne"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("Organisation"),
    )
    role = models.CharField(
        max_length=10,
        choices=MembershipRole.choices,
        default=MembershipRole.MEMBER,
        verbose_name=_("Rôle"),
    )
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("Membre depuis le"))
    ended_at = models.DateTimeField(null=True, blank=True, verbose_name=_("Retiré le"))
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Retiré par"),
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("Appartenance")
        verbose_name_plural = _("Appartenances")
        ordering = ["user__last_name", "user__first_name", "user__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(ended_at__isnull=True),
                name="one_current_membership_per_user",
                violation_error_message=_("Cette personne est déjà membre d'une organisation."),
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.organisation}"

    @property
    def is_admin(self):
        return self.role == MembershipRole.ADMIN


def new_invitation_key():
    return secrets.token_urlsafe(16)


def invitation_expiry():
    return timezone.now() + datetime.timedelta(days=INVITATION_VALID_DAYS)


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        """Neither accepted nor revoked: expired ones included, since they can be resent."""
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True)


class Invitation(models.Model):
    """An e-mail inviting someone into an organisation, with a role, valid for 14 days.

    The link carries a signed token (the invitation's id and its key). Resending draws a new key
    and a new expiry, so that the link of the earlier e-mail stops working; accepting or revoking
    closes the invitation for good (single use).
    """

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("Organisation"),
    )
    # Stored in lower case (the form does it) so that the constraint below sees one address.
    email = models.EmailField(verbose_name=_("Adresse e-mail"))
    role = models.CharField(
        max_length=10,
        choices=MembershipRole.choices,
        default=MembershipRole.MEMBER,
        verbose_name=_("Rôle"),
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Invitée par"),
    )
    key = models.CharField(max_length=32, default=new_invitation_key, editable=False)
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("Créée le"))
    expires_at = models.DateTimeField(default=invitation_expiry, verbose_name=_("Expire le"))
    sent_at = models.DateTimeField(null=True, blank=True, verbose_name=_("Envoyée le"))
    accepted_at = models.DateTimeField(null=True, blank=True, verbose_name=_("Acceptée le"))
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Acceptée par"),
    )
    revoked_at = models.DateTimeField(null=True, blank=True, verbose_name=_("Révoquée le"))
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Révoquée par"),
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("Invitation")
        verbose_name_plural = _("Invitations")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "email"],
                condition=models.Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="one_pending_invitation_per_address_and_organisation",
                violation_error_message=_(
                    "Une invitation attend déjà cette adresse : renvoyez-la plutôt."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.email} → {self.organisation}"

    @property
    def status(self):
        if self.revoked_at:
            return InvitationStatus.REVOKED
        if self.accepted_at:
            return InvitationStatus.ACCEPTED
        if self.expires_at <= timezone.now():
            return InvitationStatus.EXPIRED
        return InvitationStatus.PENDING

    @property
    def token(self):
        return signing.dumps([self.pk, self.key], salt=INVITATION_TOKEN_SALT)

    @staticmethod
    def unsign_token(token):
        """(id, key) from a link's token; signing.BadSignature when it was tampered with."""
        value = signing.loads(token, salt=INVITATION_TOKEN_SALT)
        if not (isinstance(value, list) and len(value) == 2 and isinstance(value[0], int)):
            raise signing.BadSignature("Not an invitation token.")
        return value[0], str(value[1])

    def renew(self):
        """A new key and a new expiry: the earlier e-mail's link stops working."""
        self.key = new_invitation_key()
        self.expires_at = invitation_expiry()
        self.sent_at = None


class AnnouncementQuerySet(models.QuerySet):
    def current(self, today):
        """Still to be shown on `today` (the last day they say is included), newest first."""
        return self.filter(
            models.Q(visible_until__isnull=True) | models.Q(visible_until__gte=today)
        ).newest_first()

    def newest_first(self):
        return self.order_by("-created_at", "-pk")


class Announcement(models.Model):
    """A short word from the coordinators to every member, on top of the extranet's home.

    Plain text (shown with its line breaks, never as markup), an optional link, and an optional
    last day after which it leaves the home page by itself.
    """

    title = models.CharField(max_length=150, verbose_name=_("Titre"))
    text = models.TextField(max_length=1500, verbose_name=_("Texte"))
    link = models.URLField(max_length=500, blank=True, verbose_name=_("Lien"))
    visible_until = models.DateField(null=True, blank=True, verbose_name=_("Visible jusqu'au"))
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("Publiée le"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Publiée par"),
    )
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("Modifiée le"))

    objects = AnnouncementQuerySet.as_manager()

    class Meta:
        verbose_name = _("Annonce")
        verbose_name_plural = _("Annonces")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(title=""), name="announcement_has_a_title"),
            models.CheckConstraint(condition=~models.Q(text=""), name="announcement_has_a_text"),
        ]

    def __str__(self):
        return self.title
