"""Making and restoring a backup: the database dump and the uploaded files, side by side.

A backup is a directory named after its time (UTC), holding:
- database.dump: `pg_dump --format=custom` on PostgreSQL (restored with pg_restore, which can
  rebuild a fresh, empty database), or a consistent copy made with SQLite's backup API;
- media.tar.gz: the public uploads (MEDIA_ROOT: images, documents) and the private files
  members share (PRIVATE_MEDIA_ROOT), as two top-level folders `media/` and `private/`;
- manifest.json: when, from which database engine, and the files' sizes.
A backup holds every person's data and the members' private files: its folder is 0700 and its
files 0600 (the owner's alone), whatever the umask; restored private files are too.
The PostgreSQL tools are called with the connection's settings in their environment (PGHOST,
PGPASSWORD…), never on the command line, so that no password shows in the process list.
"""

import datetime
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.db import connections

DATABASE_FILE = "database.dump"
FILES_ARCHIVE = "media.tar.gz"
MANIFEST = "manifest.json"
# The backup's, and the restored private files': readable by the account that runs the site only.
PRIVATE_DIRECTORY_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


class BackupError(Exception):
    """Something prevents the backup or the restore; the message says what."""


def file_roots():
    """The folders of uploaded files, by the name they take inside the archive."""
    return {"media": Path(settings.MEDIA_ROOT), "private": Path(settings.PRIVATE_MEDIA_ROOT)}


def postgres_environment(database):
    environment = dict(os.environ)
    for variable, key in [
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ]:
        value = database.get(key)
        if value:
            environment[variable] = str(value)
    return environment


def run(command, environment):
    result = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)  # noqa: S603 (fixed programs, no shell)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def dump_database(database, vendor, target):
    if vendor == "postgresql":
        run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"],
            postgres_environment(database),
        )
    elif vendor == "sqlite":
        source = sqlite3.connect(database["NAME"])
        copy = sqlite3.connect(target)
        with copy:
            source.backup(copy)
        copy.close()
        source.close()
    else:
        raise BackupError(f"No backup for the {vendor} database engine.")


def make_backup(directory, alias="default"):
    """Write a backup under `directory` and return its folder."""
    connection = connections[alias]
    directory = Path(directory)
    # An existing directory keeps the mode its owner gave it; a new one is private.
    directory.mkdir(mode=PRIVATE_DIRECTORY_MODE, parents=True, exist_ok=True)
    folder = directory / datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M%S")
    folder.mkdir(mode=PRIVATE_DIRECTORY_MODE, exist_ok=False)
    # mkdir's mode goes through the umask; this one does not. Nobody else may enter the folder
    # from now on, so the files are private even before their own chmod below.
    folder.chmod(PRIVATE_DIRECTORY_MODE)
    dump_database(connection.settings_dict, connection.vendor, folder / DATABASE_FILE)
    with tarfile.open(folder / FILES_ARCHIVE, "w:gz") as archive:
        for name, root in file_roots().items():
            if root.exists():
                archive.add(root, arcname=name)
            else:
                archive.addfile(_directory_info(name))
    manifest = {
        "made_at": datetime.datetime.now(datetime.UTC).isoformat(),
        "database_engine": connection.vendor,
        "files": {
            path.name: path.stat().st_size
            for path in (folder / DATABASE_FILE, folder / FILES_ARCHIVE)
        },
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    for name in (DATABASE_FILE, FILES_ARCHIVE, MANIFEST):
        (folder / name).chmod(PRIVATE_FILE_MODE)
    return folder


def make_private(root):
    """`root` and everything under it readable by their owner only."""
    root.chmod(PRIVATE_DIRECTORY_MODE)
    for parent, directories, files in os.walk(root):
        for name in directories:
            (Path(parent) / name).chmod(PRIVATE_DIRECTORY_MODE)
        for name in files:
            (Path(parent) / name).chmod(PRIVATE_FILE_MODE)


def _directory_info(name):
    info = tarfile.TarInfo(name)
    info.type = tarfile.DIRTYPE
    info.mode = PRIVATE_DIRECTORY_MODE if name == "private" else 0o755
    return info


def read_manifest(folder):
    folder = Path(folder)
    missing = [
        name for name in (DATABASE_FILE, FILES_ARCHIVE, MANIFEST) if not (folder / name).exists()
    ]
    if missing:
        raise BackupError(f"{folder} is not a backup: {', '.join(missing)} missing.")
    return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))


def restore_database(folder, database, vendor):
    """Replace the content of `database` (settings dict) with the backup's."""
    dump = Path(folder) / DATABASE_FILE
    if vendor == "postgresql":
        # --clean --if-exists: works on a fresh, empty database as on the one the dump came
        # from; one transaction: a failed restore leaves the database as it was.
        run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                f"--dbname={database['NAME']}",
                str(dump),
            ],
            postgres_environment(database),
        )
    elif vendor == "sqlite":
        source = sqlite3.connect(dump)
        target = sqlite3.connect(database["NAME"])
        with target:
            source.backup(target)
        target.close()
        source.close()
    else:
        raise BackupError(f"No restore for the {vendor} database engine.")


def restore_files(folder):
    """Put back the uploaded files: each folder is replaced as a whole, once fully extracted."""
    with tarfile.open(Path(folder) / FILES_ARCHIVE, "r:gz") as archive:
        for name, root in file_roots().items():
            staging = root.with_name(f"{root.name}.restoring")
            shutil.rmtree(staging, ignore_errors=True)
            staging.mkdir(parents=True)
            members = [
                member
                for member in archive.getmembers()
                if member.name == name or member.name.startswith(f"{name}/")
            ]
            # The "data" filter refuses absolute paths, links out of the folder, devices.
            archive.extractall(staging, members=members, filter="data")
            extracted = staging / name
            extracted.mkdir(exist_ok=True)
            if name == "private":
                # Backups made before the private storage wrote 0600 files hold 0644 ones.
                make_private(extracted)
            previous = root.with_name(f"{root.name}.previous")
            shutil.rmtree(previous, ignore_errors=True)
            if root.exists():
                root.rename(previous)
            extracted.rename(root)
            shutil.rmtree(previous, ignore_errors=True)
            shutil.rmtree(staging, ignore_errors=True)


def restore_backup(folder, database, vendor):
    manifest = read_manifest(folder)
    if manifest["database_engine"] != vendor:
        raise BackupError(
            f"This backup is of a {manifest['database_engine']} database; the target is {vendor}."
        )
    restore_database(folder, database, vendor)
    restore_files(folder)
