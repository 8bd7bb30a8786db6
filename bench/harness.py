"""What the bench scripts share: a database of their own, and what they measure of one URL."""

import logging
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
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
