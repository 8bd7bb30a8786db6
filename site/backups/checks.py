"""`manage.py check` says at deployment what would make the nightly backup fail or mislead.

Encryption asked for but impossible (no gpg, no key file) would otherwise surface at 04:30, as a
failed job; a backup retention longer than the shortest personal-data retention keeps erased data
in the backups longer than it was ever kept in the site.
"""

import shutil
from pathlib import Path

from django.conf import settings
from django.core import checks


@checks.register()
def backup_settings(app_configs, **kwargs):
    problems = []
    key_file = settings.BACKUP_ENCRYPTION_KEY_FILE
    encrypted = bool(key_file or settings.BACKUP_ENCRYPTION_PASSPHRASE)
    if encrypted and shutil.which("gpg") is None:
        problems.append(
            checks.Error(
                "Les sauvegardes doivent être chiffrées mais gpg n'est pas installé.",
                hint="apt install gpg, ou videz BACKUP_ENCRYPTION_KEY_FILE et "
                "BACKUP_ENCRYPTION_PASSPHRASE.",
                id="backups.E001",
            )
        )
    if key_file and not Path(key_file).is_file():
        problems.append(
            checks.Error(
                f"BACKUP_ENCRYPTION_KEY_FILE ne désigne aucun fichier lisible : {key_file}.",
                hint="Exportez la clé publique : gpg --export --armor <id> > fichier.",
                id="backups.E002",
            )
        )
    keep_days = settings.BACKUP_RETENTION_DAYS
    if keep_days < 0:
        message = "BACKUP_RETENTION_DAYS ne peut pas être négatif."
        problems.append(checks.Error(message, id="backups.E003"))
    shortest = min(settings.INTEREST_RETENTION_DAYS, settings.EVENT_REGISTRATION_RETENTION_DAYS)
    if keep_days > shortest:
        problems.append(
            checks.Warning(
                f"Les sauvegardes sont gardées {keep_days} jours, plus "
                f"longtemps que des données personnelles dans le site ({shortest} jours).",
                hint="Une donnée effacée reste BACKUP_RETENTION_DAYS jours dans les sauvegardes "
                "(docs/backups.md) : réduisez-le.",
                id="backups.W001",
            )
        )
    return problems
