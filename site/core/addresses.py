"""One origin for every address the site gives out: SITE_URL.

Canonical links, og:url and the sitemap come from Wagtail's Site record (`page.full_url`);
hreflang, robots.txt, the feeds, the calendars, the structured data and the e-mails come from
here. Both must be the same origin, the one visitors and crawlers know: `set_site_address`
writes SITE_URL's host into the default Site record at each deployment (docs/deploy.md), and the
web process and `check_production` refuse a Site record that says otherwise
(core.production_checks).

The site's name, the words e-mails greet and sign with (« Bonjour, c'est … ! »), is
WAGTAIL_SITE_NAME; the Site record carries it too (`set_site_address` names a record that has
none), and is never left without one.
"""

from urllib.parse import urlsplit

from django.conf import settings


def site_origin():
    """`https://www.dynamique-emploi.fr`: SITE_URL's scheme, host and port, without a path."""
    parts = urlsplit(settings.SITE_URL)
    return f"{parts.scheme}://{parts.netloc}"


def absolute_url(url):
    """`url` (a path of the site, or already absolute) as an address anyone can follow."""
    if urlsplit(url).scheme:
        return url
    return site_origin() + "/" + url.lstrip("/")


DEFAULT_PORTS = {"http": 80, "https": 443}


def site_host_and_port(site_url=None):
    """The (hostname, port) a Wagtail Site record must hold to build the addresses of
    `site_url` (default: SITE_URL)."""
    parts = urlsplit(site_url or settings.SITE_URL)
    return parts.hostname or "", parts.port or DEFAULT_PORTS.get(parts.scheme)


def default_site_name():
    """The name the site gives itself (e-mails, feeds, the Site record when it has none)."""
    return str(settings.WAGTAIL_SITE_NAME)
