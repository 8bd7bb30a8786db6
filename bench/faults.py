"""What visitors get when PostgreSQL restarts or Redis stops under load, and how fast it recovers.

    .venv/bin/python bench/faults.py postgres [--outage 5] [--duration 30] [--clients 8]
    .venv/bin/python bench/faults.py redis [--outage 10] [--duration 30] [--clients 8]

**This stops and restarts the machine's own PostgreSQL or Redis** (pg_ctlcluster, redis-cli):
run it on a development machine or a staging server, never beside other work.

It builds a PostgreSQL database `dynamique_emploi_faults` with the demo content, starts gunicorn
with the production settings (deploy/gunicorn.conf.py, 4 workers) and sends requests from
several clients without pause to the home page, the offer and event listings (served from the
page cache) and a keyword search of offers (never cached). After 5 s it
stops the service for `--outage` seconds, then starts it again. It prints, second by second, how
many requests got each status and the slowest answer, then a summary: what visitors got during
the outage, and how long after the service came back the site answered normally by itself.

Expected (docs/faults.md): PostgreSQL away → 503 « Le site revient dans un instant »
within a few milliseconds, no request hanging; back → 200 within a couple of seconds, no restart
of the app. Redis away → 200 everywhere (the cache is skipped), a little slower.
"""

import argparse
import collections
import os
import shutil
import subprocess
import sys
import threading
import time

from harness import ROOT, Server, production_environment, recreate_database

PORT = 8765
# Pages from the page cache (home, listings) and one the cache never keeps (a keyword search).
URLS = ["/", "/offres/", "/evenements/", "/offres/?q=magasinier"]
FAULTS_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/dynamique_emploi_faults"
REDIS_URL = "redis://127.0.0.1:6379/5"
OUTAGE_STARTS_AFTER = 5
# The commands that start the machine's services (the same as the machine's own start-up).
REDIS_START = [
    "redis-server",
    "--daemonize", "yes", "--bind", "127.0.0.1", "-::1", "--port", "6379",
    "--save", "", "--appendonly", "no",
    "--dir", "/var/lib/redis", "--logfile", "/var/log/redis/ci.log",
]  # fmt: skip


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("service", choices=["postgres", "redis"])
    parser.add_argument("--outage", type=float, default=5, help="seconds the service is away")
    parser.add_argument("--duration", type=float, default=30, help="seconds of load in all")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients")
    parser.add_argument(
        "--reuse", action="store_true", help="reuse the database of a previous run (faster)"
    )
    return parser.parse_args()


def server_environment(database_url):
    return production_environment(
        database_url,
        PORT,
        REDIS_URL=REDIS_URL,
        TASKS_BACKEND="django_tasks_db.backend.DatabaseBackend",
        GUNICORN_WORKERS="4",
        LOG_LEVEL="ERROR",
    )


def prepare_database(reuse):
    """The faults' own database with the demo content, and the static files as production has
    them (hashed names, compressed copies); returns the database's URL."""
    os.environ["BENCH_DATABASE_URL"] = FAULTS_DATABASE_URL
    manage = [sys.executable, str(ROOT / "manage.py")]
    steps = [] if reuse else [["migrate", "--noinput"], ["load_demo"]]
    url = FAULTS_DATABASE_URL if reuse else recreate_database()
    development = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
    }
    print("Base de données, contenu de démonstration, fichiers statiques…", flush=True)
    for command, environment in [
        *((step, development) for step in steps),
        (["collectstatic", "--noinput"], server_environment(url)),
    ]:
        subprocess.run(  # noqa: S603 — our own manage.py.
            manage + command, env=environment, check=True, stdout=subprocess.DEVNULL
        )
    return url


def timed_get(server, path):
    """(status, seconds); status is 'erreur' when no HTTP answer came back."""
    start = time.monotonic()
    try:
        status = server.get(path)[0]
    except OSError:
        status = "erreur"
    return status, time.monotonic() - start


