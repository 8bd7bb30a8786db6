"""Load test of the main pages under gunicorn, beside the same HTML served as a static file.

Prints requests per second, p50 and p99 latency and errors under concurrent clients, for each
page and for its HTML served as a static file by the same stack.

    .venv/bin/python bench/load.py [--duration 60] [--connections 50] [--offers 10000] [--rebuild]
                                   [--only "same, one client" …]

What it does, in order:

1. A PostgreSQL database `dynamique_emploi_bench` (BENCH_DATABASE_URL to change it) with the
   demo content and at least --offers live offers, built in bulk the first time and reused
   afterwards (--rebuild starts again from an empty database; bench/offers.py shares it).
2. collectstatic into var/bench-static, as a deployment does.
3. gunicorn with the production settings and deploy/gunicorn.conf.py (sync workers, 2×CPU+1),
   Redis DB 2 (BENCH_REDIS_URL, emptied first) for the cache, the page cache and sessions.
   Requests carry `X-Forwarded-Proto: https`, as the TLS proxy would send it.
4. Each page's HTML is saved under var/bench-static/bench/ and gunicorn restarted, so that
   WhiteNoise serves the very same bytes as a static file from the same processes.
5. wrk (Debian's `wrk`), --connections connections for --duration seconds on each page, then on
   its static copy: requests per second, p50, p99, errors (socket errors and non-2xx answers).

Pages: the home page, the offer listing unfiltered and filtered, an offer (with the « Ça
m'intéresse » form, as most are, and one applied for elsewhere, without it), the event listing
(anonymous: served from the page cache when the page allows it), the offer listing signed in
(never from the page cache: the uncached figure, also with a single client, i.e. without the
queue of 50) and the extranet's resource list (signed in).
The « cache » column is what the page cache did with the second anonymous request (hit: served
from it; skip: never stored, see core.cache).

The machine running the load also runs wrk: figures are for comparing, not absolute.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

from harness import (
    DEFAULT_POSTGRES_URL,
    ROOT,
    Server,
    production_environment,
    recreate_database,
    request_headers,
)

PYTHON = ROOT / ".venv" / "bin" / "python"
STATIC_ROOT = ROOT / "var" / "bench-static"
STATIC_COPIES = STATIC_ROOT / "bench"
GUNICORN_LOG = ROOT / "var" / "bench-load-gunicorn.log"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/2"
FILTERED_LISTING = "/offres/?secteur=logistique&sans_diplome=1"

# Counts answers outside 2xx (wrk itself only counts socket errors and statuses above 399) and
# prints the figures as one JSON line.
WRK_SCRIPT = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) not_2xx = 0 end
function response(status, headers, body)
  if status < 200 or status > 299 then not_2xx = not_2xx + 1 end
end
function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do bad = bad + thread:get("not_2xx") end
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "seconds": %f, "p50_us": %d, "p99_us": %d, ' ..
    '"socket_errors": %d, "not_2xx": %d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout, bad))
end
"""

INFO_SNIPPET = """
import json
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from extranet.models import Membership
from extranet.permissions import must_use_two_factor
from offers.enums import ApplicationMethod
from offers.models import OfferPage

offers = OfferPage.objects.current().order_by("path")
offer = offers.filter(application_method=ApplicationMethod.ADVISERS).first()
offer_without_form = offers.exclude(application_method=ApplicationMethod.ADVISERS).first()
member = next(
    m.user for m in Membership.objects.current().select_related("user").order_by("pk")
    if m.user.is_active and not must_use_two_factor(m.user)
)
client = Client()
client.force_login(member)
print("INFO_JSON " + json.dumps({
    "offer_url": offer.url,
    "offer_without_form_url": offer_without_form.url,
    "live_offers": OfferPage.objects.current().count(),
    "session_cookie": f"{client.cookies[settings.SESSION_COOKIE_NAME].key}="
    f"{client.cookies[settings.SESSION_COOKIE_NAME].value}",
    "resources_url": reverse("resources:list"),
}))
"""


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=60, help="seconds of load per URL")
    parser.add_argument("--connections", type=int, default=50, help="concurrent connections")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--timeout", default="10s", help="wrk's per-request timeout")
    parser.add_argument("--offers", type=int, default=10_000, help="live offers at least")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the database")
    parser.add_argument(
        "--only",
        nargs="+",
        metavar="PAGE",
        help='measure only these pages, by their label: --only "same, one client"',
    )
    return parser.parse_args()


