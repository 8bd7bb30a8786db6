"""Every extranet URL, as every kind of visitor: who gets the page, who is refused, and how.

Anonymous visitors are sent to the sign-in page; signed-in people outside any organisation get a
403; an organisation that is not yours does not exist for you (404); a member asking for what
only admins and coordinators do gets a 403.
"""

import pytest
from django.urls import reverse

from extranet.models import Announcement, Invitation, Membership
from tests.extranet.factories import AnnouncementFactory, InvitationFactory, MembershipFactory
from tests.organisations.factories import OrganisationFactory
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "outsider",
    "member",
    "other_member",
    "org_admin",
    "other_admin",
    "coordinator",
]

# url name → (method, {role: expected status}); 302 for admins and coordinators means done.
MATRIX = {
    "home": ("get", [302, 403, 200, 200, 200, 200, 200]),
    "members": ("get", [302, 403, 200, 404, 200, 404, 200]),
    "invitations": ("get", [302, 403, 403, 404, 200, 404, 200]),
    "invite": ("get", [302, 403, 403, 404, 200, 404, 200]),
    "resend_invitation": ("post", [302, 403, 403, 404, 302, 404, 302]),
    "revoke_invitation": ("post", [302, 403, 403, 404, 302, 404, 302]),
    "remove_member": ("get", [302, 403, 403, 404, 200, 404, 200]),
    "remove_member_post": ("post", [302, 403, 403, 404, 302, 404, 302]),
    "accept_invitation": ("get", [200, 200, 200, 200, 200, 200, 200]),
    # Every member sees the directory and every active organisation's card; only the
    # organisation's admins and the coordinators change its contact.
    "directory": ("get", [302, 403, 200, 200, 200, 200, 200]),
    "directory_card": ("get", [302, 403, 200, 200, 200, 200, 200]),
    "directory_card_edit": ("get", [302, 403, 403, 404, 200, 404, 200]),
    "directory_card_edit_post": ("post", [302, 403, 403, 404, 302, 404, 302]),
    # Announcements are the coordinators' alone.
    "announcements": ("get", [302, 403, 403, 403, 403, 403, 200]),
    "announcement_create": ("get", [302, 403, 403, 403, 403, 403, 200]),
    "announcement_create_post": ("post", [302, 403, 403, 403, 403, 403, 302]),
    "announcement_edit": ("get", [302, 403, 403, 403, 403, 403, 200]),
    "announcement_edit_post": ("post", [302, 403, 403, 403, 403, 403, 302]),
    "announcement_delete": ("get", [302, 403, 403, 403, 403, 403, 200]),
    "announcement_delete_post": ("post", [302, 403, 403, 403, 403, 403, 302]),
}
# What the POSTs send: valid data, so that a 302 means the change was made.
POST_DATA = {
    "directory_card_edit_post": {
        "contact_name": "Quelqu'un d'autre",
        "contact_email": "pirate@example.org",
        "directory_contact_shown": "on",
    },
    "announcement_create_post": {"title": "Annonce pirate", "text": "Un texte."},
    "announcement_edit_post": {"title": "Titre changé", "text": "Un texte changé."},
}
CASES = [
    (name, role, statuses[index])
    for name, (_method, statuses) in MATRIX.items()
    for index, role in enumerate(ROLES)
]


@pytest.fixture
def targets(organisation):
    """The objects of `organisation` that the URLs point at."""
    colleague = MembershipFactory(organisation=organisation, user__first_name="Élodie")
    invitation = InvitationFactory(organisation=organisation, email="attendu@example.org")
    announcement = AnnouncementFactory(title="Rencontre de parrainage")
    card = reverse("extranet:directory_card_edit", args=[organisation.pk])
    return {
        "home": reverse("extranet:home"),
        "members": reverse("extranet:members", args=[organisation.pk]),
        "invitations": reverse("extranet:invitations", args=[organisation.pk]),
        "invite": reverse("extranet:invite", args=[organisation.pk]),
        "resend_invitation": reverse("extranet:resend_invitation", args=[invitation.pk]),
        "revoke_invitation": reverse("extranet:revoke_invitation", args=[invitation.pk]),
        "remove_member": reverse("extranet:remove_member", args=[colleague.pk]),
        "remove_member_post": reverse("extranet:remove_member", args=[colleague.pk]),
        "accept_invitation": reverse(
            "extranet:accept_invitation",
            kwargs={"token": InvitationFactory(organisation=organisation).token},
        ),
        "directory": reverse("extranet:directory"),
        "directory_card": reverse("extranet:directory_card", args=[organisation.pk]),
        "directory_card_edit": card,
        "directory_card_edit_post": card,
        "announcements": reverse("extranet:announcements"),
        "announcement_create": reverse("extranet:announcement_create"),
        "announcement_create_post": reverse("extranet:announcement_create"),
        "announcement_edit": reverse("extranet:announcement_edit", args=[announcement.pk]),
        "announcement_edit_post": reverse("extranet:announcement_edit", args=[announcement.pk]),
        "announcement_delete": reverse("extranet:announcement_delete", args=[announcement.pk]),
        "announcement_delete_post": reverse("extranet:announcement_delete", args=[announcement.pk]),
        "colleague": colleague,
        "invitation": invitation,
        "organisation": organisation,
    }


