"""Two app servers that keep nothing of their own: whichever one a visitor reaches, same result.

Two gunicorn instances with the production settings, on two ports, share one PostgreSQL
database, Redis (DB 3) and an S3 endpoint (moto in server mode, with a public and a private
bucket), as two servers behind a load balancer would. The test shows that a member signed in
through one is signed in on the other, that a file shared through one downloads through the
other from the private bucket (and from nowhere public), and that a page published through the
admin of one is at once the new version on the other.

It runs with the PostgreSQL pass of `make test` (DATABASE_URL=postgres://…), on the same server,
in a database of its own. Migrating takes close to a minute on a busy machine, so a migrated
template database (TEMPLATE_DATABASE) is kept and rebuilt only when a migration or the pinned
requirements change, as --reuse-db does; static files are collected into var/stateless-static
likewise. Every process started here is stopped at the end and the database dropped.
"""

import html
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from contextlib import ExitStack
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path

import psycopg
import pytest
import redis
import requests
from django.conf import settings

from tests.deploy.databases import (
    POSTGRES_URL,
    clone_template,
    drop,
    finish,
    mark_template_current,
    postgres_admin,
    server_url,
    start_manage,
    start_template_migration,
)
from tests.deploy.stateless_site import DRAFT_TITLE, ORIGINAL_TITLE
from tests.extranet.factories import PASSWORD, totp_code
from tests.processes import manage

REPO_ROOT = Path(settings.BASE_DIR)
DATABASE = "dynamique_emploi_stateless"
STATIC_ROOT = REPO_ROOT / "var" / "stateless-static"
REDIS_URL = "redis://127.0.0.1:6379/3"
PUBLIC_BUCKET = "dynamique-emploi-public"
PRIVATE_BUCKET = "dynamique-emploi-private"
# The host visitors ask for: the load balancer forwards it unchanged to every app server.
HOST = "dynamique-emploi.test"
ORIGIN = f"https://{HOST}"
CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# Starting gunicorn and its workers on a busy 2-core machine.
START_TIMEOUT = 60


pytestmark = [
    pytest.mark.stateless,
    pytest.mark.skipif(
        not POSTGRES_URL.startswith(("postgres://", "postgresql://")),
        reason="runs with the PostgreSQL pass of `make test` (DATABASE_URL=postgres://…)",
    ),
]


def redis_client():
    return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def newest_change(*folders):
    return max(
        (path.stat().st_mtime for folder in folders for path in folder.rglob("*")),
        default=0,
    )


def static_files_are_current():
    manifest = STATIC_ROOT / "staticfiles.json"
    if not manifest.exists():
        return False
    sources = [REPO_ROOT / "static", REPO_ROOT / "requirements"]
    return manifest.stat().st_mtime > newest_change(*sources)


def prepare_database_and_static_files(environ):
    """A fresh, migrated database of the test's own, and collected static files."""
    with postgres_admin() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        # Both at once when both are needed: each takes its own core.
        migrating = start_template_migration(admin, environ)
        running = [migrating] if migrating else []
        if not static_files_are_current():
            running.append(start_manage(environ, "collectstatic", "--noinput", "-v0"))
        for process in running:
            finish(process)
        if migrating:
            mark_template_current(admin)
        clone_template(admin, DATABASE)


@dataclass
class AppServer:
    name: str
    url: str
    process: subprocess.Popen

    def wait_until_ready(self):
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"{self.name} stopped: {self.process.stdout.read()}")
            try:
                response = requests.get(f"{self.url}/healthz", headers={"Host": HOST}, timeout=5)
            except requests.ConnectionError:
                time.sleep(0.3)
                continue
            assert response.status_code == 200, response.text
            return
        pytest.fail(f"{self.name} did not answer within {START_TIMEOUT} s")

    def stop(self):
        # SIGINT: gunicorn's quick shutdown; nothing is left to finish.
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.communicate()


