"""Every project-holder URL, as every kind of visitor.

Anonymous visitors go to the sign-in page; signed-in people outside any organisation get a 403;
a holder that neither your organisation registered nor accompanies does not exist for you (404),
even if you are your organisation's admin;
what only coordinators (or the accompanying organisation) do is a 403 for other members.
"""

import pytest
from django.urls import reverse

from project_holders.enums import HolderStatus
from project_holders.models import FollowUpNote, ProjectHolder

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "outsider", "member", "org_admin", "other_member", "other_admin",
         "accompanying_member", "coordinator"]  # fmt: skip

# url name → (method, [status for each of ROLES]); 302 after a POST means done. The admin of
# another organisation gets what its members get: admins manage their members, not other
# organisations' holders.
MATRIX = {
    "list": ("get", [302, 403, 200, 200, 200, 200, 200, 200]),
    "create": ("get", [302, 403, 200, 200, 200, 200, 200, 200]),
    "detail": ("get", [302, 403, 200, 200, 404, 404, 200, 200]),
    "edit": ("get", [302, 403, 200, 200, 404, 404, 200, 200]),
    "edit_post": ("post", [302, 403, 302, 302, 404, 404, 302, 302]),
    "status": ("get", [302, 403, 403, 403, 404, 404, 200, 200]),
    "status_post": ("post", [302, 403, 403, 403, 404, 404, 302, 302]),
    "add_note": ("post", [302, 403, 302, 302, 404, 404, 302, 302]),
    "history": ("get", [302, 403, 200, 200, 404, 404, 200, 200]),
    "export_csv": ("get", [302, 403, 403, 403, 403, 403, 403, 200]),
    "export_xlsx": ("get", [302, 403, 403, 403, 403, 403, 403, 200]),
    "person_export": ("get", [302, 403, 403, 403, 404, 404, 403, 200]),
    "erase": ("get", [302, 403, 403, 403, 404, 404, 403, 200]),
    "erase_post": ("post", [302, 403, 403, 403, 404, 404, 403, 302]),
}
CASES = [
    (name, role, statuses[index])
    for name, (_method, statuses) in MATRIX.items()
    for index, role in enumerate(ROLES)
]


@pytest.fixture
def followed_holder(holder, accompanying_organisation):
    holder.accompanying_organisation = accompanying_organisation
    holder.status = HolderStatus.DIAGNOSIS
    holder.save()
    return holder


def url_of(name, holder):
    base = name.removesuffix("_post")
    if base in ("list", "create", "export_csv", "export_xlsx"):
        return reverse(f"project_holders:{base}")
    return reverse(f"project_holders:{base}", args=[holder.pk])


def post_data(name, holder):
    if name == "edit_post":
        return {
            "name": "Aminata Koné-Diallo",
            "phone": holder.phone,
            "email": holder.email,
            "project_name": holder.project_name,
            "stage": "etude",
            "legal_form": "scop",
            "needs": ["local"],
        }
    if name == "status_post":
        return {"status": "accompagne", "outcome": ""}
    if name == "add_note":
        return {"date": "2026-03-02", "text": "Appel : le dossier de prêt est parti."}
    return {}


@pytest.mark.parametrize(("name", "role", "expected"), CASES)
def test_permission_matrix(client, request, followed_holder, name, role, expected):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    method = MATRIX[name][0]
    url = url_of(name, followed_holder)
    before = ProjectHolder.history.count(), FollowUpNote.objects.count()

    response = getattr(client, method)(url, post_data(name, followed_holder))

    assert response.status_code == expected, (name, role, response.status_code)
    if role == "anonymous":
        assert response["Location"].startswith(reverse("account_login"))
    if (method == "post" and expected != 302) or role == "anonymous":
        # Refused: nothing changed.
        assert (ProjectHolder.history.count(), FollowUpNote.objects.count()) == before
        followed_holder.refresh_from_db()
        assert followed_holder.anonymised_at is None
        assert followed_holder.status == HolderStatus.DIAGNOSIS


@pytest.mark.parametrize("role", ["other_member", "other_admin"])
def test_the_list_shows_only_the_holders_a_member_may_see(
    client, request, holder, other_organisation, role
):
    from tests.project_holders.factories import ProjectHolderFactory

    theirs = ProjectHolderFactory(
        name="Yacine Belkacem", registered_by_organisation=other_organisation
    )
    client.force_login(request.getfixturevalue(role))

    content = client.get(reverse("project_holders:list")).content.decode()

    assert theirs.name in content
    assert holder.name not in content


def test_coordinators_see_self_registrations_that_members_do_not(client, member, coordinator):
    from tests.project_holders.factories import ProjectHolderFactory

    online = ProjectHolderFactory(name="Mariama Sow", self_registered=True)
    client.force_login(member)
    assert online.name not in client.get(reverse("project_holders:list")).content.decode()
    assert client.get(reverse("project_holders:detail", args=[online.pk])).status_code == 404

    client.force_login(coordinator)
    assert online.name in client.get(reverse("project_holders:list")).content.decode()


def test_a_member_who_left_the_organisation_sees_nothing_any_more(client, holder, member):
    from django.utils import timezone

    membership = member.memberships.get()
    membership.ended_at = timezone.now()
    membership.save()
    client.force_login(member)

    assert client.get(reverse("project_holders:detail", args=[holder.pk])).status_code == 403


def test_an_unknown_holder_is_a_404(client, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("project_holders:detail", args=[999999])).status_code == 404
