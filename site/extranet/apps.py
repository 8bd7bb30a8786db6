from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExtranetConfig(AppConfig):
    """The member extranet: organisations, resources, ESS project holders (issue 5)."""

    name = "extranet"
    verbose_name = _("Extranet des membres")