@pytest.mark.parametrize(("url_name", "role", "expected"), CASES)
def test_permission_matrix(client, request, targets, url_name, role, expected):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    method, _statuses = MATRIX[url_name]

    data = POST_DATA.get(url_name, {}) if method == "post" else {}

    response = getattr(client, method)(targets[url_name], data)

    assert response.status_code == expected
    if role == "anonymous" and expected == 302:
        assert response["Location"].startswith(reverse("account_login") + "?next=")
    colleague, invitation = targets["colleague"], targets["invitation"]
    organisation = targets["organisation"]
    colleague.refresh_from_db()
    invitation.refresh_from_db()
    organisation.refresh_from_db()
    changed = (
        colleague.ended_at is not None
        or invitation.revoked_at is not None
        or organisation.contact_email != ""
    )
    if role not in ("org_admin", "coordinator"):
        assert not changed, "Someone who may not manage the organisation changed it."
    announcements = list(Announcement.objects.values_list("title", flat=True))
    if role != "coordinator":
        assert announcements == ["Rencontre de parrainage"], "Only coordinators announce."


def test_nothing_of_another_organisation_shows_on_the_extranet_home(
    client, member, other_organisation
):
    MembershipFactory(organisation=other_organisation, user__email="secret@example.org")
    InvitationFactory(organisation=other_organisation, email="cachee@example.org")
    client.force_login(member)

    page = client.get(reverse("extranet:home")).content.decode()

    assert other_organisation.name not in page
    assert "secret@example.org" not in page
    assert "cachee@example.org" not in page


def test_members_see_colleagues_but_no_invitations_nor_remove_buttons(
    client, member, org_admin, organisation
):
    InvitationFactory(organisation=organisation, email="attendu@example.org")
    client.force_login(member)

    page = client.get(reverse("extranet:home")).content.decode()

    assert org_admin.email in page
    assert "attendu@example.org" not in page
    assert "/retirer/" not in page


def test_an_admin_cannot_remove_themselves(client, org_admin):
    membership = Membership.objects.get(user=org_admin)
    client.force_login(org_admin)

    response = client.post(reverse("extranet:remove_member", args=[membership.pk]), follow=True)

    membership.refresh_from_db()
    assert membership.ended_at is None
    assert "Vous ne pouvez pas vous retirer vous-même" in response.content.decode()


def test_removing_a_member_keeps_the_history_and_closes_the_account(
    client, org_admin, member, organisation
):
    membership = Membership.objects.get(user=member)
    client.force_login(org_admin)

    confirm = client.get(reverse("extranet:remove_member", args=[membership.pk]))
    assert "Ce qu'elle ou il a partagé reste à l'organisation" in confirm.content.decode().replace(
        "&#x27;", "'"
    )
    client.post(reverse("extranet:remove_member", args=[membership.pk]))

    membership.refresh_from_db()
    member.refresh_from_db()
    assert membership.ended_by == org_admin
    assert membership.organisation == organisation
    assert not member.is_active
    assert (
        member.email
        not in client.get(reverse("extranet:members", args=[organisation.pk])).content.decode()
    )


def test_an_archived_organisations_members_lose_access(client, member, organisation):
    organisation.is_archived = True
    organisation.save()
    client.force_login(member)

    assert client.get(reverse("extranet:home")).status_code == 403


def queries_for(client, url):
    return count_queries(client, url)


def test_the_coordinators_home_runs_the_same_queries_for_3_or_12_organisations(client, coordinator):
    def add_organisations(number):
        for _index in range(number):
            organisation = OrganisationFactory()
            MembershipFactory(organisation=organisation, admin=True)
            MembershipFactory(organisation=organisation)
            InvitationFactory(organisation=organisation)

    client.force_login(coordinator)
    add_organisations(3)
    few = queries_for(client, reverse("extranet:home"))
    add_organisations(9)

    assert queries_for(client, reverse("extranet:home")) == few


def test_an_organisations_pages_run_the_same_queries_for_3_or_12_members(
    client, org_admin, organisation
):
    client.force_login(org_admin)
    urls = [
        reverse("extranet:home"),
        reverse("extranet:members", args=[organisation.pk]),
        reverse("extranet:invitations", args=[organisation.pk]),
    ]

    def add_people(number):
        for _index in range(number):
            MembershipFactory(organisation=organisation)
            InvitationFactory(organisation=organisation)

    add_people(2)
    few = [queries_for(client, url) for url in urls]
    add_people(9)

    assert [queries_for(client, url) for url in urls] == few
    assert Invitation.objects.filter(organisation=organisation).count() == 11