def start_app_server(name, environ):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py"],
        cwd=REPO_ROOT,
        env={**environ, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": "2"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    return AppServer(name, f"http://127.0.0.1:{port}", process)


class Visitor:
    """One browser: its cookies go with it to whichever app server the balancer picks.

    Cookies are kept by hand: they are Secure (production) and the servers answer plain HTTP
    behind a pretend TLS proxy (X-Forwarded-Proto), which a cookie jar would refuse.
    """

    def __init__(self):
        self.cookies = {}

    def request(self, server, method, path, **kwargs):
        headers = {"Host": HOST, "X-Forwarded-Proto": "https"}
        if method == "POST":
            headers |= {"Origin": ORIGIN, "Referer": ORIGIN + path}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        response = requests.request(
            method,
            server.url + path,
            headers=headers,
            allow_redirects=False,
            timeout=30,
            **kwargs,
        )
        for header in response.raw.headers.getlist("Set-Cookie"):
            for name, morsel in SimpleCookie(header).items():
                if morsel.value and morsel["max-age"] != "0":
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)
        return response

    def get(self, server, path):
        return self.request(server, "GET", path)

    def post_form(self, server, path, data, files=None):
        """Opens the form's page, then sends it with the page's CSRF token, as a browser would."""
        page = self.get(server, path)
        assert page.status_code == 200, page.text
        token = CSRF_TOKEN.search(page.text).group(1)
        return self.request(
            server, "POST", path, data={"csrfmiddlewaretoken": token, **data}, files=files
        )

    def sign_in(self, server, email, totp_secret=None):
        response = self.post_form(server, "/compte/login/", {"login": email, "password": PASSWORD})
        assert response.status_code == 302, response.text
        if totp_secret:
            assert response.headers["Location"] == "/compte/2fa/authenticate/"
            response = self.post_form(
                server, "/compte/2fa/authenticate/", {"code": totp_code(totp_secret)}
            )
            assert response.status_code == 302, response.text


def a_pdf():
    """A small PDF whose bytes are this run's own."""
    marker = secrets.token_hex(16)
    return (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
        b"% " + marker.encode() + b"\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    )


@pytest.fixture
def stack():
    """moto, the database, Redis DB 3 and two app servers; everything undone afterwards."""
    from moto.server import ThreadedMotoServer

    try:
        with postgres_admin():
            pass
        redis_client().ping()
    except (psycopg.OperationalError, redis.ConnectionError) as missing:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"PostgreSQL or Redis does not answer: {missing}")

    with ExitStack() as cleanup:
        moto = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        moto.start()
        cleanup.callback(moto.stop)
        moto_host, moto_port = moto.get_host_and_port()
        endpoint = f"http://{moto_host}:{moto_port}"

        import boto3

        s3 = boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name="us-east-1",
            aws_access_key_id="stateless",
            aws_secret_access_key="stateless",
        )
        for bucket in (PUBLIC_BUCKET, PRIVATE_BUCKET):
            s3.create_bucket(Bucket=bucket)

        environ = {
            name: value
            for name, value in os.environ.items()
            if not name.startswith(("DJANGO_", "DATABASE_", "PYTEST_", "AWS_"))
        }
        environ.update(
            DJANGO_SETTINGS_MODULE="config.settings.production",
            SECRET_KEY=secrets.token_urlsafe(50),
            ALLOWED_HOSTS=HOST,
            SITE_URL=ORIGIN,
            DATABASE_URL=server_url(DATABASE),
            EMAIL_URL="consolemail://",
            REDIS_URL=REDIS_URL,
            SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO",
            TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
            STATIC_ROOT=str(STATIC_ROOT),
            S3_ENDPOINT_URL=endpoint,
            S3_REGION="us-east-1",
            S3_ACCESS_KEY_ID="stateless",
            S3_SECRET_ACCESS_KEY="stateless",
            S3_PUBLIC_BUCKET=PUBLIC_BUCKET,
            S3_PRIVATE_BUCKET=PRIVATE_BUCKET,
            S3_ADDRESSING_STYLE="path",
            LOG_LEVEL="WARNING",
            GUNICORN_LOG_LEVEL="warning",
            # gunicorn refuses to start without someone to tell of errors (core.production_checks).
            ADMINS="exploitation@dynamique-emploi.test",
        )

        prepare_database_and_static_files(environ)

        cleanup.callback(drop, DATABASE)
        redis_client().flushdb()
        cleanup.callback(lambda: redis_client().flushdb())

        # The Site record on SITE_URL's host before gunicorn starts: it refuses another.
        manage(environ, "set_site_address")
        servers = [start_app_server(name, environ) for name in ("A", "B")]
        for server in servers:
            cleanup.callback(server.stop)
        # Content is written while the servers start.
        site = json.loads(
            manage(
                environ,
                "shell",
                "-c",
                "from tests.deploy.stateless_site import prepare; prepare()",
            )
            .strip()
            .splitlines()[-1]
        )
        for server in servers:
            server.wait_until_ready()
        yield {"a": servers[0], "b": servers[1], "s3": s3, "endpoint": endpoint, "site": site}


