"""What the backup tests share: storages of their own, a database to restore into, files.

Backups run pg_dump (another process) or SQLite's backup API on another connection: they see
committed rows only, so the tests that back up are transactional (`transaction=True`).
"""

import shutil
import sqlite3
import subprocess
import uuid
from pathlib import Path
from urllib.parse import urlunsplit

import psycopg
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connection

from tests.storages import local_storages

PUBLIC_FILE = "images/sauvegarde-test.txt"
PRIVATE_FILE = "ressources/2026/03/compte-rendu-test.txt"


@pytest.fixture(autouse=True)
def own_storages(settings, tmp_path):
    """Each test's storages are folders of its own: restoring replaces a storage as a whole,
    which must not reach the files of the rest of the suite."""
    media_root, private_root = tmp_path / "media", tmp_path / "private"
    settings.MEDIA_ROOT = media_root
    settings.PRIVATE_MEDIA_ROOT = private_root
    settings.STORAGES = {**settings.STORAGES, **local_storages(media_root, private_root)}
    return media_root, private_root


@pytest.fixture(autouse=True)
def no_encryption_unless_asked(settings):
    settings.BACKUP_ENCRYPTION_KEY_FILE = ""
    settings.BACKUP_ENCRYPTION_PASSPHRASE = ""


@pytest.fixture
def backup_directory(tmp_path):
    return tmp_path / "sauvegardes"


def store(alias, name, text):
    saved = storages[alias].save(name, ContentFile(text.encode()))
    assert saved == name
    return name


def stored_text(alias, name):
    with storages[alias].open(name, "rb") as content:
        return content.read().decode()


@pytest.fixture
def stored_files():
    """One public and one private file in the site's storages."""
    store("default", PUBLIC_FILE, "une image")
    store("private", PRIVATE_FILE, "un compte-rendu")
    return {"default": PUBLIC_FILE, "private": PRIVATE_FILE}


class FreshDatabase:
    """An empty database of the test run's engine, to restore a backup into."""

    def __init__(self, tmp_path):
        self.vendor = connection.vendor
        source = connection.settings_dict
        if self.vendor == "postgresql":
            self.name = f"restore_check_{uuid.uuid4().hex[:12]}"
            self.server = {
                "host": source["HOST"] or "127.0.0.1",
                "port": source["PORT"] or 5432,
                "user": source["USER"],
                "password": source["PASSWORD"] or None,
            }
            with self.connect("postgres", autocommit=True) as admin:
                admin.execute(f'CREATE DATABASE "{self.name}"')
            credentials = source["USER"] + (f":{source['PASSWORD']}" if source["PASSWORD"] else "")
            netloc = f"{credentials}@{self.server['host']}:{self.server['port']}"
            self.url = urlunsplit(("postgres", netloc, f"/{self.name}", "", ""))
        else:
            self.path = tmp_path / f"restored-{uuid.uuid4().hex[:8]}.sqlite3"
            self.url = f"sqlite:///{self.path}"

    def connect(self, name=None, autocommit=False):
        return psycopg.connect(dbname=name or self.name, autocommit=autocommit, **self.server)

    def rows(self, sql):
        if self.vendor == "postgresql":
            with self.connect() as restored:
                return restored.execute(sql).fetchall()
        with sqlite3.connect(self.path) as restored:
            return restored.execute(sql).fetchall()

    def table_count(self):
        if self.vendor == "postgresql":
            sql = "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        else:
            sql = "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
        return self.rows(sql)[0][0]

    def page_titles(self):
        return {row[0] for row in self.rows("SELECT title FROM wagtailcore_page")}

    def drop(self):
        if self.vendor == "postgresql":
            with self.connect("postgres", autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


@pytest.fixture
def fresh_database(tmp_path):
    database = FreshDatabase(tmp_path)
    yield database
    database.drop()


def other_engine_url():
    if connection.vendor == "postgresql":
        return "sqlite:////tmp/nowhere.sqlite3"
    return "postgres://postgres@127.0.0.1:5432/nowhere"


@pytest.fixture
def gpg_key(tmp_path):
    """A fresh OpenPGP key pair (no passphrase): the public key file, the private key file."""
    if shutil.which("gpg") is None:
        pytest.skip("gpg is not installed")
    home = tmp_path / "gnupg"
    home.mkdir(mode=0o700)
    gpg = [shutil.which("gpg"), "--batch", "--homedir", str(home)]
    new_key = ["--passphrase", "", "--quick-gen-key", "Sauvegardes <s@example.org>"]
    try:
        subprocess.run(
            [*gpg, *new_key, "future-default", "default", "never"],
            check=True,
            capture_output=True,
        )
        public, private = tmp_path / "public.asc", tmp_path / "private.asc"
        public.write_bytes(
            subprocess.run([*gpg, "--armor", "--export"], check=True, capture_output=True).stdout
        )
        private.write_bytes(
            subprocess.run(
                [*gpg, "--armor", "--export-secret-keys"], check=True, capture_output=True
            ).stdout
        )
    finally:
        stop_gpg_agent(home)
    return Path(public), Path(private)


def stop_gpg_agent(home):
    """The agent gpg starts in a home of its own stays after it unless told to go."""
    subprocess.run([shutil.which("gpgconf"), "--homedir", str(home), "--kill", "all"], check=False)
