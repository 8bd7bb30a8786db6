"""The database half of a backup: dumping it, putting it back, reading it as text.

PostgreSQL: `pg_dump --format=custom`, restored with pg_restore (which can rebuild a fresh, empty
database). SQLite: a consistent copy made with SQLite's backup API. The PostgreSQL tools get the
connection's settings in their environment (PGHOST, PGPASSWORD…), never on the command line, so
that no password shows in the process list.
"""

import os
import sqlite3
import subprocess
import tempfile
from contextlib import contextmanager

from backups.errors import BackupError


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


def run(command, environment=None):
    result = subprocess.run(  # noqa: S603 (fixed programs, no shell)
        command, env=environment, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{command[0]} a échoué : {result.stderr.strip()}")


def copy_sqlite(source_path, target_path):
    """A consistent copy of one SQLite database into another file (SQLite's backup API)."""
    source = sqlite3.connect(source_path)
    target = sqlite3.connect(target_path)
    with target:
        source.backup(target)
    target.close()
    source.close()


def dump_database(database, vendor, target):
    """Write the database described by `database` (a settings dict) to the file `target`."""
    if vendor == "postgresql":
        run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"],
            postgres_environment(database),
        )
    elif vendor == "sqlite":
        copy_sqlite(database["NAME"], target)
    else:
        raise BackupError(f"Pas de sauvegarde possible pour une base {vendor}.")


def restore_database(dump, database, vendor):
    """Replace the content of `database` (a settings dict) with the dump's."""
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
        copy_sqlite(dump, database["NAME"])
    else:
        raise BackupError(f"Pas de restauration possible pour une base {vendor}.")


@contextmanager
def database_text(dump, vendor):
    """The dump's content as SQL text, an iterator of lines, read without any database server.

    For checking what a backup holds (backups.contents): a PostgreSQL custom dump is compressed,
    so its bytes never show a name; `pg_restore --file=-` turns it back into SQL, written to a
    temporary file rather than held in memory.
    """
    if vendor == "postgresql":
        with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as text:
            result = subprocess.run(  # noqa: S603 (fixed program, no shell)
                ["pg_restore", "--file=-", str(dump)],  # noqa: S607 (the PostgreSQL client)
                stdout=text,
                stderr=subprocess.PIPE,
                check=False,
            )
            if result.returncode != 0:
                raise BackupError(f"pg_restore n'a pas pu lire {dump} : {result.stderr.decode()}")
            text.seek(0)
            yield text
    elif vendor == "sqlite":
        connection = sqlite3.connect(f"file:{dump}?mode=ro", uri=True)
        try:
            yield connection.iterdump()
        finally:
            connection.close()
    else:
        raise BackupError(f"Pas de lecture possible pour une base {vendor}.")
