"""`make check-production`: what an operator reads when a production configuration is incomplete.

The command runs in a subprocess, as the Makefile runs it: the settings read the environment when
imported, and the test process must keep its own. Its services are real ones on this machine: an
S3 endpoint (moto in server mode), a tiny SMTP server, an HTTP server standing for nginx in front
of MEDIA_ROOT, Redis, and the test run's PostgreSQL database for the check that passes. The
checks the web process also runs at start-up (core.production_checks) are tested in-process.
"""

import functools
import os
import re
import secrets
import socket
import socketserver
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import boto3
import psycopg
import pytest
from django.conf import settings
from django.db import DatabaseError, connection
from django.test import override_settings
from wagtail.models import Site

from core import production_checks

REPO_ROOT = settings.BASE_DIR
PUBLIC_BUCKET = "verification-public"
PRIVATE_BUCKET = "verification-private"
UNREACHABLE = "127.0.0.1:9"  # The discard port: nothing listens on it here.
# An empty manifest, as collectstatic writes for a site without static files.
MANIFEST = '{"paths": {}, "version": "1.1", "hash": ""}'
# config.settings.base's MEDIA_ROOT, where the production settings keep files without a bucket.
MEDIA_ROOT = REPO_ROOT / "var" / "media"
PRODUCTION = "config.settings.production"


class SMTPHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP for a client that connects, greets and leaves."""

    def handle(self):
        self.wfile.write(b"220 test ESMTP\r\n")
        for line in self.rfile:
            verb = line.split(b" ", 1)[0].strip().upper()
            if verb in (b"EHLO", b"HELO"):
                self.wfile.write(b"250 test\r\n")
            elif verb == b"QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 ok\r\n")


@pytest.fixture(scope="module")
def smtp_server():
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), SMTPHandler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield "127.0.0.1:{}".format(*server.server_address[1:])
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def s3_endpoint():
    from moto.server import ThreadedMotoServer

    moto = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    moto.start()
    host, port = moto.get_host_and_port()
    yield f"http://{host}:{port}"
    moto.stop()


@pytest.fixture
def buckets(s3_endpoint):
    """A public and a private bucket, made anew for each test."""
    s3 = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id="verification",
        aws_secret_access_key="verification",
    )
    suffix = secrets.token_hex(4)
    names = {"public": f"{PUBLIC_BUCKET}-{suffix}", "private": f"{PRIVATE_BUCKET}-{suffix}"}
    for name in names.values():
        s3.create_bucket(Bucket=name)
    return s3, names


def production_environ(tmp_path, **values):
    environ = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "DATABASE_", "PYTEST_", "AWS_", "S3_", "REDIS_"))
    }
    environ.update(
        # As the Makefile runs it: base settings for the command, the environment's own module
        # passed on to be checked.
        DJANGO_SETTINGS_MODULE="config.settings.base",
        CHECKED_SETTINGS_MODULE=PRODUCTION,
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="www.dynamique-emploi.fr",
        SITE_URL="https://www.dynamique-emploi.fr",
        ADMINS="erreurs@dynamique-emploi.fr",
        SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO",
        CLIENT_IP_HEADER="HTTP_X_REAL_IP",
        STATIC_ROOT=str(tmp_path / "static"),
    )
    environ.update(values)
    return environ


def s3_variables(endpoint, names):
    return {
        "S3_ENDPOINT_URL": endpoint,
        "S3_REGION": "us-east-1",
        "S3_ACCESS_KEY_ID": "verification",
        "S3_SECRET_ACCESS_KEY": "verification",
        "S3_ADDRESSING_STYLE": "path",
        "S3_PUBLIC_BUCKET": names["public"],
        "S3_PRIVATE_BUCKET": names["private"],
    }


@pytest.fixture
def no_units(tmp_path):
    """A systemd folder without the site's units (a container, a PaaS, this machine)."""
    folder = tmp_path / "systemd"
    folder.mkdir()
    return folder


