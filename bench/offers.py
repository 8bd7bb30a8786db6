"""Print SQL queries and server time for the offer listing and an offer, at 100 to 10,000 offers.

    .venv/bin/python bench/offers.py [--sizes 100 1000 10000] [--requests 20] [--sqlite]

Builds its own database from scratch each time — PostgreSQL `dynamique_emploi_bench` on the
local server (BENCH_DATABASE_URL to change it), or var/bench.sqlite3 with --sqlite — migrates it,
loads the demo content, then grows it to each number of live offers with `load_demo --offers N`
and measures, in-process with Django's test client and DEBUG off:

- /offres/ unfiltered; filtered on a sector and « sans diplôme »; a keyword search;
- one offer's page.

The figures exclude the network and the browser: they are the server's own time per request.
"""

import argparse
import time
from io import StringIO

from harness import SQLITE_PATH, measure, recreate_database, setup_django

DEFAULT_SIZES = [100, 1000, 10000]
# The listing's query-string names are offers.filters' SECTOR, NO_DIPLOMA and KEYWORDS.
LISTING_URLS = [
    ("listing", "/offres/"),
    ("filtered", "/offres/?secteur=logistique&sans_diplome=1"),
    ("keyword", "/offres/?q=magasinier"),
]


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        default=DEFAULT_SIZES,
        help="numbers of live offers to measure at, in increasing order",
    )
    parser.add_argument("--requests", type=int, default=20, help="timed requests per URL")
    parser.add_argument("--sqlite", action="store_true", help=f"use {SQLITE_PATH.name}")
    return parser.parse_args()


def main():
    arguments = parse_arguments()
    setup_django(recreate_database(sqlite=arguments.sqlite))

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from core import fragments
    from offers.models import OfferPage

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0, stdout=StringIO())
    print(
        f"Database: {connection.vendor} ({connection.settings_dict['NAME']}); "
        f"migrated and demo loaded in {time.perf_counter() - started:.1f} s; "
        f"{arguments.requests} timed requests per URL"
    )
    offer = OfferPage.objects.current().order_by("path").first()
    urls = [*LISTING_URLS, ("offer page", offer.url)]

    client = Client()
    print(
        f"{'offers':>7} {'what':<11} {'URL':<45} {'status':>6} {'SQL':>4}"
        f" {'median ms':>10} {'p90 ms':>8} {'KB':>6}"
    )
    for size in arguments.sizes:
        missing = size - OfferPage.objects.current().count()
        if missing > 0:
            started = time.perf_counter()
            call_command("load_demo", offers=missing, verbosity=0, stdout=StringIO())
            print(f"  (+{missing} offers in {time.perf_counter() - started:.1f} s)")
            # As autovacuum would soon: with the statistics of the small table, PostgreSQL's
            # planner joins every offer before sorting (three times slower at 10,000).
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            # Offers made in bulk send no publication signal: what is kept (the count, the
            # filters' choices, the cards) is rebuilt by each URL's warm-up request.
            fragments.forget_all()
        live_offers = OfferPage.objects.current().count()
        for label, url in urls:
            row = measure(client, url, arguments.requests)
            print(
                f"{live_offers:>7} {label:<11} {url:<45} {row['status']:>6} {row['queries']:>4}"
                f" {row['median']:>10.1f} {row['p90']:>8.1f} {row['bytes'] / 1024:>6.1f}"
            )


if __name__ == "__main__":
    main()
