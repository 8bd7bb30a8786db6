"""Tasks that test_worker_database_down.py enqueues, for the worker it runs in another process.

They write files rather than send e-mail: no SMTP sink is installed, and a file says as plainly
that the task ran, and how many times.
"""

import time
from pathlib import Path

from django_tasks import task

# How long a held task waits for the test to let it finish, should the test be gone.
HOLD_TIMEOUT = 60


@task(priority=10)
def note_run(folder, name):
    """Append a line to `folder`/`name`: one line per run."""
    with (Path(folder) / name).open("a") as runs:
        runs.write("run\n")


@task()
def note_run_when_released(folder, name):
    """Like note_run, once the test has created `folder`/released.

    It first appends a line to `folder`/`name`.started, so that the test knows it is running and
    can stop the database under it.
    """
    folder = Path(folder)
    with (folder / f"{name}.started").open("a") as started:
        started.write("run\n")
    deadline = time.monotonic() + HOLD_TIMEOUT
    while not (folder / "released").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    with (folder / name).open("a") as runs:
        runs.write("run\n")
