"""The holders' listing: filters, search, pages, the yearly counter, a constant query count."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from project_holders.enums import HolderStatus, Need, Outcome, ProjectStage
from project_holders.summaries import followed_by, yearly_counter
from tests.extranet.factories import MembershipFactory
from tests.project_holders.conftest import parse
from tests.project_holders.factories import ProjectHolderFactory
from tests.reference.factories import NeighbourhoodFactory, SectorFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("project_holders:list")


def listed(response):
    return [row.get_text(strip=True) for row in parse(response).select(".holder-table tbody th")]


@pytest.fixture
def holders(organisation):
    qpv = NeighbourhoodFactory(name="Francs-Moisins")
    centre = NeighbourhoodFactory(name="Centre-ville", outside_qpv=True)
    return {
        "idea": ProjectHolderFactory(
            name="Aminata Koné",
            project_name="Traiteur",
            registered_by_organisation=organisation,
            neighbourhood=qpv,
            needs=[Need.FUNDING],
        ),
        "study": ProjectHolderFactory(
            name="Thomas Lefèvre",
            project_name="Ressourcerie",
            registered_by_organisation=organisation,
            neighbourhood=centre,
            stage=ProjectStage.STUDY,
            needs=[Need.PREMISES, Need.LEGAL],
            status=HolderStatus.DIAGNOSIS,
        ),
        "old": ProjectHolderFactory(
            name="Claire Dubois",
            project_name="Boutique",
            needs=[Need.FUNDING],
            accompanying_organisation=organisation,
            created_at=datetime.datetime(2025, 5, 2, 10, tzinfo=datetime.UTC),
            closed=True,
            outcome=Outcome.ABANDONED,
            supported_on=None,
        ),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"Aminata Koné", "Thomas Lefèvre", "Claire Dubois"}),
        ({"statut": "diagnostic"}, {"Thomas Lefèvre"}),
        ({"avancement": "idee"}, {"Aminata Koné", "Claire Dubois"}),
        ({"besoin": "local"}, {"Thomas Lefèvre"}),
        ({"qpv": "oui"}, {"Aminata Koné"}),
        ({"qpv": "non"}, {"Thomas Lefèvre", "Claire Dubois"}),
        ({"annee": "2025"}, {"Claire Dubois"}),
        ({"q": "ressourc"}, {"Thomas Lefèvre"}),
        ({"q": "aminata@"}, set()),
        # Unknown values are ignored (and explained next to the field), never an error page.
        (
            {"statut": "inconnu", "annee": "deux mille", "quartier": "x", "page": "9999"},
            {"Aminata Koné", "Thomas Lefèvre", "Claire Dubois"},
        ),
    ],
)
def test_filters_and_search(client, member, holders, query, expected):
    client.force_login(member)

    response = client.get(LIST_URL, query)

    assert response.status_code == 200
    assert set(listed(response)) == expected


def test_the_neighbourhood_filter(client, member, holders):
    client.force_login(member)

    response = client.get(LIST_URL, {"quartier": holders["idea"].neighbourhood.pk})

    assert listed(response) == ["Aminata Koné"]


def test_the_list_is_paginated(client, member, organisation):
    ProjectHolderFactory.create_batch(30, registered_by_organisation=organisation)
    client.force_login(member)

    first = client.get(LIST_URL)
    second = client.get(LIST_URL, {"page": 2})

    assert len(listed(first)) == 25
    assert len(listed(second)) == 5
    assert parse(first).select_one(".pagination a[rel=next]")


def make_holders(organisation, count):
    sector = SectorFactory()
    for index in range(count):
        ProjectHolderFactory(
            registered_by_organisation=organisation,
            accompanying_organisation=MembershipFactory().organisation,
            neighbourhood=NeighbourhoodFactory(),
            sector=sector,
            supported=index % 2 == 0,
        )


@pytest.mark.parametrize("role", ["member", "coordinator"])
def test_the_list_runs_the_same_number_of_queries_at_two_sizes(
    client, request, organisation, django_assert_num_queries, role
):
    user = request.getfixturevalue(role)
    client.force_login(user)
    make_holders(organisation, 3)
    client.get(LIST_URL)  # warm the caches (site root, locale)

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get(LIST_URL).status_code == 200
    make_holders(organisation, 12)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(LIST_URL)
    assert len(listed(response)) == 15


@time_machine.travel(datetime.datetime(2026, 6, 15, 10, tzinfo=datetime.UTC), tick=False)
def test_the_counter_counts_holders_supported_this_year_against_the_target(
    client, coordinator, settings
):
    settings.PROJECT_HOLDERS_YEARLY_TARGET = 4
    ProjectHolderFactory(supported=True)
    ProjectHolderFactory(closed=True)  # structure créée this year
    ProjectHolderFactory(supported=True, supported_on=datetime.date(2025, 11, 3))  # last year
    ProjectHolderFactory(status=HolderStatus.DIAGNOSIS)
    client.force_login(coordinator)

    counter = yearly_counter(coordinator)
    response = client.get(LIST_URL)

    assert counter == {"year": 2026, "supported": 2, "target": 4, "percent": 50}
    figure = parse(response).select_one(".holder-counter").get_text(" ", strip=True)
    assert "Porteurs accompagnés en 2026" in figure
    assert "2 sur un objectif de 4" in figure


def test_followed_by_lists_the_organisations_open_holders(member, holders, coordinator):
    followed = followed_by(member)

    assert {holder.name for holder in followed} == {"Aminata Koné", "Thomas Lefèvre"}
    assert followed[0].get_status_display()
    assert len(followed_by(coordinator, limit=1)) == 1
