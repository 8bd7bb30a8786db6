"""Making and restoring a backup: the database dump and the uploaded files, side by side.

A backup is a folder named after its time (UTC, e.g. 20260315-041500), holding:
- database.dump: the database (backups.database);
- media.tar.gz: every file of storages["default"] and storages["private"], read through the
  storage API, so from the local disk or from S3 alike (backups.stored_files);
- manifest.json: when, from which database engine, whether encrypted, how many files. It holds
  no personal data and stays readable, so that a backup can be listed and checked unopened.
With encryption on (backups.encryption) the first two are database.dump.gpg and
media.tar.gz.gpg, and nothing unencrypted is left in the folder.

A backup holds every person's data and the members' private files: the backups' folder and each
backup's folder are 0700, every file 0600 (the owner's alone), whatever the umask and whatever
mode the folder had. A backup is written under `<name>.incomplete` and renamed once whole, so a
folder with a plain name is always a complete backup.

Restoring replaces the site's database and files only when asked to restore the site's own
database; a backup restored into another database (to check it) never touches the live files:
they are left alone, or extracted into a folder the operator names.
"""

import datetime
import json
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone

from backups.database import dump_database, postgres_environment, restore_database
from backups.encryption import (
    GPG_SUFFIX,
    Encryption,
    decrypt_file,
    encrypt_file,
    encrypting_writer,
)
from backups.errors import BackupError
from backups.modes import PRIVATE_DIRECTORY_MODE, make_private, private_umask
from backups.stored_files import (
    check_extraction_folder,
    extract_into_folder,
    restore_into_storages,
    write_archive,
)

__all__ = [
    "BackupError",
    "make_backup",
    "postgres_environment",
    "read_manifest",
    "restore_backup",
    "restore_files",
]

DATABASE_FILE = "database.dump"
FILES_ARCHIVE = "media.tar.gz"
MANIFEST = "manifest.json"
FOLDER_NAME_FORMAT = "%Y%m%d-%H%M%S"
INCOMPLETE_SUFFIX = ".incomplete"
MANIFEST_FORMAT = 2
VENDORS = {"django.db.backends.postgresql": "postgresql", "django.db.backends.sqlite3": "sqlite"}


def default_directory():
    return Path(settings.VAR_DIR) / "backups"


def free_name(directory, now):
    """The new backup's folder name: its time, with a number if a backup has the same second."""
    stamp = now.astimezone(datetime.UTC).strftime(FOLDER_NAME_FORMAT)
    name, number = stamp, 1
    while (directory / name).exists() or (directory / f"{name}{INCOMPLETE_SUFFIX}").exists():
        number += 1
        name = f"{stamp}-{number}"
    return name


def backup_files(manifest):
    """The database dump's and the files archive's names in a backup, given its manifest."""
    suffix = GPG_SUFFIX if manifest.get("encrypted") else ""
    return DATABASE_FILE + suffix, FILES_ARCHIVE + suffix


@contextmanager
def opened_for_writing(path, encryption):
    if encryption.enabled:
        with encrypting_writer(path, encryption) as stream:
            yield stream
    else:
        with open(path, "xb") as stream:
            yield stream


