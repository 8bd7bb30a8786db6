"""The site deployed as docs/deploy.md says, on one machine: what the end-to-end tests walk.

- PostgreSQL (a database of the run's own, cloned from a migrated template) and Redis (DB 4);
- an S3 endpoint (moto in server mode) with the documentation's two buckets, and in front of the
  public one a stand-in for its CDN (`S3_PUBLIC_DOMAIN`): the same nginx, over TLS, on a port
  of its own;
- a real SMTP server that keeps what it receives (tests/e2e/mailbox.py);
- the environment file of docs/deploy.md, with only addresses, keys and ports replaced
  (SUBSTITUTED below); then the documentation's deployment commands, run by bash as written;
- gunicorn, the worker and the scheduled jobs started as their systemd units start them;
- nginx with deploy/nginx/dynamique-emploi.conf (tests/deploy/nginx.py), TLS with a
  certificate made for the site's names;
- Chromium, told that www.dynamique-emploi.fr (and the media host) is this nginx.

Nothing else is given to the processes: no DJANGO_SETTINGS_MODULE, no variable the documents
do not set (except MACHINE_ONLY below, each for a reason).
"""

import json
import os
import secrets
import signal
import subprocess
import sys
import time
from contextlib import ExitStack, closing
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest
import redis
import requests

from tests.deploy.databases import (
    clone_template,
    drop,
    finish,
    mark_template_current,
    postgres_admin,
    server_url,
    start_template_migration,
)
from tests.deploy.nginx import BARE_HOST, HOST, free_ports, nginx_or_skip, started
from tests.e2e import deployment
from tests.e2e.mailbox import Mailbox
from tests.processes import manage

# Two runs on one machine (a developer's and CI's clone) each set their own.
# The tasks loading the demo leaves (≈ 1,500: search and reference indexes) take the worker
# about a minute on a 2-core machine.
WORKER_BACKLOG_TIMEOUT = 300
DATABASE = os.environ.get("E2E_DATABASE", "dynamique_emploi_e2e")
REDIS_DB = int(os.environ.get("E2E_REDIS_DB", "4"))
ORIGIN = f"https://{HOST}"
VENV_BIN = Path(sys.executable).parent
# gunicorn and its workers, and the worker, on a busy 2-core machine.
START_TIMEOUT = 90
# What the processes inherit from the test's own environment: nothing of Django's.
INHERITED = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "TZ")


def machine_only(static_root, certificate):
    """Variables this machine needs that a server does not, each for a reason."""
    return {
        # The certificate nginx serves is the test's own: `check_production` reads a probe
        # file through the media CDN with it.
        "REQUESTS_CA_BUNDLE": str(certificate),
        # moto answers on 127.0.0.1: bucket names cannot go in the host name there.
        "S3_ADDRESSING_STYLE": "path",
        # A folder of the test's own: `make run`'s var/static is the development site's.
        "STATIC_ROOT": str(static_root),
        # Two workers: the machine has two cores, shared with the rest of the suite.
        "GUNICORN_WORKERS": "2",
    }


def substituted(gunicorn_port, cdn_port, mailbox, moto_endpoint):
    """What names another machine in the documented file, replaced by this machine's."""
    return {
        "S3_PUBLIC_DOMAIN": f"127.0.0.1:{cdn_port}",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": server_url(DATABASE),
        "REDIS_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
        "EMAIL_URL": mailbox.url,
        "S3_ENDPOINT_URL": moto_endpoint,
        "S3_REGION": "us-east-1",
        "S3_ACCESS_KEY_ID": "e2e",
        "S3_SECRET_ACCESS_KEY": "e2e",
        "GUNICORN_BIND": f"127.0.0.1:{gunicorn_port}",
        "FORWARDED_ALLOW_IPS": "127.0.0.1",
    }


def environment_file(path, replacements, extra):
    """The documented environment file with `replacements`, plus `extra`; written 0600."""
    lines = []
    for name, value in deployment.documented_environment():
        if name in replacements:
            value = replacements[name]
        else:
            assert "…" not in value, (
                f"docs/deploy.md sets {name} to a placeholder the test cannot fill: "
                "add it to tests/e2e/stack.py's substituted()"
            )
        lines.append(f"{name}={value}")
    lines.extend(f"{name}={value}" for name, value in extra.items())
    path.write_text("\n".join(lines) + "\n")
    path.chmod(0o600)
    return dict(line.split("=", 1) for line in lines)


def inherited_environment():
    return {name: os.environ[name] for name in INHERITED if name in os.environ}