def environment(database_url, arguments):
    """The production settings' variables, pointed at the bench's database and Redis."""
    extra = {"GUNICORN_WORKERS": str(arguments.workers)} if arguments.workers else {}
    return production_environment(
        database_url,
        arguments.port,
        REDIS_URL=os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS_URL),
        STATIC_ROOT=str(STATIC_ROOT),
        PRIVATE_MEDIA_ROOT=str(ROOT / "var" / "bench-private"),
        # Building the content indexes it at once instead of queueing thousands of tasks.
        TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
        **extra,
    )


def manage(env, *args, capture=False):
    command = [str(PYTHON), str(ROOT / "manage.py"), *args]
    # S603: our own interpreter and manage.py, arguments from this script.
    result = subprocess.run(  # noqa: S603
        command,
        env=env,
        check=True,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
        text=True,
    )
    return result.stdout or ""


def shell(env, code):
    return manage(env, "shell", "--no-imports", "-c", code, capture=True)


def database_exists(url):
    import psycopg

    server_url, name = url.rsplit("/", 1)
    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as connection:
        row = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    return row is not None


def prepare_database(arguments):
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_POSTGRES_URL)
    if arguments.rebuild or not database_exists(url):
        url = recreate_database()
    env = environment(url, arguments)
    started = time.perf_counter()
    manage(env, "migrate", "--noinput")
    counts = json.loads(
        shell(
            env,
            "import json; from home.models import HomePage; from offers.models import OfferPage; "
            "print(json.dumps([HomePage.objects.count(), OfferPage.objects.current().count()]))",
        ).strip()
    )
    if not counts[0]:
        manage(env, "load_demo")
        counts[1] = int(
            shell(
                env,
                "from offers.models import OfferPage; print(OfferPage.objects.current().count())",
            ).strip()
        )
    if counts[1] < arguments.offers:
        manage(env, "load_demo", "--offers", str(arguments.offers - counts[1]))
        # As autovacuum soon would: the planner needs the statistics of the grown tables.
        shell(env, "from django.db import connection; connection.cursor().execute('ANALYZE')")
    print(f"Database {url.rsplit('/', 1)[1]} ready in {time.perf_counter() - started:.0f} s")
    return env


def empty_redis(env):
    import redis

    redis.Redis.from_url(env["REDIS_URL"]).flushdb()


def run_wrk(url, arguments, cookie="", connections=None):
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    command = [
        "wrk",
        f"--threads={min(arguments.threads, connections or arguments.connections)}",
        f"--connections={connections or arguments.connections}",
        f"--duration={arguments.duration}s",
        f"--timeout={arguments.timeout}",
        f"--script={script.name}",
    ]
    for name, value in request_headers(cookie).items():
        command += ["--header", f"{name}: {value}"]
    try:
        output = subprocess.run(  # noqa: S603 (wrk, arguments from this script)
            [*command, url], check=True, capture_output=True, text=True
        ).stdout
    finally:
        os.unlink(script.name)
    line = next(line for line in output.splitlines() if line.startswith("WRK_JSON "))
    figures = json.loads(line.removeprefix("WRK_JSON "))
    figures["rps"] = figures["requests"] / figures["seconds"]
    figures["errors"] = figures["socket_errors"] + figures["not_2xx"]
    return figures


