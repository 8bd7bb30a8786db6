"""Redis is down: pages are still served, forms still work, members still sign in.

What degrades (docs/deploy.md): nothing is served from the page cache, so pages cost their full
database time; rate limits (sign-in, public forms) are not counted, so they let everyone through;
sessions are read from PostgreSQL instead of Redis. Settings as in production: django-redis
ignoring connection errors, cached_db sessions.
"""

import pytest
from django.core.cache import caches
from django.urls import reverse

from offers.models import Interest
from tests.core.factories import SiteSettingsFactory
from tests.extranet.factories import PASSWORD
from tests.faults import closed_port
from tests.home.factories import create_site
from tests.offers.factories import OfferPageFactory


@pytest.fixture
def site_pages(db):
    create_site()
    SiteSettingsFactory()


@pytest.fixture(autouse=True)
def redis_down(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.ForgivingRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    caches["default"].get("probe")  # the cache really is unreachable, and says nothing
    yield
    caches["default"].close()


def test_public_pages_are_served(client, site_pages):
    offer = OfferPageFactory(title="Agent de propreté (H/F)")

    for url in ["/", "/offres/", offer.url, "/recherche/?q=propreté"]:
        assert client.get(url).status_code == 200, url


def test_a_resident_can_still_say_im_interested(client, site_pages):
    offer = OfferPageFactory(title="Agent de propreté (H/F)")

    response = client.post(
        offer.url, {"name": "Samira Benali", "phone": "06 12 34 56 78", "consent": "on"}
    )

    assert response.status_code == 303
    assert Interest.objects.filter(name="Samira Benali").exists()


def test_a_member_signs_in_and_stays_signed_in(client, member):
    response = client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})

    assert response.status_code == 302
    home = client.get(reverse("extranet:home"))
    assert home.status_code == 200
    assert member.first_name in home.content.decode()