def check_production(environ, *arguments, systemd_dir):
    return subprocess.run(
        [
            sys.executable,
            "manage.py",
            "check_production",
            "--systemd-dir",
            str(systemd_dir),
            *arguments,
        ],
        cwd=REPO_ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def lines_to_fix(result):
    return [line.strip() for line in result.stdout.splitlines() if "À CORRIGER" in line]


def test_an_empty_environment_lists_every_missing_variable(tmp_path, no_units):
    environ = production_environ(
        tmp_path,
        SECRET_KEY="",
        ALLOWED_HOSTS="",
        SITE_URL="",
        ADMINS="",
        CHECKED_SETTINGS_MODULE="",
    )

    result = check_production(environ, systemd_dir=no_units)

    assert result.returncode == 1
    to_fix = "\n".join(lines_to_fix(result))
    for name in [
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "DATABASE_URL",
        "EMAIL_URL",
        "REDIS_URL",
        "S3_PUBLIC_BUCKET",
        "S3_PRIVATE_BUCKET",
    ]:
        assert f"{name} manque" in to_fix
    assert "DJANGO_SETTINGS_MODULE n'est pas défini dans cet environnement" in to_fix
    assert "Personne n'est prévenu des erreurs : définissez ADMINS" in to_fix
    assert "point(s) à corriger avant la mise en production" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_single_server_needs_neither_redis_nor_object_storage(tmp_path, no_units):
    environ = production_environ(tmp_path, DATABASE_URL="", EMAIL_URL="")

    result = check_production(environ, "--single-server", systemd_dir=no_units)

    assert result.returncode == 1
    assert [line for line in lines_to_fix(result) if "REDIS" in line or "S3_" in line] == []
    assert "ATTENTION  REDIS_URL n'est pas défini" in result.stdout


def test_unreachable_services_and_a_public_private_bucket_are_each_reported(
    tmp_path, buckets, s3_endpoint, no_units
):
    s3, names = buckets
    # A private bucket someone opened to everyone.
    s3.put_bucket_acl(Bucket=names["private"], ACL="public-read")
    environ = production_environ(
        tmp_path,
        DATABASE_URL=f"postgres://site@{UNREACHABLE}/dynamique_emploi",
        REDIS_URL=f"redis://{UNREACHABLE}/0",
        EMAIL_URL=f"smtp://{UNREACHABLE}",
        **s3_variables(s3_endpoint, names),
    )

    result = check_production(environ, systemd_dir=no_units)

    assert result.returncode == 1, result.stdout + result.stderr
    to_fix = lines_to_fix(result)
    assert any(line.startswith("À CORRIGER La base de données ne répond pas") for line in to_fix)
    assert any(line.startswith("À CORRIGER Redis ne répond pas") for line in to_fix)
    assert any(line.startswith(f"À CORRIGER Le serveur SMTP {UNREACHABLE}") for line in to_fix)
    assert any("ses droits (ACL) l'ouvrent à tous" in line for line in to_fix)
    assert any("lancez `python manage.py collectstatic" in line for line in to_fix)
    # The public bucket is fine, and the probe files are gone.
    assert f"OK         Bucket public (images, documents) « {names['public']} »" in result.stdout
    for name in names.values():
        assert s3.list_objects_v2(Bucket=name).get("KeyCount", 0) == 0


@pytest.fixture
def default_site_on_the_domain():
    """The test database's default Site on SITE_URL's host, committed (through a connection of
    its own) so that the command's process sees it, and put back afterwards."""
    database = connection.settings_dict
    table = Site._meta.db_table
    with psycopg.connect(
        dbname=database["NAME"],
        user=database["USER"],
        host=database["HOST"],
        port=database["PORT"] or 5432,
        autocommit=True,
    ) as other:
        before = other.execute(
            f"SELECT id, hostname, port FROM {table} WHERE is_default_site"  # noqa: S608
        ).fetchone()
        other.execute(
            f"UPDATE {table} SET hostname = %s, port = 443 WHERE id = %s",  # noqa: S608
            ["www.dynamique-emploi.fr", before[0]],
        )
        try:
            yield
        finally:
            other.execute(
                f"UPDATE {table} SET hostname = %s, port = %s WHERE id = %s",  # noqa: S608
                [before[1], before[2], before[0]],
            )


@pytest.mark.django_db
def test_a_complete_configuration_passes(
    request, tmp_path, buckets, s3_endpoint, smtp_server, no_units
):
    if connection.vendor != "postgresql":
        pytest.skip("needs the PostgreSQL pass of `make test` (DATABASE_URL=postgres://…)")
    request.getfixturevalue("default_site_on_the_domain")
    _, names = buckets
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "staticfiles.json").write_text(MANIFEST)
    database = connection.settings_dict
    environ = production_environ(
        tmp_path,
        DATABASE_URL=(
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
            f"{database['NAME']}"
        ),
        REDIS_URL="redis://127.0.0.1:6379/3",
        EMAIL_URL=f"smtp://{smtp_server}",
        **s3_variables(s3_endpoint, names),
    )

    result = check_production(environ, systemd_dir=no_units)

    assert result.returncode == 0, result.stdout + result.stderr
    assert lines_to_fix(result) == []
    assert "Toutes les migrations sont appliquées." in result.stdout
    assert (
        "Le site Wagtail par défaut a l'adresse de SITE_URL (https://www.dynamique-emploi.fr)"
        in result.stdout
    )
    assert "DJANGO_SETTINGS_MODULE vaut config.settings.production" in result.stdout
    assert "Les erreurs sont envoyées par e-mail à 1 adresse(s)." in result.stdout
    assert "une lecture sans clé est refusée (403)" in result.stdout
    assert "Les fichiers publics se lisent sans clé" in result.stdout
    assert "`check --deploy` ne signale rien." in result.stdout
    assert result.stdout.rstrip().endswith("Configuration prête pour la production.")


