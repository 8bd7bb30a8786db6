"""Encrypted backups: nothing readable in the folder, standard OpenPGP that `gpg --decrypt`
opens without this code, and restorable with the passphrase or the private key."""

import io
import shutil
import subprocess
import tarfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.backups.conftest import PRIVATE_FILE, PUBLIC_FILE, stop_gpg_agent
from tests.home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db(transaction=True)

PASSPHRASE = "une phrase de passe assez longue pour les sauvegardes"


def backup(directory):
    out = StringIO()
    call_command("backup", directory=str(directory), stdout=out)
    return Path(out.getvalue().splitlines()[0])


def restore(folder, **options):
    call_command("restore", str(folder), yes=True, stdout=StringIO(), **options)


def gpg_decrypt(path, *arguments):
    """Decrypt with the gpg command alone, as an operator would without the site's code."""
    gpg = [shutil.which("gpg"), "--batch", "--no-tty", "--pinentry-mode", "loopback"]
    return subprocess.run(
        [*gpg, *arguments, "--decrypt", str(path)],
        check=True,
        capture_output=True,
    ).stdout


def test_a_passphrase_encrypted_backup_holds_nothing_readable(
    settings, stored_files, backup_directory, tmp_path
):
    settings.BACKUP_ENCRYPTION_PASSPHRASE = PASSPHRASE
    folder = backup(backup_directory)

    assert {path.name for path in folder.iterdir()} == {
        "database.dump.gpg",
        "media.tar.gz.gpg",
        "manifest.json",
    }
    with pytest.raises(tarfile.ReadError), tarfile.open(folder / "media.tar.gz.gpg"):
        pass
    home = tmp_path / "operator-gnupg"
    home.mkdir(mode=0o700)
    plain = gpg_decrypt(
        folder / "media.tar.gz.gpg", "--homedir", str(home), "--passphrase", PASSPHRASE
    )
    stop_gpg_agent(home)
    with tarfile.open(fileobj=io.BytesIO(plain)) as archive:
        assert archive.extractfile(f"private/{PRIVATE_FILE}").read() == b"un compte-rendu"


def test_a_passphrase_encrypted_backup_restores_with_the_passphrase_only(
    settings, stored_files, backup_directory, fresh_database, tmp_path
):
    StandardPageFactory(title="Page chiffrée", live=True)
    settings.BACKUP_ENCRYPTION_PASSPHRASE = PASSPHRASE
    folder = backup(backup_directory)

    settings.BACKUP_ENCRYPTION_PASSPHRASE = "pas la bonne"
    with pytest.raises(CommandError, match="gpg a échoué"):
        restore(folder, database_url=fresh_database.url)
    assert fresh_database.table_count() == 0
    settings.BACKUP_ENCRYPTION_PASSPHRASE = ""
    with pytest.raises(CommandError, match="Cette sauvegarde est chiffrée"):
        restore(folder, database_url=fresh_database.url)

    settings.BACKUP_ENCRYPTION_PASSPHRASE = PASSPHRASE
    target = tmp_path / "fichiers"
    restore(folder, database_url=fresh_database.url, files_to=str(target))
    assert "Page chiffrée" in fresh_database.page_titles()
    assert (target / "media" / PUBLIC_FILE).read_text() == "une image"


def test_a_backup_encrypted_to_a_public_key_needs_the_private_key(
    settings, stored_files, backup_directory, fresh_database, gpg_key, tmp_path
):
    public_key, private_key = gpg_key
    StandardPageFactory(title="Page pour la clé", live=True)
    settings.BACKUP_ENCRYPTION_KEY_FILE = str(public_key)
    folder = backup(backup_directory)
    assert (folder / "database.dump.gpg").exists()

    # The server holds only the public key: it cannot read its own backups.
    with pytest.raises(CommandError, match="Cette sauvegarde est chiffrée"):
        restore(folder, database_url=fresh_database.url)

    target = tmp_path / "fichiers"
    restore(
        folder,
        database_url=fresh_database.url,
        files_to=str(target),
        decryption_key=str(private_key),
    )
    assert "Page pour la clé" in fresh_database.page_titles()
    assert (target / "private" / PRIVATE_FILE).read_text() == "un compte-rendu"
