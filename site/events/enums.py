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


class OccurrenceRegistration(models.TextChoices):
    """Whether one date takes registrations, when it differs from its event."""

    AS_EVENT = "", _("Comme l'événement")
    OPEN = "ouverte", _("Inscription pour cette date")
    NONE = "aucune", _("Pas d'inscription pour cette date")


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmee", _("Confirmée")
    WAITLISTED = "attente", _("En liste d'attente")
    CANCELLED = "annulee", _("Annulée")


class ConsentMethod(models.TextChoices):
    """How a registrant's consent was collected: online by themselves, or by a member for them."""

    ONLINE = "en-ligne", _("En ligne, par la personne")
    ORALLY = "oral", _("À l'oral, recueilli par un membre")
    ON_PAPER = "papier", _("Sur papier, recueilli par un membre")


class RegistrationState(models.TextChoices):
    """Whether a date takes registrations now, and if not, why (shown to visitors)."""

    NOT_NEEDED = "sans-inscription", _("Sans inscription")
    NOT_YET_OPEN = "pas-encore", _("Les inscriptions ne sont pas encore ouvertes")
    OPEN = "ouvertes", _("Inscriptions ouvertes")
    CLOSED = "closes", _("Les inscriptions sont closes")
    CANCELLED = "annule", _("Pas d'inscription : cette date est annulée ou reportée")
