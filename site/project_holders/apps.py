from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectHoldersConfig(AppConfig):
    """Social-economy (ESS) project holders registered by members, followed to the end (issue 5)."""

    name = "project_holders"
    verbose_name = _("Porteurs de projets ESS")
