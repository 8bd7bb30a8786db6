"""PostgreSQL stops under the background worker: the worker waits for it and goes on, and the task
it was running when the database went away runs again (core.worker).

The worker is `manage.py db_worker` with the production settings, in a process of its own, on a
PostgreSQL cluster of the test's own (initdb in a temporary directory, on a free port): the
machine's shared server is never stopped. The database is stopped twice: while the worker waits
for tasks (`pg_ctl stop -m fast`), then while a task runs (`-m immediate`, as a crash). The tasks
write files instead of sending e-mail (tests/faults/worker_tasks.py).

It runs with the PostgreSQL pass of `make test` (DATABASE_URL=postgres://…), where PostgreSQL's
server programs are installed; as root, they run as the `postgres` user.
"""

import glob
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
import pytest
from django.conf import settings

from tests.faults import closed_port
from tests.processes import manage

POSTGRES_BIN = next(iter(sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)), None)
# Starting Django in a subprocess, PostgreSQL recovering from a crash: on a busy 2-core machine.
TIMEOUT = 60
STATUS = "SELECT status FROM django_tasks_database_dbtaskresult WHERE id = %s"
REPO_ROOT = Path(settings.BASE_DIR)

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
        reason="runs with the PostgreSQL pass of `make test` (DATABASE_URL=postgres://…)",
    ),
    pytest.mark.skipif(POSTGRES_BIN is None, reason="PostgreSQL's initdb and pg_ctl are needed"),
]


def wait_for(condition, what, log):
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"Still waiting, after {TIMEOUT} s, for {what}. Worker:\n{log.read_text()}")
        time.sleep(0.1)


class PrivatePostgres:
    """A throwaway PostgreSQL cluster that the test may stop and start at will."""

    def __init__(self, folder):
        self.folder = folder
        self.data = folder / "data"
        # Free: nothing listens there yet.
        self.port = closed_port()
        # initdb refuses to run as root.
        self.as_user = []
        if os.geteuid() == 0:
            shutil.chown(folder, user="postgres")
            self.as_user = ["runuser", "-u", "postgres", "--"]

    def run(self, program, *arguments, check=True):
        subprocess.run(
            [*self.as_user, f"{POSTGRES_BIN}/{program}", *arguments],
            check=check,
            capture_output=True,
            timeout=TIMEOUT,
        )

    def create(self):
        self.run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync")
        self.start()

    def start(self):
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        log = str(self.folder / "log")
        self.run("pg_ctl", "-D", str(self.data), "-o", options, "-l", log, "-w", "start")

    def stop(self, mode, check=True):
        self.run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop", check=check)

    def url(self, database):
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def execute(self, database, query, *parameters):
        with psycopg.connect(self.url(database), autocommit=True, connect_timeout=5) as connection:
            cursor = connection.execute(query, parameters)
            return cursor.fetchall() if cursor.description else None


@pytest.fixture
def postgres():
    folder = Path(tempfile.mkdtemp(prefix="worker-database-down-"))
    cluster = PrivatePostgres(folder)
    try:
        cluster.create()
        yield cluster
    finally:
        cluster.stop("immediate", check=False)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def production_environ(postgres):
    postgres.execute("postgres", "CREATE DATABASE worker")
    environ = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "DATABASE_", "PYTEST_", "REDIS_", "TASKS_", "AWS_"))
    }
    environ.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="dynamique-emploi.test",
        DATABASE_URL=postgres.url("worker"),
        EMAIL_URL=f"smtp://127.0.0.1:{closed_port()}",
        TASKS_BACKEND="django_tasks_db.backend.DatabaseBackend",
        LOG_LEVEL="INFO",
    )
    # The worker needs nothing but the tasks' table.
    manage(environ, "migrate", "django_tasks_database", "--noinput", "-v0", timeout=TIMEOUT)
    return environ


@pytest.fixture
def worker(production_environ, tmp_path):
    log = tmp_path / "worker.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay"],
            cwd=REPO_ROOT,
            env=production_environ,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        yield process, log
    finally:
        process.kill()
        process.wait()


def enqueue(environ, folder):
    """Queue a quick task, and a second one that runs until the test releases it."""
    code = (
        "from tests.faults.worker_tasks import note_run, note_run_when_released\n"
        f"print(note_run.enqueue({str(folder)!r}, 'quick').id)\n"
        f"print(note_run_when_released.enqueue({str(folder)!r}, 'held').id)\n"
    )
    return manage(environ, "shell", "-v0", "-c", code).split()[-2:]


def test_the_worker_goes_on_after_outages_and_runs_again_the_task_cut_short(
    postgres, production_environ, worker, tmp_path
):
    process, log = worker

    def status(task_id):
        return postgres.execute("worker", STATUS, task_id)[0][0]

    def logged_since(offset, text):
        return lambda: text in log.read_text()[offset:]

    wait_for(logged_since(0, "Starting worker"), "the worker to start", log)

    # The database stops while the worker waits for tasks.
    postgres.stop("fast")
    wait_for(logged_since(0, "Database unavailable"), "the worker to notice the outage", log)
    postgres.start()

    quick, held = enqueue(production_environ, tmp_path)
    wait_for(lambda: status(quick) == "SUCCESSFUL", "the quick task to succeed", log)
    assert process.poll() is None

    # The database stops while a task runs: the worker cannot record that it finished.
    wait_for((tmp_path / "held.started").exists, "the held task to start", log)
    offset = len(log.read_text())
    postgres.stop("immediate")
    (tmp_path / "released").touch()
    wait_for(logged_since(offset, "Database unavailable"), "the worker to notice the outage", log)
    postgres.start()

    wait_for(lambda: status(held) == "SUCCESSFUL", "the held task to run again and succeed", log)
    assert process.poll() is None
    assert (tmp_path / "quick").read_text() == "run\n"
    # Run a second time, since the first run's outcome was lost with the database.
    assert (tmp_path / "held").read_text() == "run\nrun\n"
    assert "cut short by the database outage" in log.read_text()[offset:]
