"""Who gets what on every URL of the resources app (issue 5's permission matrix).

Four resources, one for each audience: three of the same organisation (shared with all members,
for the organisation only, for the coordinators only) and one the hub's coordination shared for
the coordinators only. A member of another organisation, even its admin, sees the first (and may
not change it: 403) and none of the others (404). A resource an organisation shared for the
coordinators only stays visible to that organisation's members, who may still correct or delete
it (see resources.permissions); the hub's own is for coordinators alone. Anonymous people are
sent to the sign-in page; signed-in people outside any organisation get the extranet's « not a
member » page (403).
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
PERSONAS = [
    "anonymous",
    "member",
    "org_admin",
    "other_member",
    "other_admin",
    "coordinator",
    "outsider",
]
AUDIENCES = ["all", "organisation", "coordinators", "hub_coordinators"]


@pytest.fixture
def shared(organisation, member, coordinator):
    return {
        "all": ResourceFactory(organisation=organisation, shared_by=member, tags=["emploi"]),
        "organisation": ResourceFactory(
            organisation=organisation, shared_by=member, organisation_only=True
        ),
        "coordinators": ResourceFactory(
            organisation=organisation, shared_by=member, coordinators_only=True
        ),
        "hub_coordinators": ResourceFactory(
            organisation=None, shared_by=coordinator, coordinators_only=True
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


EVERY_URL = ["list", "create", "detail", "edit", "delete", "download", "version"]
# What a member gets for a resource they see but may not change…
SEEN_NOT_CHANGED = {
    "list": 200,
    "create": 200,
    "detail": 200,
    "edit": 403,
    "delete": 403,
    "download": 200,
    "version": 200,
}
# … and for one that does not exist for them.
NOT_SEEN = {
    "list": 200,
    "create": 200,
    **dict.fromkeys(["detail", "edit", "delete", "download", "version"], 404),
}

# persona → url name → expected status, for the resource shared with all members.
ALL_MEMBERS_MATRIX = {
    "anonymous": dict.fromkeys(EVERY_URL, SIGN_IN),
    "member": dict.fromkeys(EVERY_URL, 200),
    "org_admin": dict.fromkeys(EVERY_URL, 200),
    "other_member": SEEN_NOT_CHANGED,
    # An organisation admin manages their own organisation's members, not others' resources.
    "other_admin": SEEN_NOT_CHANGED,
    "coordinator": dict.fromkeys(EVERY_URL, 200),
    "outsider": dict.fromkeys(EVERY_URL, 403),
}
# For the other audiences, only what differs.
ORGANISATION_ONLY_MATRIX = {
    **ALL_MEMBERS_MATRIX,
    "other_member": NOT_SEEN,
    "other_admin": NOT_SEEN,
}
# Deliberately the same: the organisation that shared it for the coordinators keeps it in sight.
COORDINATORS_ONLY_MATRIX = ORGANISATION_ONLY_MATRIX
HUB_COORDINATORS_ONLY_MATRIX = {
    **ORGANISATION_ONLY_MATRIX,
    "member": NOT_SEEN,
    "org_admin": NOT_SEEN,
}
MATRICES = {
    "all": ALL_MEMBERS_MATRIX,
    "organisation": ORGANISATION_ONLY_MATRIX,
    "coordinators": COORDINATORS_ONLY_MATRIX,
    "hub_coordinators": HUB_COORDINATORS_ONLY_MATRIX,
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
@pytest.mark.parametrize("audience", AUDIENCES)
def test_every_url_answers_each_person_as_expected(client, request, shared, persona, audience):
    matrix = MATRICES[audience]
    resource = shared[audience]
    sign_in(client, request, persona)
    for name, url in urls(resource).items():
        response = client.get(url)
        assert_answer(response, matrix[persona][name])
        if name == "list" and response.status_code == 200:
            # Listed exactly when it may be opened.
            listed = f'href="{resource.get_absolute_url()}"' in response.content.decode()
            assert listed == (matrix[persona]["detail"] == 200)
        if name in ("download", "version") and response.status_code == 200:
            # Read to the end, which closes the file (as a server does).
            b"".join(response.streaming_content)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("audience", AUDIENCES)
def test_only_the_owning_organisation_and_coordinators_delete(
    client, request, shared, persona, audience
):
    matrix = MATRICES[audience]
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
@pytest.mark.parametrize("audience", AUDIENCES)
def test_only_the_owning_organisation_and_coordinators_edit(
    client, request, shared, persona, audience
):
    matrix = MATRICES[audience]
    resource = shared[audience]
    sign_in(client, request, persona)

    # The audience is kept: a coordinator too may keep an organisation's « my organisation ».
    response = client.post(
        reverse("resources:edit", args=[resource.pk]),
        {"title": "Titre changé", "kind": resource.kind, "audience": resource.audience},
    )

    resource.refresh_from_db()
    if matrix[persona]["edit"] == 200:
        assert response.status_code == 302
        assert resource.title == "Titre changé"
    else:
        assert_answer(response, matrix[persona]["edit"])
        assert resource.title != "Titre changé"


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
