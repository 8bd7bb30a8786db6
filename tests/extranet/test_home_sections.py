"""The extranet's home shows what other apps add: the latest shared resources and the project
holders the member's organisation follows, each only what that member may see."""

import pytest
from django.urls import reverse

from tests.extranet.factories import MembershipFactory
from tests.project_holders.factories import ProjectHolderFactory
from tests.resources.factories import ResourceFactory


@pytest.mark.django_db
def test_the_home_shows_my_organisations_resources_and_holders_only(client):
    mine = MembershipFactory()
    other = MembershipFactory()
    ResourceFactory(
        title="Guide des entretiens", organisation=mine.organisation, shared_by=mine.user
    )
    ResourceFactory(
        title="Compte-rendu interne",
        organisation=other.organisation,
        shared_by=other.user,
        organisation_only=True,
    )
    ProjectHolderFactory(name="Awa Diallo", registered_by_organisation=mine.organisation)
    ProjectHolderFactory(name="Karim Benali", registered_by_organisation=other.organisation)
    client.force_login(mine.user)

    page = client.get(reverse("extranet:home")).content.decode()

    assert "Guide des entretiens" in page
    assert "Compte-rendu interne" not in page
    assert "Awa Diallo" in page
    assert "Karim Benali" not in page


@pytest.mark.django_db
def test_the_home_shows_the_next_events_for_members_and_companies(client, member):
    from events.enums import Audience
    from tests.events.factories import EventPageFactory

    EventPageFactory(title="Recruter sans discriminer", audience=Audience.COMPANIES)
    EventPageFactory(title="Atelier CV", audience=Audience.JOB_SEEKERS)
    client.force_login(member)

    page = client.get(reverse("extranet:home")).content.decode()

    assert "Prochains événements du réseau" in page
    assert "Recruter sans discriminer" in page
    assert "Atelier CV" not in page
