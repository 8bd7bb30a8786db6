"""Who gets what on every URL of the resources app (issue 5's permission matrix).

Two resources of the same organisation: one shared with all members, one for the organisation
only. A member of another organisation sees the first (and may not change it: 403) and not the
second (404); anonymous people are sent to the sign-in page; signed-in people outside any
organisation get the extranet's « not a member » page (403).
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from resources.enums import Audience
from resources.models import Resource
from resources.permissions import latest_for, may_change, resources_visible_to
from tests.resources.factories import ResourceFactory

SIGN_IN = "sign-in"
PERSONAS = ["anonymous", "member", "org_admin", "other_member", "coordinator", "outsider"]


@pytest.fixture
def shared(organisation, member):
    return {
        "all": ResourceFactory(organisation=organisation, shared_by=member, tags=["emploi"]),
        "organisation": ResourceFactory(
            organisation=organisation, shared_by=member, organisation_only=True
        ),
    }


def urls(resource):
    version = resource.current_version
    return {
        "list": reverse("resources:list"),
        "create": reverse("resources:create"),
        "detail": reverse("resources:detail", args=[resource.pk]),
        "edit": reverse("resources:edit", args=[resource.pk]),
        "delete": reverse("resources:delete", args=[resource.pk]),
        "download": reverse("resources:download", args=[resource.pk]),
        "version": reverse("resources:version_download", args=[resource.pk, version.pk]),
    }


# persona → url name → expected status, for the resource shared with all members.
ALL_MEMBERS_MATRIX = {
    "anonymous": dict.fromkeys(
        ["list", "create", "detail", "edit", "delete", "download", "version"], SIGN_IN
    ),
    "member": dict.fromkeys(
        ["list", "create", "detail", "edit", "delete", "download", "version"], 200
    ),
    "org_admin": dict.fromkeys(
        ["list", "create", "detail", "edit", "delete", "download", "version"], 200
    ),
    "other_member": {
        "list": 200,
        "create": 200,
        "detail": 200,
        "edit": 403,
        "delete": 403,
        "download": 200,
        "version": 200,
    },
    "coordinator": dict.fromkeys(
        ["list", "create", "detail", "edit", "delete", "download", "version"], 200
    ),
    "outsider": dict.fromkeys(
        ["list", "create", "detail", "edit", "delete", "download", "version"], 403
    ),
}
# For the organisation-only resource, only what differs.
ORGANISATION_ONLY_MATRIX = {
    **ALL_MEMBERS_MATRIX,
    "other_member": {
        "list": 200,
        "create": 200,
        "detail": 404,
        "edit": 404,
        "delete": 404,
        "download": 404,
        "version": 404,
    },
}


def sign_in(client, request, persona):
    if persona == "anonymous":
        return None
    user = request.getfixturevalue(persona)
    client.force_login(user)
    return user


def assert_answer(response, expected):
    if expected == SIGN_IN:
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    else:
        assert response.status_code == expected


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("audience", ["all", "organisation"])
def test_every_url_answers_each_person_as_expected(client, request, shared, persona, audience):
    matrix = ALL_MEMBERS_MATRIX if audience == "all" else ORGANISATION_ONLY_MATRIX
    sign_in(client, request, persona)
    for name, url in urls(shared[audience]).items():
        response = client.get(url)
        assert_answer(response, matrix[persona][name])
        if name in ("download", "version") and response.status_code == 200:
            # Read to the end, which closes the file (as a server does).
            b"".join(response.streaming_content)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("audience", ["all", "organisation"])
def test_only_the_owning_organisation_and_coordinators_delete(
    client, request, shared, persona, audience
):
    matrix = ALL_MEMBERS_MATRIX if audience == "all" else ORGANISATION_ONLY_MATRIX
    resource = shared[audience]
    sign_in(client, request, persona)

    response = client.post(reverse("resources:delete", args=[resource.pk]))

    expected = matrix[persona]["delete"]
    if expected == 200:
        assert response.status_code == 302
        assert response.url == reverse("resources:list")
        assert not Resource.objects.filter(pk=resource.pk).exists()
    else:
        assert_answer(response, expected)
        assert Resource.objects.filter(pk=resource.pk).exists()


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_owning_organisation_and_coordinators_edit(client, request, shared, persona):
    resource = shared["all"]
    sign_in(client, request, persona)

    response = client.post(
        reverse("resources:edit", args=[resource.pk]),
        {"title": "Titre changé", "kind": resource.kind, "audience": resource.audience},
    )

    resource.refresh_from_db()
    if ALL_MEMBERS_MATRIX[persona]["edit"] == 200:
        assert response.status_code == 302
        assert resource.title == "Titre changé"
    else:
        assert_answer(response, ALL_MEMBERS_MATRIX[persona]["edit"])
        assert resource.title != "Titre changé"


def test_coordinators_only_resources_hide_from_other_organisations(
    client, organisation, member, other_member, coordinator
):
    resource = ResourceFactory(organisation=organisation, coordinators_only=True)
    detail = reverse("resources:detail", args=[resource.pk])

    client.force_login(other_member)
    assert client.get(detail).status_code == 404
    assert resource.title not in client.get(reverse("resources:list")).content.decode()

    # Its own organisation still sees it, to correct or delete it.
    client.force_login(member)
    assert client.get(detail).status_code == 200
    client.force_login(coordinator)
    assert client.get(detail).status_code == 200


def test_the_hubs_own_coordinators_only_resource_is_for_coordinators(member, coordinator):
    resource = ResourceFactory(organisation=None, shared_by=coordinator, coordinators_only=True)

    assert resource in resources_visible_to(coordinator)
    assert resource not in resources_visible_to(member)
    assert not may_change(member, resource)


def test_a_member_of_an_archived_organisation_sees_nothing(client, organisation, member, shared):
    organisation.is_archived = True
    organisation.save()

    client.force_login(member)

    assert client.get(reverse("resources:list")).status_code == 403
    assert not resources_visible_to(member).exists()


def test_a_member_who_left_no_longer_sees_anything_but_what_they_shared_stays(
    client, member, shared
):
    membership = member.memberships.get()
    membership.ended_at = timezone.now()
    membership.save()

    client.force_login(member)

    assert client.get(reverse("resources:detail", args=[shared["all"].pk])).status_code == 403
    shared["all"].refresh_from_db()
    assert shared["all"].organisation == membership.organisation


def test_latest_for_lists_what_the_person_may_see_newest_first(
    organisation, other_organisation, member, other_member, coordinator
):
    mine = ResourceFactory(organisation=organisation, organisation_only=True)
    theirs = ResourceFactory(organisation=other_organisation, organisation_only=True)
    public = ResourceFactory(organisation=other_organisation, audience=Audience.ALL_MEMBERS)

    assert list(latest_for(member)) == [public, mine]
    assert list(latest_for(other_member)) == [public, theirs]
    assert list(latest_for(coordinator, limit=2)) == [public, theirs]
    assert list(latest_for(AnonymousUser())) == []
