from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    COMPANY = "entreprise", _("Entreprise")
    INSERTION = "insertion", _("Structure d'insertion")
    LOCAL_AUTHORITY = "collectivite", _("Collectivité")
    ASSOCIATION = "association", _("Association")
    TRAINING = "formation", _("Organisme de formation")
    OTHER = "autre", _("Autre")
