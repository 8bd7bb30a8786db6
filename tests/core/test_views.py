"""Plumbing: health check, robots.txt, sitemap, favicon and the error pages."""

import logging
from unittest import mock
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.views.defaults import server_error
from wagtail.models import PageViewRestriction

from tests.home.factories import StandardPageFactory, create_site

SITEMAP_NAMESPACE = {"sitemap": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def parse(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.django_db
def test_health_check_says_ok_when_the_database_answers(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.content.decode().strip() == "ok"
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_health_check_fails_when_the_database_does_not_answer(client, caplog):
    with mock.patch.object(
        connection, "cursor", side_effect=OperationalError("connection refused")
    ):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert "ok" not in response.content.decode()
    assert "the database does not answer" in caplog.text
    assert any(record.levelno == logging.ERROR for record in caplog.records)


@pytest.mark.django_db
def test_health_check_only_answers_safe_methods(client):
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


@pytest.mark.django_db
def test_robots_txt_keeps_crawlers_out_of_the_admin_and_names_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = [line.strip() for line in response.content.decode().splitlines()]
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://localhost/sitemap.xml" in lines


@pytest.mark.django_db
def test_sitemap_lists_live_public_pages_only(client):
    home = create_site()
    live_page = StandardPageFactory(parent=home, title="Trouver un emploi")
    child_page = StandardPageFactory(parent=live_page, title="Le parrainage")
    draft_page = StandardPageFactory(parent=home, title="Brouillon", draft=True)
    private_page = StandardPageFactory(parent=home, title="Réservé aux membres")
    PageViewRestriction.objects.create(
        page=private_page, restriction_type=PageViewRestriction.LOGIN
    )

    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    locations = {
        element.text
        for element in ElementTree.fromstring(response.content).findall(
            "sitemap:url/sitemap:loc", SITEMAP_NAMESPACE
        )
    }
    assert locations == {home.full_url, live_page.full_url, child_page.full_url}
    assert draft_page.full_url not in locations
    assert private_page.full_url not in locations


@pytest.mark.django_db
def test_favicon_is_served_from_the_static_files(client, settings):
    create_site()
    icon_links = parse(client.get("/")).select('link[rel="icon"]')
    # WhiteNoise serves collected files in production; in tests it looks them up in static/.
    settings.WHITENOISE_USE_FINDERS = True
    static_client = Client()

    assert icon_links
    for link in icon_links:
        assert link["href"].startswith(settings.STATIC_URL)
        response = static_client.get(link["href"])
        assert response.status_code == 200, link["href"]
        assert response["Content-Type"].startswith("image/")
        assert b"".join(response.streaming_content)
        response.close()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "language", "home_url", "heading", "home_link"),
    [
        ("/page-qui-nexiste-pas/", "fr", "/", "Cette page n'existe pas ou plus", "accueil"),
        ("/en/nope/", "en", "/en/", "This page does not exist", "home page"),
    ],
)
def test_page_not_found_is_friendly_and_offers_a_way_out(
    client, url, language, home_url, heading, home_link
):
    create_site()

    response = client.get(url)

    assert response.status_code == 404
    html = parse(response)
    assert html.html["lang"] == language
    assert heading in html.h1.get_text()
    assert html.find("meta", attrs={"name": "robots", "content": "noindex"})
    main = html.find("main")
    search_form = main.find("form", attrs={"role": "search"})
    assert search_form["action"] == reverse("search:results")
    assert search_form["method"] == "get"
    search_field = search_form.find("input", attrs={"name": "q"})
    assert main.find("label", attrs={"for": search_field["id"]})
    assert main.find("a", href=home_url, string=lambda text: home_link in text)


def test_server_error_page_renders_on_its_own(rf):
    # No database access allowed here: the 500 page must render when the database is down. The
    # language is the one LocaleMiddleware activated for the failing request.
    with translation.override("fr"):
        response = server_error(rf.get("/"))

    assert response.status_code == 500
    html = parse(response)
    assert html.html["lang"] == "fr"
    assert html.h1.get_text(strip=True) == "Désolé, le site a un problème"
    assert "Ce n'est pas de votre faute" in html.main.get_text()
    assert html.main.find("a", href="/")
