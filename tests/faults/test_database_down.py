"""The database is away for a moment (restart, failover): every page answers at once with a
friendly 503 and Retry-After instead of hanging or showing a generic error. bench/faults.py shows
the same with a real PostgreSQL restart under load."""

from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError, connection
from django.test import Client

from tests.home.factories import create_site


@pytest.fixture
def database_away(db):
    create_site()

    def refuse(*args, **kwargs):
        raise OperationalError('connection to server at "127.0.0.1", port 5432 failed')

    with mock.patch.object(connection, "ensure_connection", refuse):
        yield


@pytest.mark.parametrize("url", ["/", "/offres/", "/compte/login/", "/sitemap.xml"])
def test_every_page_says_come_back_in_a_moment(database_away, url):
    response = Client(raise_request_exception=False).get(url)

    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert "no-store" in response["Cache-Control"]
    assert "Le site revient dans un instant" in response.content.decode()


def test_in_english_too(database_away):
    response = Client(raise_request_exception=False).get("/en/")

    assert response.status_code == 503
    assert '<html lang="en"' in response.content.decode()
    assert "The site will be back in a moment" in response.content.decode()


def test_a_signed_in_member_gets_the_same_page(db, django_user_model):
    create_site()
    client = Client(raise_request_exception=False)
    client.force_login(django_user_model.objects.create_user("karim@example.org"))

    with mock.patch.object(connection, "ensure_connection", side_effect=OperationalError("down")):
        response = client.get("/extranet/")

    assert response.status_code == 503


def test_a_connection_lost_mid_request_is_a_503_too(db):
    create_site()
    with mock.patch.object(
        connection, "ensure_connection", side_effect=InterfaceError("connection already closed")
    ):
        response = Client(raise_request_exception=False).get("/")

    assert response.status_code == 503


def test_other_errors_are_still_the_500_page(db):
    create_site()
    with mock.patch("wagtail.models.Page.serve", side_effect=ValueError("a bug")):
        response = Client(raise_request_exception=False).get("/")

    assert response.status_code == 500
    assert "Désolé, le site a un problème" in response.content.decode()
    assert "Retry-After" not in response
