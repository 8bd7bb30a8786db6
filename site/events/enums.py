from django.db import models
from django.utils.translation import gettext_lazy as _


class EventType(models.TextChoices):
    SPONSORSHIP = "parrainage", _("Rencontre de parrainage")
    JOB_FAIR = "rencontres-emploi", _("Rencontres pour l'emploi")
    BRANCH_PRESENTATION = "presentation-branche", _("Présentation d'une branche professionnelle")
    TRAINING = "formation", _("Formation")
    WORKSHOP = "atelier", _("Atelier")
    INFORMATION = "information-collective", _("Information collective")


class Audience(models.TextChoices):
    JOB_SEEKERS = "demandeurs", _("Personnes qui cherchent un emploi")
    COMPANIES = "entreprises", _("Entreprises")
    MEMBERS = "membres", _("Membres du réseau")
    EVERYONE = "tous", _("Tout le monde")


class EventStatus(models.TextChoices):
    SCHEDULED = "prevu", _("Prévu")
    CANCELLED = "annule", _("Annulé")
    POSTPONED = "reporte", _("Reporté")
    MOVED_ONLINE = "en-ligne", _("Passé en ligne")


class Recurrence(models.TextChoices):
    """How an event repeats; each maps to a python-dateutil rrule (see events.recurrence)."""

    NONE = "", _("Ne se répète pas")
    WEEKLY = "hebdomadaire", _("Chaque semaine, le même jour")
    MONTHLY_BY_WEEKDAY = (
        "mensuel-jour",
        _("Chaque mois, le même jour de la semaine (ex. le 2e mardi)"),
    )
    MONTHLY_BY_DATE = "mensuel-date", _("Chaque mois, à la même date")