def test_redis_and_postgres_ports_used_above_are_closed():
    """UNREACHABLE must stay unreachable for the test above to mean anything."""
    host, port = UNREACHABLE.split(":")
    with socket.socket() as probe:
        probe.settimeout(1)
        assert probe.connect_ex((host, int(port))) != 0


# --- Media without a public bucket -------------------------------------------------------------
class MediaHandler(SimpleHTTPRequestHandler):
    """nginx's `location /media/ { alias var/media/; }`, or nothing at all (`serve_media`)."""

    serve_media = True

    def translate_path(self, path):
        if not (self.serve_media and path.startswith("/media/")):
            return str(MEDIA_ROOT / "nothing-is-served-here")
        return super().translate_path(path.removeprefix("/media"))

    def log_message(self, format, *args):
        pass


@pytest.fixture
def front_server():
    """An HTTP server standing for the site's address: set `.serve_media` to choose."""
    MEDIA_ROOT.mkdir(parents=True, exist_ok=True)
    handler = type("Handler", (MediaHandler,), {})
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(MEDIA_ROOT))
    )
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.handler = handler
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield server
    server.shutdown()
    server.server_close()


def single_server_without_bucket(tmp_path, site_url):
    """Enough for the production settings to load; the services do not answer."""
    return production_environ(
        tmp_path,
        SITE_URL=site_url,
        DATABASE_URL=f"postgres://site@{UNREACHABLE}/dynamique_emploi",
        EMAIL_URL=f"smtp://{UNREACHABLE}",
    )


def test_local_media_that_nothing_serves_is_reported(tmp_path, front_server, no_units):
    front_server.handler.serve_media = False
    before = set(MEDIA_ROOT.rglob("*"))

    result = check_production(
        single_server_without_bucket(tmp_path, front_server.url),
        "--single-server",
        systemd_dir=no_units,
    )

    assert result.returncode == 1
    media = [line for line in lines_to_fix(result) if "MEDIA_ROOT" in line]
    assert len(media) == 1, result.stdout
    assert media[0].startswith(
        "À CORRIGER Les images et documents ne seraient pas affichés : un fichier écrit dans "
        f"MEDIA_ROOT ({MEDIA_ROOT}) ne se lit pas à {front_server.url}/media/check-production/"
    )
    assert "(404)" in media[0]
    assert "ou définissez S3_PUBLIC_BUCKET" in media[0]
    # The probe is gone, its folder too.
    assert set(MEDIA_ROOT.rglob("*")) == before


def test_local_media_served_at_the_site_address_pass(tmp_path, front_server, no_units):
    result = check_production(
        single_server_without_bucket(tmp_path, front_server.url),
        "--single-server",
        systemd_dir=no_units,
    )

    assert [line for line in lines_to_fix(result) if "MEDIA_ROOT" in line] == []
    assert f"OK         Les fichiers de MEDIA_ROOT sont servis à {front_server.url}/media/" in (
        result.stdout
    )


# --- The settings module of the systemd units --------------------------------------------------
def write_unit(folder, name, *lines):
    (folder / name).write_text("[Service]\n" + "\n".join(lines) + "\n")


def test_each_installed_unit_must_run_the_production_settings(tmp_path, no_units):
    (tmp_path / "env").write_text(
        "SECRET_KEY=abc\n# DJANGO_SETTINGS_MODULE=config.settings.production\n"
    )
    (tmp_path / "env-production").write_text(f'DJANGO_SETTINGS_MODULE="{PRODUCTION}"\n')
    (tmp_path / "env-commented").write_text(f"DJANGO_SETTINGS_MODULE={PRODUCTION}  # production\n")
    write_unit(no_units, "dynamique-emploi-worker.service", f"EnvironmentFile={tmp_path}/env")
    write_unit(
        no_units,
        "dynamique-emploi-web.service",
        f'Environment="DJANGO_SETTINGS_MODULE={PRODUCTION}" LOG_LEVEL=INFO',
        f"EnvironmentFile={tmp_path}/env",
    )
    write_unit(
        no_units,
        "dynamique-emploi-job@.service",
        "Environment=DJANGO_SETTINGS_MODULE=config.settings.dev",
        f"EnvironmentFile=-{tmp_path}/env-production",
        f"EnvironmentFile=-{tmp_path}/absent",
    )
    # systemd keeps what follows the value on the line: « config.settings.production  # … ».
    write_unit(
        no_units, "dynamique-emploi-other.service", f"EnvironmentFile={tmp_path}/env-commented"
    )
    # Not one of the site's units.
    write_unit(no_units, "postgresql.service", f"EnvironmentFile={tmp_path}/env")

    problems = production_checks.systemd_unit_problems(no_units)

    assert problems == [
        "DJANGO_SETTINGS_MODULE vaut « config.settings.production  # production » pour l'unité "
        "dynamique-emploi-other.service (Environment= et EnvironmentFile=) : ce ne sont pas les "
        "réglages de production. Ajoutez DJANGO_SETTINGS_MODULE=config.settings.production.",
        "DJANGO_SETTINGS_MODULE n'est pas défini pour l'unité dynamique-emploi-worker.service "
        "(Environment= et EnvironmentFile=) : manage.py (worker, tâches planifiées) prendrait les "
        "réglages de développement : le worker s'arrête aussitôt et aucun e-mail ne part. "
        "Ajoutez DJANGO_SETTINGS_MODULE=config.settings.production.",
    ]


def test_a_drop_in_may_set_it_and_an_unreadable_file_is_named(tmp_path, no_units):
    write_unit(no_units, "dynamique-emploi-worker.service", f"EnvironmentFile={tmp_path}/missing")
    write_unit(no_units, "dynamique-emploi-web.service")
    (no_units / "dynamique-emploi-web.service.d").mkdir()
    (no_units / "dynamique-emploi-web.service.d" / "production.conf").write_text(
        f"[Service]\nEnvironment=DJANGO_SETTINGS_MODULE={PRODUCTION}\n"
    )

    problems = production_checks.systemd_unit_problems(no_units)

    assert problems == [
        f"Unité dynamique-emploi-worker.service : impossible de lire {tmp_path}/missing "
        "(EnvironmentFile=) ; lancez la vérification avec le droit de le lire (root ou le groupe "
        "dynamique-emploi)."
    ]


def test_the_command_names_the_unit_without_the_production_settings(tmp_path, no_units):
    (tmp_path / "env").write_text("SECRET_KEY=abc\n")
    write_unit(no_units, "dynamique-emploi-worker.service", f"EnvironmentFile={tmp_path}/env")
    environ = production_environ(tmp_path, DATABASE_URL="", EMAIL_URL="")

    result = check_production(environ, "--single-server", systemd_dir=no_units)

    assert result.returncode == 1
    to_fix = lines_to_fix(result)
    assert any(
        line.startswith(
            "À CORRIGER DJANGO_SETTINGS_MODULE n'est pas défini pour l'unité "
            "dynamique-emploi-worker.service"
        )
        for line in to_fix
    ), result.stdout
    assert not any("dans cet environnement" in line for line in to_fix)


def documented_environment_file():
    """The environment file as docs/deploy.md writes it (its ```sh block setting SECRET_KEY)."""
    docs = (REPO_ROOT / "docs" / "deploy.md").read_text()
    blocks = re.findall(r"```sh\n(.*?)```", docs, flags=re.DOTALL)
    return next(block for block in blocks if re.search("^SECRET_KEY=", block, re.MULTILINE))


def test_the_units_and_environment_file_as_documented_run_the_production_settings(
    tmp_path, no_units
):
    environment_file = tmp_path / "env"
    environment_file.write_text(documented_environment_file())
    for unit in (REPO_ROOT / "deploy" / "systemd").glob("*.service"):
        text = unit.read_text().replace("/etc/dynamique-emploi/env", str(environment_file))
        (no_units / unit.name).write_text(text)

    assert sorted(path.name for path in no_units.iterdir()) == [
        "dynamique-emploi-job@.service",
        "dynamique-emploi-web.service",
        "dynamique-emploi-worker.service",
    ]
    assert production_checks.systemd_unit_problems(no_units) == []