def test_two_app_servers_share_sessions_files_and_published_pages(stack):
    a, b, s3, site = stack["a"], stack["b"], stack["s3"], stack["site"]

    # --- A session opened on A is valid on B -----------------------------------------------
    member = Visitor()
    member.sign_in(a, site["member_email"])
    extranet_home = member.get(b, "/extranet/")
    assert extranet_home.status_code == 200
    assert html.escape(site["organisation"]) in extranet_home.text
    assert Visitor().get(b, "/extranet/").status_code == 302

    # --- A file shared through B downloads through A, from the private bucket only -------------
    pdf = a_pdf()
    shared = member.post_form(
        b,
        "/extranet/ressources/partager/",
        {"title": "Compte-rendu du comité", "kind": "compte_rendu", "audience": "membres"},
        files={"file": ("compte-rendu.pdf", pdf, "application/pdf")},
    )
    assert shared.status_code == 302, shared.text
    detail_path = shared.headers["Location"]
    download = member.get(a, f"{detail_path}telecharger/")
    assert download.status_code == 200
    assert download.content == pdf
    assert Visitor().get(a, f"{detail_path}telecharger/").status_code == 302

    private_keys = [
        item["Key"] for item in s3.list_objects_v2(Bucket=PRIVATE_BUCKET).get("Contents", [])
    ]
    assert len(private_keys) == 1
    assert s3.get_object(Bucket=PRIVATE_BUCKET, Key=private_keys[0])["Body"].read() == pdf
    public_keys = [
        item["Key"] for item in s3.list_objects_v2(Bucket=PUBLIC_BUCKET).get("Contents", [])
    ]
    assert private_keys[0] not in public_keys
    # Nobody reaches it without the storage's credentials, not even knowing its name.
    anonymous = requests.get(f"{stack['endpoint']}/{PRIVATE_BUCKET}/{private_keys[0]}", timeout=10)
    assert anonymous.status_code == 403
    assert stack["endpoint"] not in member.get(a, detail_path).text
    # Public images, on the other hand, are served by the bucket (or its CDN) to anyone.
    image = requests.get(site["image_url"], timeout=10)
    assert image.status_code == 200
    assert image.headers["Content-Type"] == "image/jpeg"
    assert site["image_name"] in public_keys

    # --- A page published through A's admin is the new version on B at once -------------------
    visitor = Visitor()
    served = []
    for _ in range(2):  # Twice: the second comes from the shared page cache (core.cache).
        page = visitor.get(b, site["page_path"])
        assert page.status_code == 200
        assert html.escape(ORIGINAL_TITLE) in page.text
        served.append(page.headers.get("X-Wagtail-Cache"))
    assert served == ["miss", "hit"]
    editor = Visitor()
    editor.sign_in(a, site["editor_email"], totp_secret=site["editor_totp_secret"])
    published = editor.post_form(
        a, f"/admin/bulk/wagtailcore/page/publish/?id={site['page_id']}", {}
    )
    assert published.status_code == 302, published.text

    page = visitor.get(b, site["page_path"])
    assert page.status_code == 200
    assert html.escape(DRAFT_TITLE) in page.text
    assert html.escape(ORIGINAL_TITLE) not in page.text
    assert html.escape(DRAFT_TITLE) in visitor.get(a, site["page_path"]).text
