"""The production settings: they refuse to start without their variables and pass `check --deploy`.

Each check runs in a subprocess: the settings modules read the environment at import time (and
base.py fills it from the repo's .env), so importing them here would leak into the test process.
"""

import json
import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings

REPO_ROOT = settings.BASE_DIR
REQUIRED_VARIABLES = ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "EMAIL_URL"]


@pytest.fixture
def production_environ(tmp_path):
    """A complete production environment, built from scratch rather than from the test run's."""
    environ = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "DATABASE_", "PYTEST_"))
    }
    environ.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="dynamique-emploi.fr,www.dynamique-emploi.fr",
        DATABASE_URL=f"sqlite:///{tmp_path / 'production.sqlite3'}",
        EMAIL_URL="smtp+tls://site:motdepasse@smtp.example.org:587",
    )
    return environ


def run_deploy_check(environ):
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO_ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_deploy_check_passes_without_any_warning(production_environ):
    result = run_deploy_check(production_environ)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


@pytest.mark.parametrize("missing_variable", REQUIRED_VARIABLES)
def test_production_refuses_to_start_without_a_required_variable(
    production_environ, missing_variable
):
    # An empty value rather than no value: base.py fills absent variables from the repo's .env
    # (which holds a SECRET_KEY on every developer machine) but never overwrites a set one.
    production_environ[missing_variable] = ""

    result = run_deploy_check(production_environ)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    missing_line = next(
        line for line in result.stderr.splitlines() if "requises en production manquantes" in line
    )
    assert missing_line.rstrip().endswith(f": {missing_variable}")


def test_production_names_every_missing_variable_at_once(production_environ):
    for name in REQUIRED_VARIABLES:
        production_environ[name] = ""

    result = run_deploy_check(production_environ)

    assert result.returncode != 0
    assert ", ".join(REQUIRED_VARIABLES) in result.stderr


def test_production_hardens_static_files_cookies_and_https(production_environ):
    script = (
        "import json, sys; sys.path.insert(0, 'site');"
        "from config.settings import production as s;"
        "print(json.dumps({"
        "'static': s.STORAGES['staticfiles']['BACKEND'], 'debug': s.DEBUG,"
        "'session_secure': s.SESSION_COOKIE_SECURE, 'csrf_secure': s.CSRF_COOKIE_SECURE,"
        "'hsts': s.SECURE_HSTS_SECONDS, 'ssl_redirect': s.SECURE_SSL_REDIRECT,"
        "'hosts': s.ALLOWED_HOSTS, 'engine': s.DATABASES['default']['ENGINE']}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO_ROOT,
        env=production_environ,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    values = json.loads(result.stdout)

    assert values["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert values["debug"] is False
    assert values["session_secure"] is True
    assert values["csrf_secure"] is True
    assert values["hsts"] >= 60 * 60 * 24 * 365
    assert values["ssl_redirect"] is True
    assert values["hosts"] == ["dynamique-emploi.fr", "www.dynamique-emploi.fr"]
    assert values["engine"] == "django.db.backends.sqlite3"