# --- The Wagtail Site record, who hears about errors, the start-up check -----------------------
@pytest.mark.parametrize(
    ("site_url", "hostname", "port"),
    [
        ("https://www.dynamique-emploi.fr", "www.dynamique-emploi.fr", 443),
        ("https://www.dynamique-emploi.fr/", "WWW.dynamique-emploi.fr", 443),
        ("http://127.0.0.1:8000", "127.0.0.1", 8000),
    ],
)
def test_a_site_record_on_the_site_url_host_passes(site_url, hostname, port):
    assert (
        production_checks.site_record_problems(site_url, Site(hostname=hostname, port=port)) == []
    )


def test_a_site_record_on_another_host_is_reported_with_the_fix():
    problems = production_checks.site_record_problems(
        "https://www.dynamique-emploi.fr", Site(hostname="localhost", port=8000)
    )

    assert len(problems) == 1
    assert problems[0].startswith(
        "Le site Wagtail par défaut a pour adresse « http://localhost:8000 » alors que SITE_URL "
        "vaut « https://www.dynamique-emploi.fr » : les liens canoniques"
    )
    assert problems[0].endswith(
        "Lancez `python manage.py set_site_address` (à chaque déploiement, après migrate), qui "
        "lui donne « www.dynamique-emploi.fr » et le port 443."
    )


def test_the_right_host_on_the_wrong_port_is_reported():
    problems = production_checks.site_record_problems(
        "https://www.dynamique-emploi.fr", Site(hostname="www.dynamique-emploi.fr", port=80)
    )

    assert "« http://www.dynamique-emploi.fr »" in problems[0]


def test_no_default_site_is_reported():
    assert production_checks.site_record_problems("https://www.dynamique-emploi.fr", None) == [
        "Aucun site Wagtail par défaut : créez-en un pour www.dynamique-emploi.fr, port 443 "
        "(Paramètres › Sites de l'administration)."
    ]


@pytest.mark.django_db
def test_the_default_site_is_read_in_one_query(django_assert_num_queries):
    Site.objects.filter(is_default_site=True).update(hostname="www.dynamique-emploi.fr", port=443)

    with django_assert_num_queries(1):
        site = production_checks.default_site(connection)

    assert (site.hostname, site.port) == ("www.dynamique-emploi.fr", 443)


def test_errors_must_reach_someone():
    assert production_checks.error_recipient_problems([], "") != []
    assert production_checks.error_recipient_problems([("Admin", "a@example.org")], "") == []
    assert production_checks.error_recipient_problems([], "https://key@errors.example.org/1") == []


@pytest.mark.django_db
def test_the_start_up_check_finds_each_problem(django_assert_num_queries):
    Site.objects.filter(is_default_site=True).update(hostname="localhost", port=80)

    with (
        override_settings(
            SETTINGS_MODULE="config.settings.dev",
            SITE_URL="https://www.dynamique-emploi.fr",
            ADMINS=[],
            SENTRY_DSN="",
        ),
        django_assert_num_queries(1),
    ):
        problems = production_checks.startup_problems()

    assert len(problems) == 3
    assert problems[0].startswith("DJANGO_SETTINGS_MODULE vaut « config.settings.dev » pour ce")
    assert problems[1].startswith("Le site Wagtail par défaut a pour adresse « http://localhost »")
    assert problems[2].startswith("Personne n'est prévenu des erreurs")


@pytest.mark.django_db
def test_the_start_up_check_passes_on_a_configured_site():
    Site.objects.filter(is_default_site=True).update(hostname="www.dynamique-emploi.fr", port=443)

    with override_settings(
        SETTINGS_MODULE=PRODUCTION,
        SITE_URL="https://www.dynamique-emploi.fr",
        ADMINS=[("Admin", "erreurs@dynamique-emploi.fr")],
    ):
        assert production_checks.startup_problems() == []


def refuse(connection):
    raise DatabaseError("connection refused")


def test_the_start_up_check_starts_without_the_database(monkeypatch, caplog):
    """No database at start-up: the site starts (and answers 503 until it is back)."""
    monkeypatch.setattr(production_checks, "default_site", refuse)

    with override_settings(
        SETTINGS_MODULE=PRODUCTION,
        SITE_URL="https://www.dynamique-emploi.fr",
        SENTRY_DSN="https://key@errors.example.org/1",
        ADMINS=[],
    ):
        assert production_checks.startup_problems() == []
    assert "Site record not checked, the database does not answer: connection refused" in (
        caplog.text
    )
