from django.db import models
from django.utils.translation import gettext_lazy as _


class ContractType(models.TextChoices):
    CDI = "cdi", _("CDI")
    CDD = "cdd", _("CDD")
    TEMPORARY = "interim", _("Intérim")
    APPRENTICESHIP = "apprentissage", _("Apprentissage")
    PROFESSIONALISATION = "professionnalisation", _("Contrat de professionnalisation")
    INSERTION = "cddi", _("CDDI / insertion par l'activité économique")
    PEC = "pec", _("Parcours emploi compétences (PEC)")
    SEASONAL = "saisonnier", _("Saisonnier")
    INTERNSHIP = "stage", _("Stage")
    CIVIC_SERVICE = "service-civique", _("Service civique")

    @classmethod
    def fixed_term(cls):
        """Contracts with an end date, whose duration an offer must state."""
        return {
            cls.CDD,
            cls.TEMPORARY,
            cls.APPRENTICESHIP,
            cls.PROFESSIONALISATION,
            cls.INSERTION,
            cls.PEC,
            cls.SEASONAL,
            cls.INTERNSHIP,
            cls.CIVIC_SERVICE,
        }


class WorkingTime(models.TextChoices):
    FULL_TIME = "temps-plein", _("Temps plein")
    PART_TIME = "temps-partiel", _("Temps partiel")


class SalaryPeriod(models.TextChoices):
    HOUR = "heure", _("de l'heure")
    MONTH = "mois", _("par mois")
    YEAR = "an", _("par an")


class FrenchLevel(models.TextChoices):
    NONE = "aucun", _("Pas de niveau demandé")
    SPOKEN = "oral", _("Comprendre et parler le français")
    READ_WRITE = "ecrit", _("Lire et écrire le français")


class ApplicationMethod(models.TextChoices):
    ADVISERS = (
        "conseillers",
        _("Par les conseillers de la Plateforme (formulaire « Ça m'intéresse »)"),
    )
    EXTERNAL_LINK = "lien", _("Sur le site de l'employeur (lien)")
    EMAIL = "email", _("Par e-mail à l'employeur")


class OfferStatus(models.TextChoices):
    """What a visitor is told about an offer; derived, never stored."""

    OPEN = "ouverte", _("Offre ouverte")
    EXPIRED = "expiree", _("Offre expirée")
    FILLED = "pourvue", _("Poste pourvu")
