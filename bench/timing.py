"""What every bench script measures of one URL: status, SQL queries and server time."""

import statistics
import time


def measure(client, url, requests):
    """Status, query count, median and 90th percentile of the server time, and the HTML's size."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # The first request warms caches (renditions, templates, site root paths) and is not counted.
    response = client.get(url, HTTP_HOST="localhost")
    with CaptureQueriesContext(connection) as queries:
        client.get(url, HTTP_HOST="localhost")
    # Read now: the captured slice is lost once later requests reopen the connection.
    query_count = len(queries)
    timings = []
    for _ in range(requests):
        start = time.perf_counter()
        client.get(url, HTTP_HOST="localhost")
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return {
        "status": response.status_code,
        "queries": query_count,
        "median": statistics.median(timings),
        "p90": timings[max(int(len(timings) * 0.9) - 1, 0)],
        "bytes": len(response.content),
    }
