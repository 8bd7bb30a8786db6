"""What docs/deploy.md and deploy/systemd/ say to run, read from them rather than repeated here.

The end-to-end stack (tests/e2e/stack.py) deploys the site from these: the environment file as
the documentation writes it, the documentation's deployment commands, and each process as its
systemd unit starts it. Only what names another machine is replaced (addresses, keys, ports,
the code's folder): a variable, a command or a unit line missing from the documents is missing
from the test's deployment too, and fails a test.
"""

import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

REPO_ROOT = Path(settings.BASE_DIR)
DEPLOY_DOC = REPO_ROOT / "docs" / "deploy.md"
UNITS = REPO_ROOT / "deploy" / "systemd"
# Where the documents put things on a server.
DEPLOYED_ROOT = "/srv/dynamique-emploi"
ENVIRONMENT_FILE = "/etc/dynamique-emploi/env"
SH_BLOCK = re.compile(r"```sh\n(.*?)```", re.DOTALL)


def section(title):
    """The text of the `## title` section of docs/deploy.md."""
    text = DEPLOY_DOC.read_text()
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def documented_environment():
    """The environment file of docs/deploy.md (« A typical one »): [(name, value)], in order.

    Read as systemd reads an EnvironmentFile: one `NAME=value` per line, lines starting with #
    are comments, and nothing after the value is a comment."""
    environment_section = section("Environment")
    typical = environment_section[environment_section.index("A typical one") :]
    block = SH_BLOCK.search(typical)[1]
    variables = []
    for line in block.splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        name, separator, value = line.partition("=")
        assert separator, f"docs/deploy.md: « {line} » is not NAME=value"
        variables.append((name.strip(), value.strip()))
    return variables


def deployment_commands():
    """The shell lines of docs/deploy.md's « A deployment », in order, without `git pull`
    (the test runs the checked-out code)."""
    lines = []
    for block in SH_BLOCK.findall(section("A deployment")):
        for line in block.splitlines():
            if line.strip() and not line.startswith("git pull"):
                lines.append(line)
    return lines


@dataclass
class Unit:
    """The [Service] part of a systemd unit of deploy/systemd/ that the test needs."""

    name: str
    working_directory: str = ""
    environment: dict = field(default_factory=dict)
    environment_files: list = field(default_factory=list)
    exec_start: list = field(default_factory=list)


def unit(name, instance=""):
    """deploy/systemd/`name`, with `%i` replaced by `instance` (a template's job name)."""
    parsed = Unit(name)
    in_service = False
    for raw in (UNITS / name).read_text().splitlines():
        line = raw.strip()
        if line.startswith("["):
            in_service = line == "[Service]"
            continue
        if not in_service or not line or line.startswith(("#", ";")):
            continue
        key, _, value = line.partition("=")
        value = value.replace("%i", instance)
        if key == "WorkingDirectory":
            parsed.working_directory = value
        elif key == "Environment":
            for assignment in shlex.split(value):
                variable, _, assigned = assignment.partition("=")
                parsed.environment[variable] = assigned
        elif key == "EnvironmentFile":
            parsed.environment_files.append(value.lstrip("-"))
        elif key == "ExecStart":
            parsed.exec_start = shlex.split(value)
    return parsed


def timers():
    """{timer unit: the job it starts}, e.g. {"…-backup.timer": "backup"}."""
    jobs = {}
    for timer in sorted(UNITS.glob("*.timer")):
        match = re.search(r"^Unit=dynamique-emploi-job@(\S+)\.service$", timer.read_text(), re.M)
        jobs[timer.name] = match[1] if match else timer.stem.removeprefix("dynamique-emploi-")
    return jobs
