"""What the bench scripts share: a database of their own, what they measure of one URL, and
gunicorn with the production settings."""

import logging
import os
import signal
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/dynamique_emploi_bench"
SQLITE_PATH = ROOT / "var" / "bench.sqlite3"


def recreate_database(sqlite=False):
    """An empty database, so figures never depend on a previous run; returns its URL.

    PostgreSQL `dynamique_emploi_bench` on the local server (BENCH_DATABASE_URL to change it), or
    var/bench.sqlite3 with `sqlite`.
    """
    if sqlite:
        SQLITE_PATH.parent.mkdir(exist_ok=True)
        SQLITE_PATH.unlink(missing_ok=True)
        return f"sqlite:///{SQLITE_PATH}"

    import psycopg
    from psycopg import sql

    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_POSTGRES_URL)
    server_url, database_name = url.rsplit("/", 1)
    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as connection:
        name = sql.Identifier(database_name)
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(name))
    return url


def setup_django(database_url):
    """Django on `database_url`, development settings with DEBUG off, as the scripts need it."""
    sys.path[:0] = [str(ROOT / "site"), str(ROOT)]
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ["DEBUG"] = "false"
    # Pages made, not answered from the page cache: bench/load.py measures that.
    os.environ["PAGE_CACHE"] = "false"

    import django

    django.setup()
    # Wagtail logs a line for every page it creates or publishes: the figures would drown.
    logging.getLogger("wagtail").setLevel(logging.WARNING)


def measure(client, url, requests):
    """Status, query count, median and 90th percentile of the server time, and the HTML's size."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # The first request warms caches (renditions, templates, site root paths) and is not counted.
    response = client.get(url, HTTP_HOST="localhost")
    with CaptureQueriesContext(connection) as queries:
        client.get(url, HTTP_HOST="localhost")
    # Read now: the captured slice is lost once later requests reopen the connection.
    query_count = len(queries)
    timings = []
    for _ in range(requests):
        start = time.perf_counter()
        client.get(url, HTTP_HOST="localhost")
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return {
        "status": response.status_code,
        "queries": query_count,
        "median": statistics.median(timings),
        "p90": timings[max(int(len(timings) * 0.9) - 1, 0)],
        "bytes": len(response.content),
    }


def production_environment(database_url, port, **overrides):
    """The variables gunicorn needs to run the production settings on `database_url`, bound to
    127.0.0.1:`port`, behind a pretend TLS proxy (requests carry X-Forwarded-Proto: https)."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        # Signs the bench's sessions only.
        "SECRET_KEY": "bench-only-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "EMAIL_URL": "consolemail://",
        # gunicorn refuses to start without someone to tell of errors (core.production_checks).
        "ADMINS": "bench@localhost",
        "SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_LOG_LEVEL": "warning",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT / "site"),
        **overrides,
    }


def request_headers(cookie=""):
    headers = {"X-Forwarded-Proto": "https", "Host": "localhost"}
    if cookie:
        headers["Cookie"] = cookie
    return headers


class Server:
    """gunicorn with the production settings (deploy/gunicorn.conf.py), its output in `log`."""

    def __init__(self, env, port, log):
        self.env, self.port, self.log, self.process = env, port, log, None

    def start(self):
        log = self.log.open("a")
        self.process = subprocess.Popen(  # noqa: S603 (our own gunicorn and its settings)
            [str(GUNICORN), "-c", str(ROOT / "deploy" / "gunicorn.conf.py")],
            env=self.env,
            # gunicorn puts its working directory first on sys.path: from bench/, bench/offers.py
            # would hide the offers app.
            cwd=ROOT / "site",
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"gunicorn stopped at start: see {self.log}")
            try:
                if self.get("/healthz")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.5)
        self.stop()
        sys.exit(f"gunicorn did not answer within 60 s: see {self.log}")

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def get(self, path, cookie=""):
        """(status, headers, body) of one request as wrk sends it."""
        # S310: http:// on 127.0.0.1, built here.
        request = urllib.request.Request(self.url(path), headers=request_headers(cookie))  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()
