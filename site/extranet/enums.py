"""The extranet's vocabulary: roles in an organisation, states of an invitation."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MembershipRole(models.TextChoices):
    ADMIN = "admin", _("Administrateur de l'organisation")
    MEMBER = "membre", _("Membre")


class InvitationStatus(models.TextChoices):
    PENDING = "en_attente", _("En attente")
    EXPIRED = "expiree", _("Expirée")
    ACCEPTED = "acceptee", _("Acceptée")
    REVOKED = "revoquee", _("Révoquée")
