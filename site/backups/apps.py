from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackupsConfig(AppConfig):
    """`manage.py backup` and `manage.py restore`: the database and every uploaded file."""

    name = "backups"
    verbose_name = _("Sauvegardes")

    def ready(self):
        # Registers the checks of the backup settings (encryption, retention).
        import backups.checks  # noqa: F401
