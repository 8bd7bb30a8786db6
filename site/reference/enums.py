from django.db import models
from django.utils.translation import gettext_lazy as _


class RomeDomain(models.TextChoices):
    """The 14 « grands domaines » of France Travail's ROME 4.0, by their letter."""

    A = "A", _("Agriculture et pêche, espaces naturels et espaces verts, soins aux animaux")
    B = "B", _("Arts et façonnage d'ouvrages d'art")
    C = "C", _("Banque, assurance, immobilier")
    D = "D", _("Commerce, vente et grande distribution")
    E = "E", _("Communication, média et multimédia")
    F = "F", _("Construction, bâtiment et travaux publics")
    G = "G", _("Hôtellerie-restauration, tourisme, loisirs et animation")
    H = "H", _("Industrie")
    I = "I", _("Installation et maintenance")  # noqa: E741 (the ROME's own letter)
    J = "J", _("Santé")
    K = "K", _("Services à la personne et à la collectivité")
    L = "L", _("Spectacle")
    M = "M", _("Support à l'entreprise")
    N = "N", _("Transport et logistique")
