"""Which backups still hold a piece of text: checking that erased personal data has left them.

    from backups.contents import backups_holding
    backups_holding("Fatou Diallo")            # [] once no backup in var/backups holds it

The database is read as SQL text (backups.database.database_text), each stored file as bytes;
encrypted backups are opened with the passphrase from the settings or a private key. Values are
matched as the dump writes them: PostgreSQL's COPY escapes backslashes, tabs and new lines,
SQLite's SQL doubles apostrophes, so look for a name or an e-mail address, not a paragraph.
"""

from django.conf import settings

from backups.archive import default_directory, read_manifest, readable_files
from backups.database import database_text
from backups.rotation import stored_backups
from backups.stored_files import archived_files

CHUNK = 1024 * 1024


def stream_holds(stream, needle, chunk=CHUNK):
    """Whether the binary `stream` holds `needle`, read a chunk at a time."""
    tail = b""
    while data := stream.read(chunk):
        if needle in tail + data:
            return True
        # What could be the start of the needle, cut by the chunk's end.
        tail = (tail + data)[-(len(needle) - 1) :] if len(needle) > 1 else b""
    return False


def backup_holds(folder, text, *, passphrase=None, private_key_file=""):
    """Whether the backup in `folder` holds `text`, in its database or in any stored file."""
    manifest = read_manifest(folder)
    if passphrase is None:
        passphrase = settings.BACKUP_ENCRYPTION_PASSPHRASE
    needle = text.encode()
    with readable_files(
        folder, manifest, passphrase=passphrase, private_key_file=private_key_file
    ) as (dump, archive):
        with database_text(dump, manifest["database_engine"]) as lines:
            if any(text in line for line in lines):
                return True
        for _folder, _name, member, opened in archived_files(archive):
            with opened.extractfile(member) as content:
                if stream_holds(content, needle):
                    return True
    return False


def backups_holding(text, directory=None, *, passphrase=None, private_key_file=""):
    """The complete backups in `directory` (default var/backups) that hold `text`."""
    return [
        backup.path
        for backup in stored_backups(directory or default_directory())
        if backup.complete
        and backup_holds(
            backup.path, text, passphrase=passphrase, private_key_file=private_key_file
        )
    ]
