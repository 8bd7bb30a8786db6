"""Every file of every backup is its owner's alone (0600, folders 0700), whatever the umask,
whatever mode the backups' folder had, and for backups made before by an older version."""

import os
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def open_umask():
    previous = os.umask(0)
    yield
    os.umask(previous)


def modes_under(root):
    return {path: path.stat().st_mode & 0o777 for path in [root, *Path(root).rglob("*")]}


@pytest.mark.parametrize("passphrase", ["", "phrase de passe des sauvegardes"])
def test_every_file_is_private_even_with_an_open_umask_and_an_existing_folder(
    settings, stored_files, backup_directory, open_umask, passphrase
):
    settings.BACKUP_ENCRYPTION_PASSPHRASE = passphrase
    backup_directory.mkdir(mode=0o755)
    backup_directory.chmod(0o755)
    # A backup left by an older version, readable by everyone.
    older = backup_directory / "20200101-021500"
    older.mkdir(mode=0o755)
    (older / "manifest.json").write_text("{}")
    (older / "manifest.json").chmod(0o644)

    call_command("backup", directory=str(backup_directory), stdout=StringIO())

    modes = modes_under(backup_directory)
    assert len(modes) > 4
    for path, mode in modes.items():
        assert mode == (0o700 if path.is_dir() else 0o600), f"{path}: {oct(mode)}"
