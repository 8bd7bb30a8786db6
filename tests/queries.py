"""How many SQL queries a page costs when the page cache cannot serve it (a signed-in visitor, a
form sent back, keywords), counted as in production: once what every page keeps is warm."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

# Every public page, whatever the content (docs/performance.md).
PUBLIC_PAGE_BUDGET = 15


def queries_for(client, url, params=None):
    """The queries ({sql, time}) of one request to `url`, after two that warm Wagtail's site
    root paths and the fragments every page shares (core.fragments). Two: a test site's first
    request creates its settings, which forgets the fragments that request built."""
    for _warm_up in range(2):
        client.get(url, params or {})
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200, response.status_code
    # A copy: the captured slice is lost at the next request (Django resets the query log).
    return list(queries.captured_queries)


def count_queries(client, url, params=None):
    return len(queries_for(client, url, params))
