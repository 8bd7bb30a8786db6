"""The deployment itself: every process up, one origin for every address anyone can see."""

import json
import re
from xml.etree import ElementTree

from bs4 import BeautifulSoup

from tests.e2e.stack import ORIGIN

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ATOM = "{http://www.w3.org/2005/Atom}"
# Enough pages of every kind (home, offers, events, branches, standard pages, translations)
# without fetching all of them.
PAGES_CHECKED = 40


def test_the_deployed_site_answers_through_nginx(deployed):
    home = deployed.get("/")
    assert home.status_code == 200, home.text
    assert home.headers["Strict-Transport-Security"]
    assert deployed.processes["worker"].poll() is None, deployed.log("worker")
    # The page's styles are the collected, hashed ones (the manifest of collectstatic).
    assert re.search(r"/static/css/[\w.-]+\.[0-9a-f]{12}\.css", home.text)


def addresses_on(page):
    """Every absolute address a crawler reads on an HTML page, by where it found it."""
    soup = BeautifulSoup(page.text, "html.parser")
    found = [("canonical", link["href"]) for link in soup.select("link[rel=canonical]")]
    found += [("og:url", meta["content"]) for meta in soup.select('meta[property="og:url"]')]
    found += [
        (f"hreflang {link['hreflang']}", link["href"])
        for link in soup.select("link[rel=alternate][hreflang]")
    ]
    for script in soup.select('script[type="application/ld+json"]'):
        found += [("JSON-LD url", url) for url in json_ld_urls(json.loads(script.string))]
    return found


def json_ld_urls(data):
    if isinstance(data, dict):
        for key, value in data.items():
            if key in {"url", "@id"} and isinstance(value, str) and "://" in value:
                yield value
            else:
                yield from json_ld_urls(value)
    elif isinstance(data, list):
        for item in data:
            yield from json_ld_urls(item)


def test_every_address_anyone_can_see_uses_the_configured_origin(deployed):
    """The demo's Site record said localhost:8000: canonical links and the sitemap took it,
    hreflang and the rest took the request's host. Now one origin: SITE_URL's."""
    robots = deployed.get("/robots.txt")
    assert f"Sitemap: {ORIGIN}/sitemap.xml" in robots.text.splitlines()

    sitemap = ElementTree.fromstring(deployed.get("/sitemap.xml").content)
    locations = [loc.text for loc in sitemap.iter(f"{SITEMAP}loc")]
    assert len(locations) > PAGES_CHECKED
    wrong = [url for url in locations if not url.startswith(f"{ORIGIN}/")]
    assert not wrong, wrong

    paths = [url.removeprefix(ORIGIN) for url in locations]
    step = max(1, len(paths) // PAGES_CHECKED)
    for path in paths[::step]:
        page = deployed.get(path)
        assert page.status_code == 200, path
        found = addresses_on(page)
        assert any(kind == "canonical" for kind, _ in found), path
        wrong = [(kind, url) for kind, url in found if not url.startswith(f"{ORIGIN}/")]
        assert not wrong, (path, wrong)

    feed = ElementTree.fromstring(deployed.get("/offres/flux/").content)
    links = [link.get("href") for link in feed.iter(f"{ATOM}link")]
    assert links
    assert all(link.startswith(f"{ORIGIN}/") for link in links), links

    event_path = deployed.content["workshop_date_path"]
    calendar = deployed.get(f"{event_path}agenda/")
    assert calendar.status_code == 200, event_path
    urls = re.findall(r"^URL[;:].*?(https?://\S+)", calendar.text, flags=re.MULTILINE)
    assert urls
    assert all(url.startswith(f"{ORIGIN}/") for url in urls), urls
