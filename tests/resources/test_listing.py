"""The resource listing: search, filters, tags, expiry, pagination, and its number of queries."""

import pytest
from django.urls import reverse

from resources.enums import Audience, ResourceKind
from tests.queries import count_queries
from tests.resources.factories import ResourceFactory

LIST = reverse("resources:list")


def titles(response):
    return [resource.title for resource in response.context["resources"]]


@pytest.fixture
def library(organisation, other_organisation):
    return {
        "guide": ResourceFactory(
            organisation=organisation, title="Guide de l'accueil", tags=["accueil", "emploi"]
        ),
        "template": ResourceFactory(
            organisation=other_organisation,
            title="Modèle de fiche de poste",
            kind=ResourceKind.TEMPLATE,
            description="À adapter pour chaque recrutement.",
            tags=["recrutement"],
        ),
        "old": ResourceFactory(
            organisation=other_organisation, title="Ancien planning", expired=True, link=True
        ),
        "private": ResourceFactory(
            organisation=other_organisation,
            title="Notes internes",
            organisation_only=True,
            tags=["interne"],
        ),
    }


def test_newest_first_and_only_what_the_member_may_see(client, member, library):
    client.force_login(member)

    response = client.get(LIST)

    assert titles(response) == ["Ancien planning", "Modèle de fiche de poste", "Guide de l'accueil"]
    page = response.content.decode()
    assert "Notes internes" not in page
    # Nor its tag in the filter.
    assert "interne" not in page
    assert "Périmée" in page


def test_filter_by_tag_from_a_tag_link(client, member, library):
    client.force_login(member)
    page = client.get(LIST).content.decode()
    assert f'href="{LIST}?tag=recrutement"' in page

    response = client.get(LIST, {"tag": "recrutement"})

    assert titles(response) == ["Modèle de fiche de poste"]


@pytest.mark.parametrize(
    ("terms", "expected"),
    [
        ("accueil", ["Guide de l'accueil"]),  # title
        ("RECRUTEMENT", ["Modèle de fiche de poste"]),  # description and tag, once
        ("emploi", ["Guide de l'accueil"]),  # tag only
        ("interne", []),  # another organisation's private resource
    ],
)
def test_search_in_title_description_and_tags(client, member, library, terms, expected):
    client.force_login(member)

    assert titles(client.get(LIST, {"q": terms})) == expected


def test_filters_by_type_audience_organisation_and_expiry(
    client, coordinator, library, organisation
):
    client.force_login(coordinator)

    assert titles(client.get(LIST, {"kind": ResourceKind.TEMPLATE})) == ["Modèle de fiche de poste"]
    assert titles(client.get(LIST, {"audience": Audience.ORGANISATION})) == ["Notes internes"]
    assert titles(client.get(LIST, {"organisation": organisation.pk})) == ["Guide de l'accueil"]
    assert "Ancien planning" not in titles(client.get(LIST, {"hide_expired": "1"}))
    assert "Ancien planning" in titles(client.get(LIST, {"hide_expired": ""}))


@pytest.mark.parametrize(
    "query",
    [
        {"page": "999"},
        {"page": "abc"},
        {"page": "-1"},
        {"kind": "inconnu"},
        {"tag": "n-existe-pas"},
        {"organisation": "abc"},
        {"organisation": "999999"},
        {"audience": "tout-le-monde"},
        {"hide_expired": "peut-etre"},
        {"q": "x" * 1000},
    ],
)
def test_odd_addresses_never_break_the_list(client, member, library, query):
    client.force_login(member)

    response = client.get(LIST, query)

    assert response.status_code == 200


def test_an_unknown_filter_value_is_said_and_ignored(client, member, library):
    client.force_login(member)

    response = client.get(LIST, {"kind": "inconnu"})

    assert len(titles(response)) == 3
    assert "Sélectionnez un choix valide" in response.content.decode()


def test_twenty_a_page(client, member, organisation):
    ResourceFactory.create_batch(23, organisation=organisation, link=True)
    client.force_login(member)

    first = client.get(LIST)
    last = client.get(LIST, {"page": "2"})

    assert len(first.context["resources"]) == 20
    assert len(last.context["resources"]) == 3
    assert "Page suivante" in first.content.decode()


def test_the_list_runs_the_same_number_of_queries_whatever_its_length(
    client, member, organisation, other_organisation
):
    def add(count):
        for number in range(count):
            ResourceFactory(
                organisation=organisation if number % 2 else other_organisation,
                tags=[f"étiquette {number}", "commune"],
                file=False if number % 3 else None,
                url="" if number % 3 == 0 else "https://www.example.org/",
            )

    client.force_login(member)
    add(2)
    few = count_queries(client, LIST, {"tag": "commune"})
    add(15)
    many = count_queries(client, LIST, {"tag": "commune"})

    assert len(client.get(LIST, {"tag": "commune"}).context["resources"]) == 17
    assert many == few
    # Session, user, group, membership, tags, count, site (base.html), organisations, the page,
    # the page's tags, site settings (footer); a savepoint or two on PostgreSQL.
    assert few <= 15
