"""`manage.py backup`: dump the database and archive every uploaded file (see backups.archive).

Run it daily from cron (README) and copy var/backups/ off the server: a backup on the same disk
survives a mistake, not a lost disk.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from backups.archive import BackupError, make_backup


class Command(BaseCommand):
    help = "Sauvegarde la base de données et les fichiers déposés."

    def add_arguments(self, parser):
        parser.add_argument(
            "--directory",
            default=str(Path(settings.VAR_DIR) / "backups"),
            help="Dossier où écrire la sauvegarde (un sous-dossier daté par sauvegarde).",
        )

    def handle(self, *args, directory, **options):
        try:
            folder = make_backup(directory)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(folder))
