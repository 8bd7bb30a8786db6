from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessibilityConformance(models.TextChoices):
    """The three RGAA conformity levels a public site must state on every page."""

    FULL = "totalement", _("totalement conforme")
    PARTIAL = "partiellement", _("partiellement conforme")
    NONE = "non", _("non conforme")