def on_this_machine(argument):
    """A path of a unit or of the documentation, where it is here."""
    argument = argument.replace(f"{deployment.DEPLOYED_ROOT}/.venv/bin/", f"{VENV_BIN}/")
    return argument.replace(deployment.DEPLOYED_ROOT, str(deployment.REPO_ROOT))


class Stack:
    def __init__(self, folder):
        self.folder = folder
        self.cleanup = ExitStack()
        self.processes = {}
        self.environ = {}
        self.mailbox = Mailbox()

    # --- Starting

    def start(self):
        from moto.server import ThreadedMotoServer

        nginx = nginx_or_skip()
        moto = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        moto.start()
        self.cleanup.callback(moto.stop)
        moto_host, moto_port = moto.get_host_and_port()
        self.moto_endpoint = f"http://{moto_host}:{moto_port}"
        self.mailbox.start()
        self.cleanup.callback(self.mailbox.stop)

        gunicorn_port, cdn_port = free_ports(2)
        self.cdn_port = cdn_port
        # nginx first: `check_production`, in the deployment, reads the media through it.
        self.https_port, self.http_port, self.certificate = self.cleanup.enter_context(
            started(
                nginx,
                self.folder,
                backends=[f"127.0.0.1:{gunicorn_port}"] * 2,
                code_root=deployment.REPO_ROOT,
                extra=self.cdn_server,
            )
        )
        self.env_file = self.folder / "env"
        self.documented = environment_file(
            self.env_file,
            substituted(gunicorn_port, cdn_port, self.mailbox, self.moto_endpoint),
            machine_only(deployment.REPO_ROOT / "var" / f"{DATABASE}-static", self.certificate),
        )
        self.create_buckets(self.documented)
        self.fresh_database()
        redis_client_for(REDIS_DB).flushdb()
        self.cleanup.callback(lambda: redis_client_for(REDIS_DB).flushdb())

        self.deploy()
        self.content = self.load_content()
        self.start_unit("web", "dynamique-emploi-web.service")
        self.start_unit("worker", "dynamique-emploi-worker.service")
        self.wait_for_web(gunicorn_port)
        self.wait_for_worker()
        return self

    def create_buckets(self, documented):
        import boto3

        self.s3 = boto3.client(
            "s3",
            endpoint_url=self.moto_endpoint,
            region_name=documented["S3_REGION"],
            aws_access_key_id=documented["S3_ACCESS_KEY_ID"],
            aws_secret_access_key=documented["S3_SECRET_ACCESS_KEY"],
        )
        for variable in ("S3_PUBLIC_BUCKET", "S3_PRIVATE_BUCKET"):
            self.s3.create_bucket(Bucket=documented[variable])

    def cdn_server(self, folder):
        """A CDN in front of the public bucket (S3_PUBLIC_DOMAIN), with the site's certificate."""
        moto = urlsplit(self.moto_endpoint).netloc
        bucket = dict(deployment.documented_environment())["S3_PUBLIC_BUCKET"]
        return (
            "    server {\n"
            f"        listen 127.0.0.1:{self.cdn_port} ssl;\n"
            f"        ssl_certificate {folder / 'fullchain.pem'};\n"
            f"        ssl_certificate_key {folder / 'privkey.pem'};\n"
            "        location / {\n"
            f"            proxy_pass {self.moto_endpoint}/{bucket}/;\n"
            f"            proxy_set_header Host {moto};\n"
            "        }\n"
            "    }\n"
        )

    def fresh_database(self):
        """A database cloned from the migrated template of tests/deploy/databases.py; the
        documented `migrate` then has nothing left to do."""
        with postgres_admin() as admin:
            migrating = start_template_migration(
                admin, {**inherited_environment(), "DJANGO_SETTINGS_MODULE": "config.settings.base"}
            )
            if migrating:
                finish(migrating)
                mark_template_current(admin)
            clone_template(admin, DATABASE)
        self.cleanup.callback(drop, DATABASE)

    def deploy(self):
        """docs/deploy.md's « A deployment », line by line, by bash."""
        script = "\n".join(
            on_this_machine(line).replace(deployment.ENVIRONMENT_FILE, str(self.env_file))
            for line in deployment.deployment_commands()
        ).replace(".venv/bin/", f"{VENV_BIN}/")
        result = subprocess.run(
            ["/bin/bash", "-e", "-o", "pipefail", "-c", script],
            cwd=deployment.REPO_ROOT,
            env=inherited_environment(),
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert result.returncode == 0, (
            f"docs/deploy.md's deployment failed:\n{script}\n\n{result.stdout}\n{result.stderr}"
        )

    def unit_environment(self, unit):
        """As systemd gives it: Environment= lines, then the EnvironmentFile (which wins)."""
        environ = {**inherited_environment(), **unit.environment}
        for path in unit.environment_files:
            assert path == deployment.ENVIRONMENT_FILE, f"{unit.name} reads {path}"
            for line in self.env_file.read_text().splitlines():
                if line and not line.startswith("#"):
                    name, _, value = line.partition("=")
                    environ[name] = value
        return environ

    def start_unit(self, name, unit_name, instance=""):
        unit = deployment.unit(unit_name, instance)
        log = (self.folder / f"{name}.log").open("w")
        process = subprocess.Popen(
            [on_this_machine(argument) for argument in unit.exec_start],
            cwd=on_this_machine(unit.working_directory),
            env=self.unit_environment(unit),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes[name] = process
        self.cleanup.callback(stop, process, log)
        return process

    def run_job(self, job):
        """One scheduled job, as its timer starts it (dynamique-emploi-job@<job>.service)."""
        unit = deployment.unit("dynamique-emploi-job@.service", job)
        result = subprocess.run(
            [on_this_machine(argument) for argument in unit.exec_start],
            cwd=on_this_machine(unit.working_directory),
            env=self.unit_environment(unit),
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert result.returncode == 0, f"{job}:\n{result.stdout}\n{result.stderr}"
        return result.stdout

    def load_content(self):
        """The demo content, then the journeys' people and dates (tests/e2e/content.py), written
        by processes running as the scheduled jobs run (production settings, same file)."""
        unit = deployment.unit("dynamique-emploi-job@.service", "load_demo")
        environ = self.unit_environment(unit)
        manage(environ, "load_demo", timeout=600)
        printed = manage(
            environ, "shell", "-c", "from tests.e2e.content import prepare; prepare()", timeout=600
        )
        return json.loads(printed.strip().splitlines()[-1])

    def wait_for_web(self, port):
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            for name in ("web", "worker"):
                if self.processes[name].poll() is not None:
                    pytest.fail(f"{name} stopped at start-up:\n{self.log(name)}")
            try:
                response = requests.get(
                    f"http://127.0.0.1:{port}/healthz", headers={"Host": HOST}, timeout=5
                )
            except requests.ConnectionError:
                time.sleep(0.3)
                continue
            assert response.status_code == 200, response.text
            return
        pytest.fail(f"gunicorn did not answer within {START_TIMEOUT} s:\n{self.log('web')}")

    def log(self, name):
        return (self.folder / f"{name}.log").read_text()

    def wait_for_worker(self):
        """Until the worker has done what loading the content asked of it: the search index of
        every page (and of each offer's English and Arabic aliases), the reference index, the
        front cache's purges. A resident searching a minute after `load_demo` would otherwise
        find only the pages already indexed."""
        deadline = time.monotonic() + WORKER_BACKLOG_TIMEOUT
        with closing(psycopg.connect(server_url(DATABASE), autocommit=True)) as connection:
            while time.monotonic() < deadline:
                if self.processes["worker"].poll() is not None:
                    pytest.fail(f"the worker stopped:\n{self.log('worker')}")
                [waiting] = connection.execute(
                    # A task to run at once has run_after at the end of time (django_tasks_db's
                    # get_date_max()); one to run later, its moment.
                    "SELECT count(*) FROM django_tasks_database_dbtaskresult"
                    " WHERE status IN ('READY', 'RUNNING')"
                    " AND (run_after <= now() OR run_after >= '9999-01-01')"
                ).fetchone()
                if not waiting:
                    return
                time.sleep(0.5)
        pytest.fail(f"the worker still had {waiting} tasks after {WORKER_BACKLOG_TIMEOUT} s")

    # --- For the tests

    def get(self, path, **kwargs):
        """A request through nginx, over TLS, as a crawler would send it."""
        return requests.get(
            f"https://127.0.0.1:{self.https_port}{path}",
            headers={"Host": HOST, **kwargs.pop("headers", {})},
            verify=str(self.certificate),
            allow_redirects=False,
            timeout=30,
            **kwargs,
        )

    def host_rules(self):
        """Chromium's resolver: the site's names are this nginx."""
        return ",".join(f"MAP {host} 127.0.0.1:{self.https_port}" for host in (HOST, BARE_HOST))

    def stop(self):
        self.cleanup.close()


def redis_client_for(db):
    return redis.Redis.from_url(f"redis://127.0.0.1:6379/{db}", socket_connect_timeout=3)


def stop(process, log):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    log.close()
