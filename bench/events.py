"""Print SQL queries and server time for the agenda with 1,000 events, repeating ones included.

    .venv/bin/python bench/events.py [--events 1000] [--repeating 100] [--requests 20] [--sqlite]

Builds its own database (see harness.recreate_database), loads the demo, then adds events until
there are `--events` of them: one in ten repeats every week, so its dates are stored for the
next 12 months (about 52 each). Measures, in-process with DEBUG off: the upcoming list, the list
filtered by type, this month's and next month's month view, the archive, one repeating event,
the registration form of the next sponsorship meeting; then the server time of sending that form
(`--requests` registrations, one after the other, each from its own address).
"""

import argparse
import datetime
import time
from io import StringIO

from harness import measure, recreate_database, setup_django


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1000, help="events in all")
    parser.add_argument("--repeating", type=int, default=100, help="of which repeat weekly")
    parser.add_argument("--requests", type=int, default=20, help="timed requests per URL")
    parser.add_argument("--sqlite", action="store_true", help="use var/bench.sqlite3")
    return parser.parse_args()


def add_events(total, repeating):
    """Events spread over the next year, `repeating` of them weekly, up to `total` in all."""
    from django.utils import timezone

    from core.dates import HUB_TIME_ZONE
    from events.enums import EventType, Recurrence
    from events.models import EventPage
    from tests.events.factories import EventPageFactory

    types = list(EventType.values)
    today = timezone.localdate(timezone=HUB_TIME_ZONE)
    missing = total - EventPage.objects.count()
    for number in range(max(missing, 0)):
        day = today + datetime.timedelta(days=1 + number % 365)
        start = datetime.datetime.combine(day, datetime.time(9 + number % 8), HUB_TIME_ZONE)
        fields = {
            "title": f"Événement de mesure {number}",
            "event_type": types[number % len(types)],
            "start": start,
            "end": start + datetime.timedelta(hours=2),
        }
        if number < repeating:
            fields["recurrence"] = Recurrence.WEEKLY
        EventPageFactory(**fields)
    return max(missing, 0)


def main():
    arguments = parse_arguments()
    setup_django(recreate_database(sqlite=arguments.sqlite))

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from events.models import EventIndexPage, EventPage, Occurrence

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0, stdout=StringIO())
    print(
        f"Database: {connection.vendor}; migrated and demo loaded"
        f" in {time.perf_counter() - started:.1f} s"
    )

    started = time.perf_counter()
    added = add_events(arguments.events, arguments.repeating)
    # Fresh planner statistics, as autovacuum would soon give them.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"+{added} events in {time.perf_counter() - started:.1f} s: "
        f"{EventPage.objects.count()} events, {Occurrence.objects.count()} stored dates; "
        f"{arguments.requests} timed requests per URL"
    )

    index = EventIndexPage.objects.get()
    this_month = timezone.localdate()
    next_month = (this_month.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    repeating = EventPage.objects.exclude(recurrence="").order_by("path").first()
    meeting = EventPage.objects.get(slug="rencontre-collective-de-parrainage")
    next_meeting = Occurrence.objects.upcoming().filter(event=meeting, is_cancelled=False).first()
    urls = [
        ("upcoming", index.url),
        ("by type", f"{index.url}?type=formation"),
        ("this month", f"{index.url}mois/{this_month:%Y-%m}/"),
        ("next month", f"{index.url}mois/{next_month:%Y-%m}/"),
        ("archive", f"{index.url}archives/"),
        ("event page", repeating.url),
        ("register", next_meeting.get_registration_url()),
    ]

    client = Client()
    print(
        f"{'what':<11} {'URL':<52} {'status':>6} {'SQL':>4}"
        f" {'median ms':>10} {'p90 ms':>8} {'KB':>6}"
    )
    for label, url in urls:
        row = measure(client, url, arguments.requests)
        print(
            f"{label:<11} {url:<52} {row['status']:>6} {row['queries']:>4}"
            f" {row['median']:>10.1f} {row['p90']:>8.1f} {row['bytes'] / 1024:>6.1f}"
        )
    measure_registrations(next_meeting, arguments.requests)


def measure_registrations(occurrence, count):
    """Send the registration form `count` times and print queries and server time per send."""
    import statistics

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    url = occurrence.get_registration_url()
    timings, query_counts, statuses = [], [], set()
    for number in range(count):
        client = Client(REMOTE_ADDR=f"10.9.{number // 250}.{number % 250 + 1}")
        data = {
            "name": f"Personne de mesure {number}",
            "phone": f"07 00 {number // 100 % 100:02d} {number % 100:02d} 01",
            "people": "1",
            "consent": "on",
        }
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.post(url, data, HTTP_HOST="localhost")
            timings.append((time.perf_counter() - start) * 1000)
        query_counts.append(len(queries))
        statuses.add(response.status_code)
    timings.sort()
    print(
        f"{'send form':<11} {url:<52} {'/'.join(map(str, sorted(statuses))):>6}"
        f" {max(query_counts):>4} {statistics.median(timings):>10.1f}"
        f" {timings[max(int(len(timings) * 0.9) - 1, 0)]:>8.1f}"
    )


if __name__ == "__main__":
    main()
