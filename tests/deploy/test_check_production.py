"""`make check-production`: what an operator reads when a production configuration is incomplete.

The command runs in a subprocess, as the Makefile runs it: the settings read the environment when
imported, and the test process must keep its own. Its services are real ones on this machine: an
S3 endpoint (moto in server mode), a tiny SMTP server, Redis, and the test run's PostgreSQL
database for the check that passes.
"""

import os
import secrets
import socket
import socketserver
import subprocess
import sys
import threading

import boto3
import pytest
from django.conf import settings
from django.db import connection

REPO_ROOT = settings.BASE_DIR
PUBLIC_BUCKET = "verification-public"
PRIVATE_BUCKET = "verification-private"
UNREACHABLE = "127.0.0.1:9"  # The discard port: nothing listens on it here.
# An empty manifest, as collectstatic writes for a site without static files.
MANIFEST = '{"paths": {}, "version": "1.1", "hash": ""}'


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
        DJANGO_SETTINGS_MODULE="config.settings.base",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="www.dynamique-emploi.fr",
        SITE_URL="https://www.dynamique-emploi.fr",
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


def check_production(environ, *arguments):
    return subprocess.run(
        [sys.executable, "manage.py", "check_production", *arguments],
        cwd=REPO_ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def lines_to_fix(result):
    return [line.strip() for line in result.stdout.splitlines() if "À CORRIGER" in line]


def test_an_empty_environment_lists_every_missing_variable(tmp_path):
    environ = production_environ(tmp_path, SECRET_KEY="", ALLOWED_HOSTS="", SITE_URL="")

    result = check_production(environ)

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
    assert "point(s) à corriger avant la mise en production" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_single_server_needs_neither_redis_nor_object_storage(tmp_path):
    environ = production_environ(tmp_path, DATABASE_URL="", EMAIL_URL="")

    result = check_production(environ, "--single-server")

    assert result.returncode == 1
    assert [line for line in lines_to_fix(result) if "REDIS" in line or "S3_" in line] == []
    assert "ATTENTION  REDIS_URL n'est pas défini" in result.stdout


def test_unreachable_services_and_a_public_private_bucket_are_each_reported(
    tmp_path, buckets, s3_endpoint
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

    result = check_production(environ)

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


@pytest.mark.django_db
def test_a_complete_configuration_passes(tmp_path, buckets, s3_endpoint, smtp_server):
    if connection.vendor != "postgresql":
        pytest.skip("needs the PostgreSQL pass of `make test` (DATABASE_URL=postgres://…)")
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

    result = check_production(environ)

    assert result.returncode == 0, result.stdout + result.stderr
    assert lines_to_fix(result) == []
    assert "Toutes les migrations sont appliquées." in result.stdout
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
