"""The packaging files at the repository's root say the same as the settings and the units.

Dockerfile, compose.yaml, Procfile, cron.json (Scalingo's format for scheduled jobs) and
.env.example are read by no test that runs them (Docker is not on every machine): these tests
fail when one of them drifts from what it mirrors.
"""

import ast
import json
import re
import shlex
from pathlib import Path

import yaml
from django.conf import settings

REPO_ROOT = Path(settings.BASE_DIR)
SETTINGS_DIR = REPO_ROOT / "site" / "config" / "settings"
SYSTEMD_DIR = REPO_ROOT / "deploy" / "systemd"
GUNICORN_CONF = REPO_ROOT / "deploy" / "gunicorn.conf.py"
# Read by something else than the settings or gunicorn's configuration: manage.py and
# config.wsgi (DJANGO_SETTINGS_MODULE).
READ_ELSEWHERE = {"DJANGO_SETTINGS_MODULE"}


def variables_read_by_settings():
    """Each name given to django-environ (`env.str("NAME", …)`, `env("NAME")`) in the settings."""
    names = set()
    for path in SETTINGS_DIR.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            first, function = node.args[0], node.func
            reads_env = (isinstance(function, ast.Name) and function.id == "env") or (
                isinstance(function, ast.Attribute)
                and isinstance(function.value, ast.Name)
                and function.value.id == "env"
            )
            if reads_env and isinstance(first, ast.Constant) and isinstance(first.value, str):
                names.add(first.value)
    return names


def variables_read_by_gunicorn():
    return set(re.findall(r'os\.environ\.get\("([A-Z0-9_]+)"', GUNICORN_CONF.read_text()))


def variables_in_env_example():
    """NAME of every `NAME=…` line, commented out (its default kept) or not."""
    text = (REPO_ROOT / ".env.example").read_text()
    return set(re.findall(r"^(?:#\s*)?([A-Z][A-Z0-9_]*)=", text, flags=re.MULTILINE))


def test_the_settings_are_read_as_this_test_expects():
    """The parser above finds what base.py reads (else the next test would prove nothing)."""
    assert {"SECRET_KEY", "DATABASE_URL", "S3_PUBLIC_BUCKET", "ADMINS"} <= (
        variables_read_by_settings()
    )
    assert {"GUNICORN_BIND", "FORWARDED_ALLOW_IPS"} <= variables_read_by_gunicorn()


def test_env_example_lists_every_variable_the_site_reads():
    missing = (variables_read_by_settings() | variables_read_by_gunicorn() | READ_ELSEWHERE) - (
        variables_in_env_example()
    )

    assert missing == set(), f"Add to .env.example, with a comment: {sorted(missing)}"


def test_env_example_lists_nothing_the_site_does_not_read():
    unread = variables_in_env_example() - (
        variables_read_by_settings() | variables_read_by_gunicorn() | READ_ELSEWHERE
    )

    assert unread == set(), f"Nothing reads these: {sorted(unread)}"


def timers():
    """{job command: OnCalendar} of deploy/systemd/*.timer."""
    jobs = {}
    for timer in SYSTEMD_DIR.glob("*.timer"):
        text = timer.read_text()
        calendar = re.search(r"^OnCalendar=(.+)$", text, re.MULTILINE).group(1).strip()
        command = re.search(r"^Unit=dynamique-emploi-job@(.+)\.service$", text, re.MULTILINE)
        jobs[command.group(1)] = calendar
    return jobs


def as_cron(calendar):
    """systemd's OnCalendar in the two forms the timers use, as a crontab schedule."""
    if match := re.fullmatch(r"\*:0/(\d+)", calendar):
        return f"*/{match.group(1)} * * * *"
    if match := re.fullmatch(r"\*-\*-\* (\d\d):(\d\d)", calendar):
        return f"{int(match.group(2))} {int(match.group(1))} * * *"
    raise AssertionError(f"A timer's OnCalendar this test cannot read: {calendar}")


def scheduled_jobs():
    """{command: schedule} of cron.json, in Scalingo's format:
    `{"jobs": [{"command": "<schedule> <command>"}]}`."""
    jobs = {}
    for job in json.loads((REPO_ROOT / "cron.json").read_text())["jobs"]:
        fields = job["command"].split()
        schedule, command = " ".join(fields[:5]), fields[5:]
        assert command[:2] == ["python", "manage.py"], job
        jobs[" ".join(command[2:])] = schedule
    return jobs


def test_cron_json_runs_every_timer_job_at_the_same_time():
    expected = {command: as_cron(calendar) for command, calendar in timers().items()}

    assert len(expected) >= 9
    assert scheduled_jobs() == expected


def procfile():
    processes = {}
    for line in (REPO_ROOT / "Procfile").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, command = line.split(":", 1)
            processes[name.strip()] = command.strip()
    return processes


def test_the_procfile_runs_the_web_server_the_worker_and_a_release_step():
    processes = procfile()

    assert set(processes) == {"web", "worker", "release"}
    web = shlex.split(processes["web"])
    assert web[0] == "gunicorn"
    assert web[web.index("-c") + 1] == "deploy/gunicorn.conf.py"
    assert web[web.index("--bind") + 1] in ("0.0.0.0:$PORT", "[::]:$PORT")
    assert processes["worker"] == "python manage.py db_worker"
    release = [step.strip() for step in processes["release"].split("&&")]
    assert release[0] == "python manage.py migrate --noinput"
    assert "python manage.py check_production" in release


def compose():
    return yaml.safe_load((REPO_ROOT / "compose.yaml").read_text())


def test_compose_starts_the_whole_stack():
    services = compose()["services"]

    assert {"app", "worker", "postgres", "redis", "minio", "buckets", "mailpit"} <= set(services)
    assert services["postgres"]["image"] == "postgres:15"
    assert services["redis"]["image"] == "redis:7"
    assert services["worker"]["command"] == ["python", "manage.py", "db_worker"]
    for name in ("app", "worker", "release"):
        environment = services[name]["environment"]
        assert environment["DJANGO_SETTINGS_MODULE"] == "config.settings.production"
        assert services[name]["build"] == "."
    # Both buckets are made, the public one readable by anyone, the private one by nobody.
    buckets = " ".join(services["buckets"]["entrypoint"])
    public = services["app"]["environment"]["S3_PUBLIC_BUCKET"]
    private = services["app"]["environment"]["S3_PRIVATE_BUCKET"]
    assert f"mc anonymous set download local/{public}" in buckets
    assert f"mc anonymous set none local/{private}" in buckets


def test_compose_sets_only_variables_the_site_reads():
    known = variables_read_by_settings() | variables_read_by_gunicorn() | READ_ELSEWHERE
    environment = compose()["services"]["app"]["environment"]

    assert set(environment) - known == set()


def test_the_image_runs_gunicorn_with_the_project_configuration_as_another_user():
    dockerfile = (REPO_ROOT / "Dockerfile").read_text()

    assert dockerfile.startswith("# ") and "\nFROM python:3.11-slim-bookworm\n" in dockerfile
    assert "--requirement requirements/base.txt" in dockerfile
    assert "DJANGO_SETTINGS_MODULE=config.settings.production" in dockerfile
    assert "python manage.py collectstatic --noinput" in dockerfile
    assert re.search(r"^USER (?!root)\S+$", dockerfile, re.MULTILINE)
    assert dockerfile.rstrip().endswith('CMD ["gunicorn", "-c", "deploy/gunicorn.conf.py"]')
    ignored = (REPO_ROOT / ".dockerignore").read_text().split()
    assert {".env", ".venv", "var", ".git"} <= set(ignored)
