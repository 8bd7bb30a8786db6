"""`manage.py restore <folder>`: put a backup back — the database, then the uploaded files.

Replaces what is there. Into the site's own database by default, or into another one with
--database-url (a fresh PostgreSQL database, to check a backup without touching the site).
"""

import environ
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from backups.archive import BackupError, restore_backup

VENDORS = {"django.db.backends.postgresql": "postgresql", "django.db.backends.sqlite3": "sqlite"}


class Command(BaseCommand):
    help = "Restaure une sauvegarde : la base de données, puis les fichiers déposés."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="Le dossier de la sauvegarde (var/backups/…).")
        parser.add_argument(
            "--database-url",
            default="",
            help="Restaurer dans cette base plutôt que dans celle du site.",
        )
        parser.add_argument("--yes", action="store_true", help="Ne pas demander de confirmation.")

    def handle(self, *args, folder, database_url, yes, **options):
        if database_url:
            database = environ.Env.db_url_config(database_url)
        else:
            connections["default"].close()
            database = settings.DATABASES["default"]
        vendor = VENDORS.get(database["ENGINE"], database["ENGINE"])
        question = (
            f"Remplacer la base {database['NAME']} et les fichiers déposés par {folder} ? "
            "[oui/non] "
        )
        if not yes and input(question).strip().lower() not in {"o", "oui", "y", "yes"}:
            raise CommandError("Restauration annulée.")
        try:
            restore_backup(folder, database, vendor)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restauré depuis {folder}.")