def load(server, results, stop, started):
    index = 0
    while not stop.is_set():
        sent = time.monotonic() - started
        status, seconds = timed_get(server, URLS[index % len(URLS)])
        results.append((sent, status, seconds))
        index += 1


def pg_cluster():
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    return ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main"]


def stop_service(service):
    if service == "postgres":
        subprocess.run([*pg_cluster(), "stop", "-m", "fast"], check=True)  # noqa: S603
    else:
        subprocess.run(["redis-cli", "-p", "6379", "shutdown", "nosave"], check=False)  # noqa: S607


def start_service(service):
    if service == "postgres":
        subprocess.run([*pg_cluster(), "start"], check=True)  # noqa: S603
    else:
        subprocess.run(REDIS_START, check=True)  # noqa: S603


def print_report(results, outage_start, outage_end):
    per_second = collections.defaultdict(list)
    for sent, status, seconds in results:
        per_second[int(sent)].append((status, seconds))
    print(f"\n{'s':>3}  {'requêtes':>8}  {'statuts':<32} {'plus lente':>10}")
    for second in sorted(per_second):
        answers = per_second[second]
        statuses = collections.Counter(str(status) for status, _ in answers)
        marker = " ← panne" if outage_start <= second < outage_end else ""
        slowest = max(seconds for _, seconds in answers) * 1000
        summary = ", ".join(f"{status}×{count}" for status, count in sorted(statuses.items()))
        print(f"{second:>3}  {len(answers):>8}  {summary:<32} {slowest:>7.0f} ms{marker}")

    during = [
        (status, seconds) for sent, status, seconds in results if outage_start <= sent < outage_end
    ]
    after = sorted((sent, status) for sent, status, _ in results if sent >= outage_end)
    recovered_at = None
    for index, (sent, _status) in enumerate(after):
        if all(status == 200 for _, status in after[index:]):
            recovered_at = sent
            break
    counts = collections.Counter(str(status) for status, _ in during)
    print("\nPendant la panne :", ", ".join(f"{s}×{c}" for s, c in sorted(counts.items())) or "—")
    if during:
        print(f"Réponse la plus lente pendant la panne : {max(s for _, s in during) * 1000:.0f} ms")
    if recovered_at is None:
        print("Le site n'est pas revenu à la normale avant la fin de la mesure.")
    else:
        print(f"Retour à la normale {recovered_at - outage_end:.1f} s après le retour du service.")


def main():
    arguments = parse_arguments()
    for program in ("pg_ctlcluster", "redis-cli", "redis-server"):
        if not shutil.which(program):
            raise SystemExit(f"{program} is needed (Debian: postgresql-common, redis-tools).")
    database_url = prepare_database(arguments.reuse)
    server = Server(
        server_environment(database_url), PORT, ROOT / "var" / "bench-faults-gunicorn.log"
    )
    server.start()
    results, stop = [], threading.Event()
    started = time.monotonic()
    clients = [
        threading.Thread(target=load, args=(server, results, stop, started), daemon=True)
        for _ in range(arguments.clients)
    ]
    try:
        for client in clients:
            client.start()
        time.sleep(OUTAGE_STARTS_AFTER)
        print(f"Arrêt de {arguments.service}…", flush=True)
        outage_start = time.monotonic() - started
        stop_service(arguments.service)
        time.sleep(arguments.outage)
        print(f"Redémarrage de {arguments.service}…", flush=True)
        start_service(arguments.service)
        outage_end = time.monotonic() - started
        time.sleep(max(arguments.duration - outage_end, 5))
    finally:
        stop.set()
        for client in clients:
            client.join(timeout=20)
        server.stop()
        # Whatever happened, leave the machine's services running.
        if not service_answers(arguments.service):
            start_service(arguments.service)
    print_report(results, outage_start, outage_end)


def service_answers(service):
    if service == "postgres":
        return subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1"], check=False).returncode == 0  # noqa: S607
    return subprocess.run(["redis-cli", "ping"], capture_output=True, check=False).returncode == 0  # noqa: S607


if __name__ == "__main__":
    main()
