from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every public page shares: page mixins, design-system blocks, site settings."""

    name = "core"
    verbose_name = _("Socle commun")
