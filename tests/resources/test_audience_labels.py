"""Who sees a resource, said from the resource's own organisation whoever reads it (issue 14).

A coordinator who edits an organisation's resource kept for its members reads that
organisation's name, not « Mon organisation uniquement », and saving keeps the audience; the
organisation's own members still read « Mon organisation uniquement ».
"""

import pytest
from django.urls import reverse

from resources.enums import Audience
from tests.extranet.factories import CoordinatorFactory, MembershipFactory, activate_totp
from tests.resources.factories import ResourceFactory

KEPT_LABEL = "Les membres de Régie de quartier des Francs-Moisins uniquement"


@pytest.fixture
def kept(organisation, member):
    return ResourceFactory(
        organisation=organisation, shared_by=member, organisation_only=True, title="Notes"
    )


def audience_choices(response):
    return dict(response.context["form"].fields["audience"].choices)


def test_a_coordinator_editing_reads_the_organisations_name(client, coordinator, kept):
    client.force_login(coordinator)

    response = client.get(reverse("resources:edit", args=[kept.pk]))

    assert audience_choices(response)[Audience.ORGANISATION] == KEPT_LABEL
    page = response.content.decode()
    assert "Mon organisation uniquement" not in page
    assert KEPT_LABEL in page
    # Still the chosen one.
    assert response.context["form"]["audience"].value() == Audience.ORGANISATION


def test_a_coordinator_of_another_organisation_reads_its_name_too(client, kept, other_organisation):
    coordinator = CoordinatorFactory()
    activate_totp(coordinator)
    MembershipFactory(organisation=other_organisation, user=coordinator)
    client.force_login(coordinator)

    response = client.get(reverse("resources:edit", args=[kept.pk]))

    assert audience_choices(response)[Audience.ORGANISATION] == KEPT_LABEL


def test_the_kept_audience_is_kept_when_a_coordinator_saves(client, coordinator, kept):
    client.force_login(coordinator)
    edit = reverse("resources:edit", args=[kept.pk])
    form = client.get(edit).context["form"]

    response = client.post(
        edit, {"title": "Notes relues", "kind": kept.kind, "audience": form["audience"].value()}
    )

    assert response.status_code == 302
    kept.refresh_from_db()
    assert kept.title == "Notes relues"
    assert kept.audience == Audience.ORGANISATION


def test_the_owning_organisations_member_reads_my_organisation(client, member, kept):
    client.force_login(member)

    for url in (reverse("resources:edit", args=[kept.pk]), reverse("resources:create")):
        response = client.get(url)
        assert audience_choices(response)[Audience.ORGANISATION] == "Mon organisation uniquement"


def test_the_resource_page_and_listing_name_the_organisation(client, coordinator, member, kept):
    for person in (coordinator, member):
        client.force_login(person)
        for url in (kept.get_absolute_url(), reverse("resources:list")):
            page = client.get(url).content.decode()
            assert KEPT_LABEL in page
            assert "Mon organisation uniquement" not in page


def test_the_hubs_own_resource_offers_no_organisation_audience(client, coordinator):
    hub_resource = ResourceFactory(organisation=None, shared_by=coordinator, coordinators_only=True)
    MembershipFactory(user=coordinator)
    client.force_login(coordinator)

    response = client.get(reverse("resources:edit", args=[hub_resource.pk]))

    assert Audience.ORGANISATION not in audience_choices(response)
    assert response.context["form"].fields["shared_with"].help_text == (
        "Les coordinateurs la voient toujours."
    )


def test_the_filter_names_audiences_from_the_resources_side(client, coordinator):
    client.force_login(coordinator)

    page = client.get(reverse("resources:list")).content.decode()

    assert "L&#x27;organisation qui la partage" in page
    assert "Organisations choisies" in page
