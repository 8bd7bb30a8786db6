from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Site search across public pages, at /recherche/."""

    name = "search"
    verbose_name = _("Recherche")
