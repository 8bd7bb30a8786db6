"""The files half of a backup: every file of storages["default"] and storages["private"].

Read and written through Django's storage API (listdir, open, save, delete) only, so the same
code backs up a folder on this server (FileSystemStorage) and an S3 bucket (S3Storage), and a
restored file gets what its storage gives every new file: 0600 on the private disk, the
bucket's ACL and cache headers on S3.

In the archive (a tar.gz), each storage's files sit under a folder of its own: `media/` for
"default" (images, documents) and `private/` for "private" (the files members share), the
layout backups have always had.
"""

import posixpath
import tarfile
from pathlib import Path

from django.core.files import File
from django.core.files.storage import FileSystemStorage, storages

from backups.errors import BackupError
from backups.modes import PRIVATE_DIRECTORY_MODE, PRIVATE_FILE_MODE, make_private, private_umask

# Folder in the archive → storage alias.
STORAGE_FOLDERS = {"media": "default", "private": "private"}


def stored_names(storage):
    """Every file name in `storage`, walking its folders (S3: its key prefixes)."""
    pending = [""]
    while pending:
        folder = pending.pop()
        try:
            directories, files = storage.listdir(folder)
        except FileNotFoundError:
            # A local storage whose folder nothing has been uploaded to yet.
            continue
        for name in sorted(files):
            yield posixpath.join(folder, name)
        pending.extend(posixpath.join(folder, directory) for directory in sorted(directories))


def modified_time(storage, name):
    try:
        return int(storage.get_modified_time(name).timestamp())
    except NotImplementedError:
        return 0


def write_archive(stream):
    """Write the tar.gz of both storages to the binary `stream`; return the count per folder."""
    counts = {}
    # "w|gz": written as a stream, so that it can go straight into gpg's input.
    with tarfile.open(fileobj=stream, mode="w|gz") as archive:
        for folder, alias in STORAGE_FOLDERS.items():
            storage = storages[alias]
            counts[folder] = 0
            for name in stored_names(storage):
                info = tarfile.TarInfo(f"{folder}/{name}")
                info.size = storage.size(name)
                info.mode = PRIVATE_FILE_MODE
                info.mtime = modified_time(storage, name)
                with storage.open(name, "rb") as content:
                    archive.addfile(info, content)
                counts[folder] += 1
    return counts


def archived_files(archive_path):
    """(folder, name, member, archive) for each file in the archive, in order."""
    with tarfile.open(archive_path, "r:gz") as archive:
        for member in archive:
            folder, _, name = member.name.partition("/")
            # Backups made before the storage API also hold the folders themselves.
            if not member.isfile() or folder not in STORAGE_FOLDERS or not name:
                continue
            yield folder, name, member, archive


def restore_into_storages(archive_path):
    """Make both storages hold exactly the archive's files.

    Each file is written at its own name (the one the database refers to), replacing what is
    there; files the archive does not hold (uploaded after the backup, so unknown to the restored
    database) are deleted afterwards.
    """
    present = {
        folder: set(stored_names(storages[alias])) for folder, alias in STORAGE_FOLDERS.items()
    }
    restored = {folder: set() for folder in STORAGE_FOLDERS}
    for folder, name, member, archive in archived_files(archive_path):
        storage = storages[STORAGE_FOLDERS[folder]]
        if storage.exists(name):
            storage.delete(name)
        with archive.extractfile(member) as content:
            saved = storage.save(name, File(content, name=posixpath.basename(name)))
        if saved != name:
            raise BackupError(f"{folder}/{name} a été restauré sous un autre nom : {saved}.")
        restored[folder].add(name)
    for folder, alias in STORAGE_FOLDERS.items():
        for name in present[folder] - restored[folder]:
            storages[alias].delete(name)
    return {folder: len(names) for folder, names in restored.items()}


def local_locations():
    """The folders of the storages that keep their files on this server's disk."""
    # An S3 storage's `location` is a key prefix, not a folder.
    return [
        Path(storages[alias].location).resolve()
        for alias in STORAGE_FOLDERS.values()
        if isinstance(storages[alias], FileSystemStorage)
    ]


def overlaps(first, second):
    return first == second or first.is_relative_to(second) or second.is_relative_to(first)


def check_extraction_folder(target):
    """Refuse a folder for a backup's files unless it is new or empty, and apart from the live
    storages' folders: the files of a backup one is checking must never replace what the site
    serves."""
    target = Path(target).resolve()
    for location in local_locations():
        if overlaps(target, location):
            raise BackupError(
                f"{target} touche aux fichiers du site ({location}) : choisissez un dossier à part."
            )
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise BackupError(f"{target} n'est pas un dossier vide : choisissez-en un nouveau ou vide.")
    return target


def extract_into_folder(archive_path, target):
    """Extract the archive's `media/` and `private/` into `target`, readable by its owner only."""
    target = check_extraction_folder(target)
    with private_umask():
        target.mkdir(mode=PRIVATE_DIRECTORY_MODE, parents=True, exist_ok=True)
        target.chmod(PRIVATE_DIRECTORY_MODE)
        for folder, name, member, archive in archived_files(archive_path):
            member.name = f"{folder}/{name}"
            # The "data" filter refuses absolute paths, links out of the folder, devices.
            archive.extract(member, target, filter="data")
    # Backups made before the private storage wrote 0600 files hold 0644 ones.
    make_private(target)
