"""`manage.py backup` then `manage.py restore` into a fresh database finds the same content and
the same files — on PostgreSQL (pg_dump / pg_restore) and on SQLite."""

import shutil
import sqlite3
import tempfile
import uuid
from io import StringIO
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import TransactionTestCase

from tests.home.factories import StandardPageFactory

PUBLIC_FILE = Path("images") / "sauvegarde-test.txt"
PRIVATE_FILE = Path("ressources") / "compte-rendu-test.txt"


class BackupRestoreTestCase(TransactionTestCase):
    def setUp(self):
        self.page = StandardPageFactory(title="Page à sauvegarder", live=True)
        self.public = Path(settings.MEDIA_ROOT) / PUBLIC_FILE
        self.private = Path(settings.PRIVATE_MEDIA_ROOT) / PRIVATE_FILE
        for path, text in [(self.public, "une image"), (self.private, "un compte-rendu")]:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")

    def tearDown(self):
        self.public.unlink(missing_ok=True)
        self.private.unlink(missing_ok=True)

    def backup(self, directory):
        out = StringIO()
        call_command("backup", directory=str(directory), stdout=out)
        folder = Path(out.getvalue().strip())
        assert {path.name for path in folder.iterdir()} == {
            "database.dump",
            "media.tar.gz",
            "manifest.json",
        }
        return folder

    def lose_the_files(self):
        self.public.unlink()
        self.private.write_text("écrasé", encoding="utf-8")

    def assert_files_are_back(self):
        assert self.public.read_text(encoding="utf-8") == "une image"
        assert self.private.read_text(encoding="utf-8") == "un compte-rendu"

    def test_restore_into_a_fresh_postgresql_database(self):
        if connection.vendor != "postgresql":
            pytest.skip("pg_dump and pg_restore need PostgreSQL.")
        folder = self.backup(Path(self.tmp_dir()))
        self.lose_the_files()
        source = connection.settings_dict
        fresh = f"restore_check_{uuid.uuid4().hex[:12]}"
        server = f"host={source['HOST']} port={source['PORT'] or 5432} user={source['USER']}"
        with psycopg.connect(f"{server} dbname=postgres", autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{fresh}"')
        try:
            url = f"postgres://{source['USER']}@{source['HOST']}:{source['PORT'] or 5432}/{fresh}"
            call_command("restore", str(folder), database_url=url, yes=True, stdout=StringIO())
            with psycopg.connect(f"{server} dbname={fresh}") as restored:
                titles = [
                    row[0]
                    for row in restored.execute("SELECT title FROM wagtailcore_page ORDER BY path")
                ]
                migrations = restored.execute("SELECT count(*) FROM django_migrations").fetchone()
        finally:
            with psycopg.connect(f"{server} dbname=postgres", autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{fresh}" WITH (FORCE)')
        assert "Page à sauvegarder" in titles
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM django_migrations")
            assert migrations == cursor.fetchone()
        self.assert_files_are_back()

    def test_restore_into_a_fresh_sqlite_database(self):
        if connection.vendor != "sqlite":
            pytest.skip("The SQLite copy is for the embedded database.")
        directory = Path(self.tmp_dir())
        folder = self.backup(directory)
        self.lose_the_files()
        target = directory / "restored.sqlite3"
        call_command(
            "restore", str(folder), database_url=f"sqlite:///{target}", yes=True, stdout=StringIO()
        )
        with sqlite3.connect(target) as restored:
            titles = [row[0] for row in restored.execute("SELECT title FROM wagtailcore_page")]
        assert "Page à sauvegarder" in titles
        self.assert_files_are_back()

    def test_a_folder_that_is_not_a_backup_is_refused(self):
        with pytest.raises(CommandError, match="is not a backup"):
            call_command("restore", self.tmp_dir(), yes=True, stdout=StringIO())

    def test_a_backup_of_another_engine_is_refused(self):
        folder = self.backup(Path(self.tmp_dir()))
        other = (
            "sqlite:////tmp/x.sqlite3"
            if connection.vendor == "postgresql"
            else ("postgres://postgres@127.0.0.1:5432/nowhere")
        )
        with pytest.raises(CommandError, match="This backup is of a"):
            call_command("restore", str(folder), database_url=other, yes=True, stdout=StringIO())

    def tmp_dir(self):
        directory = tempfile.mkdtemp(prefix="sauvegarde-")
        self.addCleanup(shutil.rmtree, directory, ignore_errors=True)
        return directory
