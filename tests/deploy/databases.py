"""Fresh, migrated PostgreSQL databases for the tests that start the project's own processes
(tests/deploy/test_two_instances.py, tests/e2e).

Migrating takes close to a minute on a busy machine, so a migrated template database
(TEMPLATE_DATABASE) is kept between runs and rebuilt only when a migration or the pinned
requirements change, as --reuse-db does; each test's database is cloned from it in a second.
"""

import hashlib
import os
import subprocess
import sys
from contextlib import closing
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from django.conf import settings

REPO_ROOT = Path(settings.BASE_DIR)
TEMPLATE_DATABASE = "dynamique_emploi_stateless_template"
POSTGRES_URL = os.environ.get("DATABASE_URL", "")


def server_url(database):
    """DATABASE_URL of the test run's PostgreSQL server, naming another database."""
    parts = urlsplit(POSTGRES_URL)
    return urlunsplit((parts.scheme, parts.netloc, f"/{database}", parts.query, ""))


def postgres_admin():
    connection = psycopg.connect(server_url("postgres"), autocommit=True, connect_timeout=5)
    return closing(connection)


def migrations_digest():
    """Changes when a migration of ours, or a dependency (and its migrations), changes."""
    digest = hashlib.sha256((REPO_ROOT / "requirements" / "base.txt").read_bytes())
    for migration in sorted((REPO_ROOT / "site").glob("*/migrations/*.py")):
        digest.update(migration.name.encode())
        digest.update(migration.read_bytes())
    return digest.hexdigest()


def start_manage(environ, *arguments):
    return subprocess.Popen(
        [sys.executable, "manage.py", *arguments],
        cwd=REPO_ROOT,
        env=environ,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def finish(process, timeout=180):
    output, _ = process.communicate(timeout=timeout)
    assert process.returncode == 0, output


def template_database_is_current(admin, digest):
    row = admin.execute(
        "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
        [TEMPLATE_DATABASE],
    ).fetchone()
    return row is not None and row[0] == digest


def start_template_migration(admin, environ):
    """Starts migrating a new template when the kept one is stale; the process, or None."""
    digest = migrations_digest()
    if template_database_is_current(admin, digest):
        return None
    admin.execute(f'DROP DATABASE IF EXISTS "{TEMPLATE_DATABASE}" WITH (FORCE)')
    admin.execute(f'CREATE DATABASE "{TEMPLATE_DATABASE}"')
    template_environ = {**environ, "DATABASE_URL": server_url(TEMPLATE_DATABASE)}
    return start_manage(template_environ, "migrate", "--noinput", "-v0")


def mark_template_current(admin):
    admin.execute(f"COMMENT ON DATABASE \"{TEMPLATE_DATABASE}\" IS '{migrations_digest()}'")


def clone_template(admin, database):
    """`database`, dropped if it exists, made again from the template."""
    admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    admin.execute(f'CREATE DATABASE "{database}" TEMPLATE "{TEMPLATE_DATABASE}"')


def drop(database):
    with postgres_admin() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