def main():
    arguments = parse_arguments()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: sudo apt-get install wrk (Debian and Ubuntu).")

    env = prepare_database(arguments)
    started = time.perf_counter()
    manage(env, "collectstatic", "--noinput")
    print(f"Static files collected in {time.perf_counter() - started:.0f} s")
    info = json.loads(
        next(
            line
            for line in shell(env, "from django.conf import settings\n" + INFO_SNIPPET).splitlines()
            if line.startswith("INFO_JSON ")
        ).removeprefix("INFO_JSON ")
    )
    cookie = info["session_cookie"]
    # (label, path, session cookie, connections: None for --connections)
    targets = [
        ("home", "/", "", None),
        ("offer listing", "/offres/", "", None),
        ("filtered listing", FILTERED_LISTING, "", None),
        # Most offers take « Ça m'intéresse » on their page: its form token keeps it uncached.
        ("an offer", info["offer_url"], "", None),
        ("offer without form", info["offer_without_form_url"], "", None),
        ("event listing", "/evenements/", "", None),
        ("listing, signed in", "/offres/", cookie, None),
        # One client: the server's own time for an uncached listing, without the queue that
        # 50 clients make in front of the workers.
        ("same, one client", "/offres/", cookie, 1),
        ("extranet resources", info["resources_url"], cookie, None),
    ]

    if arguments.only:
        unknown = set(arguments.only) - {label for label, *_ in targets}
        if unknown:
            sys.exit(f"No such page: {', '.join(sorted(unknown))}.")
        targets = [target for target in targets if target[0] in arguments.only]

    empty_redis(env)
    GUNICORN_LOG.write_text("")
    server = Server(env, arguments.port, GUNICORN_LOG)
    try:
        # The pages' HTML as static files, then a restart so that WhiteNoise finds them.
        server.start()
        STATIC_COPIES.mkdir(parents=True, exist_ok=True)
        static_paths = {}
        for number, (label, path, target_cookie, _connections) in enumerate(targets):
            status, _headers, body = server.get(path, target_cookie)
            if status != 200:
                sys.exit(f"{label} ({path}) answered {status}: nothing measured.")
            name = f"page-{number}.html"
            (STATIC_COPIES / name).write_bytes(body)
            static_paths[label] = f"/static/bench/{name}"
        server.stop()
        empty_redis(env)
        server.start()

        print(
            f"{info['live_offers']} live offers; wrk: {arguments.connections} connections, "
            f"{arguments.duration} s per URL, {arguments.threads} threads; gunicorn "
            f"{env.get('GUNICORN_WORKERS', '2×CPU+1')} sync workers"
        )
        header = (
            f"{'page':<20} {'cache':<5} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6}"
            f" | {'static req/s':>12} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6} | {'ratio':>5}"
        )
        print(header)
        print("-" * len(header))
        for label, path, target_cookie, connections in targets:
            # The first request fills the page cache; the second says whether it was used.
            server.get(path, target_cookie)
            headers = server.get(path, target_cookie)[1]
            cache = headers.get("X-Wagtail-Cache", "-")
            page = run_wrk(server.url(path), arguments, target_cookie, connections)
            static = run_wrk(server.url(static_paths[label]), arguments, "", connections)
            ratio = static["rps"] / page["rps"] if page["rps"] else float("inf")
            print(
                f"{label:<20} {cache:<5} {page['rps']:>7.0f} {page['p50_us'] / 1000:>7.1f}"
                f" {page['p99_us'] / 1000:>7.1f} {page['errors']:>6}"
                f" | {static['rps']:>12.0f} {static['p50_us'] / 1000:>7.1f}"
                f" {static['p99_us'] / 1000:>7.1f} {static['errors']:>6} | {ratio:>5.1f}",
                flush=True,
            )
        print(
            "ratio: the static copy's requests per second over the page's (1.0: as fast as a "
            "file). URLs: " + ", ".join(f"{label} {path}" for label, path, *_ in targets)
        )
    finally:
        server.stop()
        shutil.rmtree(STATIC_COPIES, ignore_errors=True)


if __name__ == "__main__":
    main()
