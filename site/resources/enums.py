"""The resources' vocabulary: what kind of document it is, and who may see it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ResourceKind(models.TextChoices):
    GUIDE = "guide", _("Guide")
    TEMPLATE = "modele", _("Modèle")
    MINUTES = "compte_rendu", _("Compte-rendu")
    TRAINING_MATERIAL = "support_formation", _("Support de formation")
    TOOL = "outil", _("Outil")
    OTHER = "autre", _("Autre")


class Audience(models.TextChoices):
    """Who sees a resource, besides the hub's coordinators and the owning organisation.

    The labels read from the resource's side (« Visible par : … »), whoever reads them: the
    extranet's form says « Mon organisation uniquement » to the owning organisation's members
    only (resources.forms.audience_label).
    """

    ALL_MEMBERS = "membres", _("Tous les membres")
    ORGANISATION = "organisation", _("L'organisation qui la partage")
    # The organisations in Resource.shared_with.
    CHOSEN_ORGANISATIONS = "organisations", _("Organisations choisies")
    COORDINATORS = "coordinateurs", _("Les coordinateurs uniquement")
