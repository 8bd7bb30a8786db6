"""`manage.py backup`: dump the database, archive every stored file, delete expired backups.

Run daily (deploy/systemd/dynamique-emploi-backup.timer, after the jobs that erase personal
data) and copy var/backups/ off the server: a backup on the same disk survives a mistake, not a
lost disk. The first line printed is the new backup's folder; then come the backups deleted
because they were made BACKUP_RETENTION_DAYS days ago or more (backups.rotation).
`--list` only lists the backups, and when each will be deleted; `--find TEXT` lists those that
still hold a text (a name erased from the site) and fails if any does. docs/backups.md.
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from backups.archive import default_directory, make_backup, read_manifest
from backups.contents import backups_holding
from backups.errors import BackupError
from backups.rotation import rotate, stored_backups


def megabytes(size):
    return f"{size / 1_000_000:.1f} Mo".replace(".", ",")


class Command(BaseCommand):
    help = (
        "Sauvegarde la base de données et les fichiers déposés, puis supprime les sauvegardes "
        "de plus de BACKUP_RETENTION_DAYS jours."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--directory",
            default=str(default_directory()),
            help="Dossier des sauvegardes (un sous-dossier daté par sauvegarde).",
        )
        parser.add_argument(
            "--list",
            action="store_true",
            dest="list_only",
            help="Lister les sauvegardes et leur date de suppression, sans rien sauvegarder.",
        )
        parser.add_argument(
            "--find",
            default="",
            metavar="TEXTE",
            help="Lister les sauvegardes qui contiennent ce texte (un nom, une adresse), sans "
            "rien sauvegarder ; échoue s'il y en a.",
        )

    def handle(self, *args, directory, list_only, find, **options):
        keep_days = settings.BACKUP_RETENTION_DAYS
        if list_only:
            self.list_backups(directory, keep_days)
            return
        if find:
            self.find(directory, find)
            return
        try:
            folder = make_backup(directory)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(folder))
        today = timezone.now().astimezone(datetime.UTC).date()
        for deleted in rotate(directory, keep_days, newest=folder, today=today):
            self.stdout.write(f"Supprimée (plus de {keep_days} jours) : {deleted}")

    def find(self, directory, text):
        try:
            holding = backups_holding(text, directory)
        except BackupError as error:
            raise CommandError(str(error)) from error
        if not holding:
            self.stdout.write("Aucune sauvegarde ne contient ce texte.")
            return
        for folder in holding:
            self.stdout.write(str(folder))
        raise CommandError(f"{len(holding)} sauvegarde(s) contiennent encore ce texte.")

    def list_backups(self, directory, keep_days):
        backups = stored_backups(directory)
        if not backups:
            self.stdout.write(f"Aucune sauvegarde dans {directory}.")
        for backup in backups:
            if not backup.complete:
                self.stdout.write(f"{backup.path}  incomplète (sauvegarde interrompue)")
                continue
            try:
                manifest = read_manifest(backup.path)
            except BackupError as error:
                self.stdout.write(f"{backup.path}  illisible : {error}")
                continue
            size = sum(manifest["files"].values())
            encrypted = "chiffrée" if manifest.get("encrypted") else "non chiffrée"
            deleted_from = backup.deleted_from(keep_days).isoformat()
            self.stdout.write(
                f"{backup.path}  {megabytes(size)}  {encrypted}  "
                f"supprimée par la sauvegarde du {deleted_from} ou d'après"
            )
