"""Light pages: the home page, the offer listing and an offer weigh less than 100 KB on a phone's
first visit — HTML, CSS, JavaScript, images and fonts together — with nothing from another host.

What is measured is what production sends: text (HTML, CSS, JS, SVG) as gzip at level 6 would
carry it (WhiteNoise serves CSS, JS and SVG pre-compressed; the reverse proxy compresses HTML),
images and fonts as they are. The test server itself does not compress, so the test compresses
each body it received to count it.
"""

import gzip
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

BUDGET_BYTES = 100 * 1024
TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")


@pytest.fixture
def demo_site(live_server):
    """The demo content, as `make run` shows it."""
    from io import StringIO

    from django.core.management import call_command

    from offers.models import OfferIndexPage, OfferPage

    call_command("load_demo", stdout=StringIO())
    offer_index = OfferIndexPage.objects.live().first()
    offer = OfferPage.objects.current().order_by("-first_published_at").first()
    return {"home": "/", "offer listing": offer_index.url, "offer": offer.url}


def transferred(response):
    body = response.body()
    content_type = response.headers.get("content-type", "")
    if content_type.startswith(TEXT_TYPES):
        return len(gzip.compress(body, compresslevel=6))
    return len(body)


def first_visit(new_page, path):
    page = new_page("phone")
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(path)
    page.wait_for_load_state("networkidle")
    return page, responses


def test_first_visits_on_a_phone_stay_under_100_kb(new_page, live_server, demo_site):
    # One test for the three pages: the demo content takes a while to load.
    weights = {}
    for page_name, path in demo_site.items():
        _page, responses = first_visit(new_page, path)
        hosts = {urlsplit(response.url).netloc for response in responses}
        assert hosts == {urlsplit(live_server.url).netloc}, f"{page_name}: another host was asked"
        sizes = {urlsplit(response.url).path: transferred(response) for response in responses}
        weights[page_name] = sum(sizes.values())
        print(page_name, {path: round(size / 1024, 1) for path, size in sizes.items()})
    print({name: f"{weight / 1024:.1f} KB" for name, weight in weights.items()})
    assert all(weight < BUDGET_BYTES for weight in weights.values()), weights
