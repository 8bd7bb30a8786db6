"""Print SQL queries and server time for the main public pages.

    .venv/bin/python bench/pages.py [--requests 50] [--url /some/page/ ...]

Runs in-process with Django's test client against the configured database (DATABASE_URL, default
the SQLite file of `make run`), with DEBUG off. Migrates it, and loads the demo content first if the
site has none.
The figures exclude the network and the browser: they are the server's own time per request.
"""

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "site"), str(ROOT)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ["DEBUG"] = "false"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from harness import measure  # noqa: E402
from wagtail.models import Site  # noqa: E402

from home.models import HomePage  # noqa: E402

DEFAULT_URLS = ["/", "/recherche/?q=emploi", "/recherche/?q=zzzz", "/healthz"]


def page_urls():
    """The home page and the first few pages below it, as a visitor would reach them."""
    site = Site.objects.get(is_default_site=True)
    pages = site.root_page.get_descendants().live().public().order_by("path")[:3]
    return [page.url for page in pages if page.url]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=50, help="timed requests per URL")
    parser.add_argument("--url", action="append", help="URL to measure (repeatable)")
    args = parser.parse_args()

    # The development database of `make run`, brought up to date as `make run` would.
    call_command("migrate", verbosity=0)
    if not HomePage.objects.exists():
        call_command("load_demo", verbosity=0)
    urls = args.url or ["/", *page_urls(), *DEFAULT_URLS[1:]]

    print(f"Database: {connection.vendor}; {args.requests} timed requests per URL")
    print(f"{'URL':<40} {'status':>6} {'SQL':>5} {'median ms':>10} {'p90 ms':>8} {'KB':>6}")
    client = Client()
    for url in urls:
        row = measure(client, url, args.requests)
        print(
            f"{url:<40} {row['status']:>6} {row['queries']:>5} {row['median']:>10.1f}"
            f" {row['p90']:>8.1f} {row['bytes'] / 1024:>6.1f}"
        )


if __name__ == "__main__":
    main()
