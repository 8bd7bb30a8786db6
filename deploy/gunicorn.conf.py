"""gunicorn's settings for an app server: `gunicorn -c deploy/gunicorn.conf.py config.wsgi`.

Read from the environment so that one file serves every server (docs/deploy.md):
GUNICORN_BIND, GUNICORN_WORKERS, GUNICORN_THREADS, GUNICORN_TIMEOUT, FORWARDED_ALLOW_IPS.
"""

import multiprocessing
import os
from pathlib import Path

# config.wsgi lives in site/, the source root.
chdir = str(Path(__file__).resolve().parents[1] / "site")
wsgi_app = "config.wsgi:application"

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")
# Sync workers: each request holds one worker, so count them by CPU (gunicorn's rule of thumb).
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# A request still running after this many seconds is killed: slow uploads are buffered by
# nginx first, so nothing legitimate takes this long.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# A worker is replaced after so many requests, so that a slow leak never grows for days. Served
# from the page cache, a worker answers a few hundred requests a second: a small number would
# replace every worker at once every few seconds (bench/faults.py showed 2 s stalls at 2,000),
# hence a large one and a wide jitter.
max_requests = 20000
max_requests_jitter = 5000
# The app is imported once in the master and forked: a replaced worker starts in milliseconds
# instead of importing Django and Wagtail again (nothing opens a connection at import). Hence a
# deployment restarts gunicorn: a reload (HUP) forks new workers from the code already loaded.
preload_app = True
# Shared memory rather than a disk that may be slow or full.
worker_tmp_dir = "/dev/shm" if Path("/dev/shm").is_dir() else None  # noqa: S108

# Only the reverse proxy's X-Forwarded-* headers are believed; comma-separated addresses.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Access log on stdout (journald), with the time taken in microseconds; errors on stderr.
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(D)sµs "%(a)s"'
# Without the registrants' keys (?cle=…, valid 500 days) nor any query string of the
# registration pages: core.gunicorn_logging. Found in site/, which `chdir` puts on sys.path.
logger_class = "core.gunicorn_logging.RedactingLogger"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")


def when_ready(server):
    """Before the workers are forked: the app is loaded (preload_app), so prepare once what each
    worker would otherwise do on its first requests (core.warmup), then take everything loaded so
    far out of the garbage collector's sight. Django, Wagtail and the compiled templates are some
    270,000 objects that live as long as the process: without gc.freeze() each full collection in
    a worker walks them all, a pause of about 180 ms in the middle of a request every few hundred
    requests (bench/load.py's p99); with it, 15 to 45 ms. Frozen objects are also never written
    to by the collector, so the workers keep sharing their memory pages with the master."""
    import gc

    from core.production_checks import startup_problems
    from core.warmup import warm_up

    # A server that would give out wrong addresses, or fail silently, does not start
    # (core.production_checks: settings module, Site record against SITE_URL, error recipients).
    problems = startup_problems()
    for problem in problems:
        server.log.error("Configuration de production : %s", problem)
    if problems:
        raise RuntimeError("configuration de production à corriger (lignes ci-dessus)")
    warm_up()
    gc.collect()
    gc.freeze()
