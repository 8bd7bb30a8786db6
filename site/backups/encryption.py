"""Encrypting a backup's files with GnuPG, so that a copy kept elsewhere reveals nothing.

Two ways, either or both (settings, from the environment):
- BACKUP_ENCRYPTION_KEY_FILE: an OpenPGP public key file. The server can write backups it can
  no longer read: only whoever holds the private key (kept off the server) can restore them.
- BACKUP_ENCRYPTION_PASSPHRASE: a passphrase. Simpler, but the server holds what opens them.
Both set: either opens the backup.

Why GnuPG rather than a format of our own built on `cryptography`: OpenPGP is a standard that
`gpg --decrypt` opens on any machine, years from now, without this code; it encrypts to a public
key without us writing any cryptography; and `gpg` ships with Debian. Each call runs in a
throwaway GnuPG home (no keyring of the account is read or changed), and the passphrase goes
through a pipe, never the command line or a file.
"""

import os
import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from backups.errors import BackupError

GPG_SUFFIX = ".gpg"


class EncryptionError(BackupError):
    """gpg is missing, a key is unusable, or the passphrase or key does not open the backup."""


@dataclass(frozen=True)
class Encryption:
    """How to encrypt new backups: to a public key, with a passphrase, both, or not at all."""

    key_file: str = ""
    passphrase: str = ""

    @classmethod
    def from_settings(cls):
        return cls(
            key_file=settings.BACKUP_ENCRYPTION_KEY_FILE,
            passphrase=settings.BACKUP_ENCRYPTION_PASSPHRASE,
        )

    @property
    def enabled(self):
        return bool(self.key_file or self.passphrase)

    def gpg_arguments(self):
        arguments = []
        if self.passphrase:
            arguments += ["--symmetric", "--cipher-algo", "AES256"]
        if self.key_file:
            # --recipient-file: the key is read from the file alone; "always" since a key the
            # operator put in the settings is the one they mean, not one to certify.
            arguments += ["--trust-model", "always", "--recipient-file", self.key_file, "--encrypt"]
        return arguments


def gpg_program():
    program = shutil.which("gpg")
    if program is None:
        raise EncryptionError(
            "gpg est introuvable : installez GnuPG (apt install gpg) pour chiffrer ou "
            "déchiffrer les sauvegardes."
        )
    return program


@contextmanager
def gpg_home():
    """A GnuPG home of its own, deleted afterwards with the agent gpg may have started in it."""
    home = tempfile.mkdtemp(prefix="gnupg-")
    try:
        yield home
    finally:
        gpgconf = shutil.which("gpgconf")
        if gpgconf:
            subprocess.run(  # noqa: S603 (fixed program, no shell)
                [gpgconf, "--homedir", home, "--kill", "all"], capture_output=True, check=False
            )
        shutil.rmtree(home, ignore_errors=True)


def gpg_command(home, passphrase):
    """gpg in `home`, and the descriptor its passphrase is read from (None without one)."""
    command = [gpg_program(), "--batch", "--yes", "--no-tty", "--homedir", home]
    if not passphrase:
        return command, None
    read_end, write_end = os.pipe()
    os.write(write_end, passphrase.encode())
    os.close(write_end)
    command += [
        "--pinentry-mode",
        "loopback",
        "--no-symkey-cache",
        "--passphrase-fd",
        str(read_end),
    ]
    return command, read_end


def gpg_failure(stderr):
    lines = stderr.decode(errors="replace").strip().splitlines()
    return EncryptionError("gpg a échoué : " + (lines[-1] if lines else "sans message."))


def run_gpg(home, arguments, *, passphrase=""):
    """Run gpg in `home`; the passphrase, if any, is read from a pipe (--passphrase-fd)."""
    command, passphrase_fd = gpg_command(home, passphrase)
    try:
        result = subprocess.run(  # noqa: S603 (fixed program, no shell)
            [*command, *arguments],
            capture_output=True,
            pass_fds=() if passphrase_fd is None else (passphrase_fd,),
            check=False,
        )
    finally:
        if passphrase_fd is not None:
            os.close(passphrase_fd)
    if result.returncode != 0:
        raise gpg_failure(result.stderr)


@contextmanager
def encrypting_writer(target, encryption):
    """A binary stream whose bytes land encrypted in `target`: nothing plain touches the disk."""
    with gpg_home() as home, tempfile.TemporaryFile() as stderr:
        command, passphrase_fd = gpg_command(home, encryption.passphrase)
        try:
            process = subprocess.Popen(  # noqa: S603 (fixed program, no shell)
                [*command, *encryption.gpg_arguments(), "--output", str(target)],
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=stderr,
                pass_fds=() if passphrase_fd is None else (passphrase_fd,),
            )
        finally:
            if passphrase_fd is not None:
                os.close(passphrase_fd)
        stopped_early = False
        try:
            yield process.stdin
            process.stdin.close()
        except BrokenPipeError:
            # gpg stopped reading (an unusable key…): its own message, below, says why.
            stopped_early = True
        except BaseException:
            process.kill()
            process.wait()
            raise
        if process.wait() != 0 or stopped_early:
            stderr.seek(0)
            raise gpg_failure(stderr.read())


def encrypt_file(source, target, encryption):
    """Write `source` encrypted as `target` (OpenPGP)."""
    with gpg_home() as home:
        run_gpg(
            home,
            [*encryption.gpg_arguments(), "--output", str(target), str(source)],
            passphrase=encryption.passphrase,
        )


def decrypt_file(source, target, *, passphrase="", private_key_file=""):
    """Write `source` decrypted as `target`; gpg checks its integrity before saying it worked.

    `private_key_file`: an exported OpenPGP secret key (`gpg --export-secret-keys --armor`), for
    backups encrypted to its public key; `passphrase` opens a passphrase-encrypted backup, or
    unlocks that private key if it is protected.
    """
    if not passphrase and not private_key_file:
        raise EncryptionError(
            "Cette sauvegarde est chiffrée : donnez la clé privée (--decryption-key) ou la "
            "phrase de passe (BACKUP_ENCRYPTION_PASSPHRASE)."
        )
    with gpg_home() as home:
        if private_key_file:
            if not Path(private_key_file).is_file():
                raise EncryptionError(f"Clé privée introuvable : {private_key_file}.")
            run_gpg(home, ["--import", str(private_key_file)], passphrase=passphrase)
        run_gpg(home, ["--output", str(target), "--decrypt", str(source)], passphrase=passphrase)
