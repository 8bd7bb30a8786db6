"""The vocabulary of ESS project holders: who they are, where their project stands, consent."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AgeBand(models.TextChoices):
    UNDER_26 = "moins-26", _("Moins de 26 ans")
    FROM_26_TO_44 = "26-44", _("26 à 44 ans")
    FROM_45_TO_59 = "45-59", _("45 à 59 ans")
    OVER_60 = "60-plus", _("60 ans et plus")


class ProjectStage(models.TextChoices):
    IDEA = "idee", _("Idée")
    STUDY = "etude", _("Étude")
    CREATION = "creation", _("Création")
    DEVELOPMENT = "developpement", _("Développement")


class LegalForm(models.TextChoices):
    ASSOCIATION = "association", _("Association")
    SCOP = "scop", _("SCOP")
    SCIC = "scic", _("SCIC")
    SAS_ESUS = "sas-esus", _("SAS agréée ESUS")
    OTHER = "autre", _("Autre ou pas encore choisie")


class Need(models.TextChoices):
    FUNDING = "financement", _("Financement")
    LEGAL = "juridique", _("Juridique")
    PREMISES = "local", _("Local")
    NETWORK = "reseau", _("Réseau")
    TRAINING = "formation", _("Formation")
    COMMUNICATION = "communication", _("Communication")
    OTHER = "autre", _("Autre")


class HolderStatus(models.TextChoices):
    """The pipeline. Self-registrations start « à qualifier »; members' registrations « reçu »."""

    TO_QUALIFY = "a-qualifier", _("À qualifier")
    RECEIVED = "recu", _("Reçu")
    DIAGNOSIS = "diagnostic", _("Diagnostic")
    SUPPORTED = "accompagne", _("Accompagné")
    CLOSED = "cloture", _("Clôturé")


class Outcome(models.TextChoices):
    """How a closed project ended."""

    STRUCTURE_CREATED = "structure-creee", _("Structure créée")
    REDIRECTED = "reoriente", _("Réorienté")
    ABANDONED = "abandonne", _("Abandonné")


# Closing with these outcomes means the hub supported the person (see supported_on).
SUPPORTED_OUTCOMES = (Outcome.STRUCTURE_CREATED, Outcome.REDIRECTED)


class ConsentMethod(models.TextChoices):
    ORALLY = "oral", _("Oralement")
    ON_PAPER = "papier", _("Sur papier")
    ONLINE = "en-ligne", _("En ligne")
