from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackupsConfig(AppConfig):
    """`manage.py backup` and `manage.py restore`: the database and every uploaded file."""

    name = "backups"
    verbose_name = _("Sauvegardes")
