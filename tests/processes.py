"""Running the project's own commands in a process of their own, as a server would."""

import subprocess
import sys

from django.conf import settings


def manage(environ, *arguments, timeout=180):
    """`python manage.py …` from the repository root with this environment; its output.

    Fails the test with the command's output when it exits with an error."""
    result = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=settings.BASE_DIR,
        env=environ,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout
