from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The home page and the editorial pages (standard pages)."""

    name = "home"
    verbose_name = _("Accueil et pages éditoriales")
