"""`manage.py restore <folder>`: put a backup back (backups.archive.restore_backup).

Without --database-url: the site's own database, then the site's own files (storages "default"
and "private", on disk or in S3), each replaced as a whole. With --database-url: that database
only (a fresh one, to check a backup); the site's files are never touched. --files-to puts the
backup's files into a new or empty folder instead, in either case. An encrypted backup is opened
with BACKUP_ENCRYPTION_PASSPHRASE or --decryption-key. docs/backups.md says it all.
"""

import environ
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from backups.archive import restore_backup
from backups.errors import BackupError


class Command(BaseCommand):
    help = "Restaure une sauvegarde : la base de données, puis les fichiers déposés."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="Le dossier de la sauvegarde (var/backups/…).")
        parser.add_argument(
            "--database-url",
            default="",
            help="Restaurer dans cette base plutôt que dans celle du site ; les fichiers du "
            "site ne sont alors pas touchés.",
        )
        parser.add_argument(
            "--files-to",
            default=None,
            help="Extraire les fichiers de la sauvegarde dans ce dossier (nouveau ou vide) "
            "plutôt que dans les stockages du site.",
        )
        parser.add_argument(
            "--decryption-key",
            default="",
            help="Clé privée OpenPGP (gpg --export-secret-keys --armor) d'une sauvegarde "
            "chiffrée pour une clé publique.",
        )
        parser.add_argument("--yes", action="store_true", help="Ne pas demander de confirmation.")

    def handle(self, *args, folder, database_url, files_to, decryption_key, yes, **options):
        if database_url:
            database = environ.Env.db_url_config(database_url)
            files = f"les fichiers vont dans {files_to}" if files_to else "fichiers non restaurés"
        else:
            database = None
            files = (
                f"les fichiers vont dans {files_to}"
                if files_to
                else "les fichiers déposés du site sont remplacés"
            )
        name = (database or settings.DATABASES["default"])["NAME"]
        question = f"Remplacer la base {name} par {folder} ({files}) ? [oui/non] "
        if not yes and input(question).strip().lower() not in {"o", "oui", "y", "yes"}:
            raise CommandError("Restauration annulée.")
        try:
            restore_backup(
                folder, database=database, files_to=files_to, private_key_file=decryption_key
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Base {name} restaurée depuis {folder} ; {files}.")
