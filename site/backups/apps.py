from django.apps import AppConfig


class BackupsConfig(AppConfig):
    """`manage.py backup` and `manage.py restore`: the database and every uploaded file."""

    name = "backups"
    verbose_name = "Sauvegardes"