def make_backup(directory=None, alias="default", encryption=None):
    """Write a backup under `directory` (default: var/backups) and return its folder."""
    encryption = encryption or Encryption.from_settings()
    connection = connections[alias]
    directory = Path(directory or default_directory())
    with private_umask():
        directory.mkdir(mode=PRIVATE_DIRECTORY_MODE, parents=True, exist_ok=True)
        # The folder may exist already, made by hand or by an older version with another mode.
        directory.chmod(PRIVATE_DIRECTORY_MODE)
        now = timezone.now()
        name = free_name(directory, now)
        staging = directory / f"{name}{INCOMPLETE_SUFFIX}"
        staging.mkdir(mode=PRIVATE_DIRECTORY_MODE)
        try:
            database_file, files_archive = backup_files({"encrypted": encryption.enabled})
            dump_database(connection.settings_dict, connection.vendor, staging / DATABASE_FILE)
            if encryption.enabled:
                encrypt_file(staging / DATABASE_FILE, staging / database_file, encryption)
                (staging / DATABASE_FILE).unlink()
            with opened_for_writing(staging / files_archive, encryption) as stream:
                counts = write_archive(stream)
            manifest = {
                "format": MANIFEST_FORMAT,
                "made_at": now.astimezone(datetime.UTC).isoformat(),
                "database_engine": connection.vendor,
                "encrypted": encryption.enabled,
                "files": {
                    file_name: (staging / file_name).stat().st_size
                    for file_name in (database_file, files_archive)
                },
                "stored_files": counts,
            }
            (staging / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
            make_private(staging)
            folder = directory / name
            staging.rename(folder)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    return folder


def read_manifest(folder):
    folder = Path(folder)
    if not (folder / MANIFEST).is_file():
        raise BackupError(f"{folder} n'est pas une sauvegarde : {MANIFEST} manque.")
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    missing = [name for name in backup_files(manifest) if not (folder / name).is_file()]
    if missing:
        raise BackupError(
            f"{folder} n'est pas une sauvegarde complète : {', '.join(missing)} manque."
        )
    return manifest


@contextmanager
def readable_files(folder, manifest, *, passphrase="", private_key_file=""):
    """The backup's database dump and files archive, decrypted first if need be.

    Decrypted whole into a private temporary folder (TMPDIR) before anything is restored: gpg
    checks a file's integrity only once it has read all of it.
    """
    folder = Path(folder)
    database_file, files_archive = backup_files(manifest)
    if not manifest.get("encrypted"):
        yield folder / database_file, folder / files_archive
        return
    with private_umask():
        staging = Path(tempfile.mkdtemp(prefix="sauvegarde-dechiffree-"))
    try:
        with private_umask():
            for encrypted, plain in [
                (database_file, DATABASE_FILE),
                (files_archive, FILES_ARCHIVE),
            ]:
                decrypt_file(
                    folder / encrypted,
                    staging / plain,
                    passphrase=passphrase,
                    private_key_file=private_key_file,
                )
        yield staging / DATABASE_FILE, staging / FILES_ARCHIVE
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def vendor_of(database):
    return VENDORS.get(database["ENGINE"], database["ENGINE"])


def restore_backup(folder, *, database=None, files_to=None, passphrase=None, private_key_file=""):
    """Put a backup back; say where its files went.

    database None: the site's own database, and the files into the site's own storages, each
    replaced as a whole. `database` (a settings dict, e.g. from a URL): that database only; the
    site's files are left alone. `files_to`: the files go into that folder instead, in either
    case. The database is restored first: if it fails, no file has been touched.
    """
    manifest = read_manifest(folder)
    if database is None:
        connections["default"].close()
        database = settings.DATABASES["default"]
        files_into_storages = files_to is None
    else:
        files_into_storages = False
    vendor = vendor_of(database)
    if manifest["database_engine"] != vendor:
        raise BackupError(
            f"Cette sauvegarde est celle d'une base {manifest['database_engine']} ; "
            f"la base visée est {vendor}."
        )
    if files_to is not None:
        check_extraction_folder(files_to)
    if passphrase is None:
        passphrase = settings.BACKUP_ENCRYPTION_PASSPHRASE
    with readable_files(
        folder, manifest, passphrase=passphrase, private_key_file=private_key_file
    ) as (dump, archive):
        restore_database(dump, database, vendor)
        if files_into_storages:
            restore_into_storages(archive)
            return "storages"
        if files_to is not None:
            extract_into_folder(archive, files_to)
            return "folder"
    return None


def restore_files(folder, *, passphrase=None, private_key_file=""):
    """Put only the backup's files back, into the site's own storages (no database)."""
    manifest = read_manifest(folder)
    if passphrase is None:
        passphrase = settings.BACKUP_ENCRYPTION_PASSPHRASE
    with readable_files(
        folder, manifest, passphrase=passphrase, private_key_file=private_key_file
    ) as (_dump, archive):
        restore_into_storages(archive)
