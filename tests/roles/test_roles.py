"""The hub's three roles: the groups extranet migration 0004 made hold exactly what docs/roles.md's
table says, and each role walks through its admin screens (and is refused, plainly, the others').

The table is read from the doc itself, so a wrong line in the doc fails here as surely as a wrong
permission in the migration.
"""

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.apps import apps as django_apps
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from wagtail.models import GroupApprovalTask, Site

from extranet.permissions import (
    ADVISERS_GROUP_NAME,
    COLLECTION_PREFIX,
    COORDINATORS_GROUP_NAME,
    EDITORS_GROUP_NAME,
    PAGE_PREFIX,
    ROLES,
    is_coordinator,
    must_use_two_factor,
    sync_roles,
)
from offers.admin_views import FOLLOWED_ACTION
from offers.tasks import notify_advisers
from tests.clients import SignInClient
from tests.events.factories import EventPageFactory, RegistrationFactory, VenueFactory
from tests.extranet.factories import (
    MembershipFactory,
    UserFactory,
    activate_recovery_codes,
    activate_totp,
)
from tests.offers.factories import (
    InterestFactory,
    OfferPageFactory,
    create_site_with_advisers,
    get_offer_index_page,
)
from tests.organisations.factories import OrganisationFactory
from tests.reference.factories import TradeFactory
from tests.resources.factories import ResourceFactory

ROLES_DOC = Path(__file__).resolve().parents[2] / "docs" / "roles.md"
GROUP_NAMES = [EDITORS_GROUP_NAME, ADVISERS_GROUP_NAME, COORDINATORS_GROUP_NAME]
# Lines of the table that are answers of extranet.permissions rather than stored permissions.
ANSWERS = {"is_coordinator": is_coordinator, "must_use_two_factor": must_use_two_factor}
CODE = re.compile(r"`([^`]+)`")
# What Wagtail's dashboard says to whoever it sent back there (wagtail.admin.auth).
WAGTAIL_REFUSAL = "Sorry, you do not have permission to access this area."


# --- The doc's table and the groups -------------------------------------------------------------
def doc_table():
    """{group name: {code: whether the role has it}}, read from docs/roles.md's one table."""
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in ROLES_DOC.read_text().splitlines()
        if line.startswith("|")
    ]
    header, _rule, *lines = rows
    assert header[2:] == GROUP_NAMES
    table = {name: {} for name in GROUP_NAMES}
    for line in lines:
        codes = CODE.findall(line[1])
        assert codes, line
        for name, mark in zip(GROUP_NAMES, line[2:], strict=True):
            assert mark in {"✓", ""}, line
            for code in codes:
                table[name][code] = mark == "✓"
    return table


def documented_permissions(name):
    return {code for code, granted in doc_table()[name].items() if granted and code not in ANSWERS}


def stored_permissions(group):
    """The group's permissions as docs/roles.md writes them; pages and collections from the root."""
    codes = {
        f"{app_label}.{codename}"
        for app_label, codename in group.permissions.values_list(
            "content_type__app_label", "codename"
        )
    }
    for page_permission in group.page_permissions.select_related("page", "permission"):
        assert page_permission.page.depth == 1, "page permissions hold from the root page"
        codes.add(PAGE_PREFIX + page_permission.permission.codename)
    for collection_permission in group.collection_permissions.select_related(
        "collection", "permission"
    ):
        assert collection_permission.collection.depth == 1
        codes.add(COLLECTION_PREFIX + collection_permission.permission.codename)
    return codes


@pytest.mark.django_db
@pytest.mark.parametrize("name", GROUP_NAMES)
def test_the_migration_gave_each_role_what_the_doc_says(name):
    assert stored_permissions(Group.objects.get(name=name)) == documented_permissions(name)


@pytest.mark.parametrize("name", GROUP_NAMES)
def test_the_roles_definition_is_the_doc(name):
    assert ROLES[name] == documented_permissions(name)


@pytest.mark.django_db
@pytest.mark.parametrize("name", GROUP_NAMES)
def test_the_doc_says_who_is_a_coordinator_and_who_types_a_code(name):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=name))
    for code, answer in ANSWERS.items():
        user = type(user).objects.get(pk=user.pk)  # answers are cached on the user object
        assert answer(user) == doc_table()[name][code], code


@pytest.mark.django_db
def test_wagtails_moderators_became_the_editors():
    assert not Group.objects.filter(name="Moderators").exists()
    # Its place in Wagtail's moderation workflow stayed with it.
    assert GroupApprovalTask.objects.filter(groups__name=EDITORS_GROUP_NAME).exists()


@pytest.mark.django_db
def test_the_roles_are_made_again_after_a_flush():
    Group.objects.filter(name__in=GROUP_NAMES).delete()

    sync_roles(django_apps)

    for name in GROUP_NAMES:
        assert stored_permissions(Group.objects.get(name=name)) == documented_permissions(name)


@pytest.mark.django_db
def test_a_role_loses_what_it_should_not_have():
    advisers = Group.objects.get(name=ADVISERS_GROUP_NAME)
    advisers.permissions.add(
        *Group.objects.get(name=COORDINATORS_GROUP_NAME).permissions.filter(
            codename="delete_interest"
        )
    )

    sync_roles(django_apps)

    assert stored_permissions(advisers) == documented_permissions(ADVISERS_GROUP_NAME)


# --- Each role through the admin ----------------------------------------------------------------
@pytest.fixture
def world(db, settings):
    """One of everything each role's screens show, and one signed-in client per role."""
    settings.TWO_FACTOR_REQUIRED = True
    home = create_site_with_advisers()
    offer = OfferPageFactory()
    event = EventPageFactory()
    occurrence = event.occurrences.first()
    world = {
        "home": home,
        "offer_index": get_offer_index_page(),
        "offer": offer,
        "interest": InterestFactory(offer=offer),
        "venue": VenueFactory(),
        "organisation": OrganisationFactory(),
        "trade": TradeFactory(),
        "occurrence": occurrence,
        "registration": RegistrationFactory(occurrence=occurrence),
        "resource": ResourceFactory(),
        "site": Site.objects.get(is_default_site=True),
    }
    clients = {}
    for role in GROUP_NAMES:
        user = UserFactory()
        user.groups.add(Group.objects.get(name=role))
        activate_totp(user)
        clients[role] = SignInClient()
        clients[role].force_login(user)
    member = MembershipFactory().user
    clients["member"] = SignInClient()
    clients["member"].force_login(member)
    world["clients"] = clients
    return world


def screens(w):
    """(name, URL, the roles that open it); everyone else must be refused."""
    editors_and_coordinators = {EDITORS_GROUP_NAME, COORDINATORS_GROUP_NAME}
    advisers_and_coordinators = {ADVISERS_GROUP_NAME, COORDINATORS_GROUP_NAME}
    staff = set(GROUP_NAMES)
    offer_index = w["offer_index"]
    return [
        ("dashboard", reverse("wagtailadmin_home"), staff),
        (
            "page tree",
            reverse("wagtailadmin_explore", args=[w["home"].pk]),
            editors_and_coordinators,
        ),
        (
            "new offer",
            reverse("wagtailadmin_pages:add", args=["offers", "offerpage", offer_index.pk]),
            editors_and_coordinators,
        ),
        (
            "edit offer",
            reverse("wagtailadmin_pages:edit", args=[w["offer"].pk]),
            editors_and_coordinators,
        ),
        ("images", reverse("wagtailimages:index"), editors_and_coordinators),
        ("upload images", reverse("wagtailimages:add_multiple"), editors_and_coordinators),
        ("documents", reverse("wagtaildocs:index"), editors_and_coordinators),
        ("venues", reverse("wagtailsnippets_events_venue:list"), editors_and_coordinators),
        ("new venue", reverse("wagtailsnippets_events_venue:add"), editors_and_coordinators),
        (
            "edit venue",
            reverse("wagtailsnippets_events_venue:edit", args=[w["venue"].pk]),
            editors_and_coordinators,
        ),
        (
            "organisations",
            reverse("wagtailsnippets_organisations_organisation:list"),
            editors_and_coordinators,
        ),
        (
            "new organisation",
            reverse("wagtailsnippets_organisations_organisation:add"),
            editors_and_coordinators,
        ),
        ("new trade", reverse("wagtailsnippets_reference_trade:add"), editors_and_coordinators),
        ("synonyms", reverse("wagtailsnippets_search_synonym:list"), editors_and_coordinators),
        (
            "site settings",
            reverse("wagtailsettings:edit", args=["core", "sitesettings", w["site"].pk]),
            editors_and_coordinators,
        ),
        (
            "edit a date",
            reverse("occurrences:edit", args=[w["occurrence"].pk]),
            editors_and_coordinators,
        ),
        ("dates", reverse("occurrences:index"), staff),
        ("registrations", reverse("registrations:index"), staff),
        (
            "attendance sheet",
            reverse("registrations:attendance", args=[w["occurrence"].pk]),
            staff,
        ),
        (
            "edit a registration",
            reverse("registrations:edit", args=[w["registration"].pk]),
            staff,
        ),
        ("interests", reverse("interests:index"), advisers_and_coordinators),
        (
            "one interest",
            reverse("interests:inspect", args=[w["interest"].pk]),
            advisers_and_coordinators,
        ),
        (
            "edit an interest",
            reverse("interests:edit", args=[w["interest"].pk]),
            advisers_and_coordinators,
        ),
        (
            "erase an interest",
            reverse("interests:delete", args=[w["interest"].pk]),
            {COORDINATORS_GROUP_NAME},
        ),
        ("shared resources", reverse("ressources:index"), {COORDINATORS_GROUP_NAME}),
        ("extranet", reverse("extranet:home"), {COORDINATORS_GROUP_NAME, "member"}),
    ]


def assert_refused(client, url):
    """A 403 or 404; or Wagtail's way, once to the dashboard, which says why; or, for who may
    not open the admin at all, once to its sign-in, which says so (403). Never a loop."""
    response = client.get(url)
    if response.status_code in (403, 404):
        return
    assert response.status_code == 302, (url, response.status_code)
    then = client.get(response.url)
    if response.url.startswith(reverse("wagtailadmin_login")):
        assert then.status_code == 403, url
        return
    assert response.url == reverse("wagtailadmin_home"), (url, response.url)
    assert then.status_code == 200, url
    with translation.override("fr"):
        refusal = escape(translation.gettext(WAGTAIL_REFUSAL))
    assert refusal in then.content.decode(), url


@pytest.mark.parametrize("role", [*GROUP_NAMES, "member"])
def test_each_role_opens_its_screens_and_is_refused_the_others(world, role):
    client = world["clients"][role]
    for name, url, roles in screens(world):
        if role in roles:
            assert client.get(url).status_code == 200, name
        else:
            assert_refused(client, url)


def test_editors_see_and_make_venues_and_organisations(world):
    client = world["clients"][EDITORS_GROUP_NAME]
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    for url in [
        reverse("wagtailsnippets_organisations_organisation:list"),
        reverse("wagtailsnippets:index"),
    ]:
        assert url in dashboard
    assert reverse("interests:index") not in dashboard

    response = client.post(
        reverse("wagtailsnippets_events_venue:add"),
        {
            "name": "Maison de quartier Floréal",
            "address": "Allée Jean Jaurès",
            "postal_code": "93200",
            "commune": "Saint-Denis",
        },
    )

    assert response.status_code == 302, response.context["form"].errors
    assert world["venue"].__class__.objects.filter(name="Maison de quartier Floréal").exists()


def test_advisers_see_the_interests_in_their_menu(world):
    dashboard = world["clients"][ADVISERS_GROUP_NAME].get(reverse("wagtailadmin_home"))

    assert reverse("interests:index") in dashboard.content.decode()
    assert reverse("wagtailimages:index") not in dashboard.content.decode()


def test_an_editor_following_an_advisers_link_is_told_who_may_open_it(world):
    response = world["clients"][EDITORS_GROUP_NAME].get(
        reverse("interests:inspect", args=[world["interest"].pk])
    )

    assert response.status_code == 403
    assert "réservés aux conseillers" in response.content.decode()
    assert reverse("wagtailadmin_home") in response.content.decode()


def test_a_member_opening_the_admin_is_told_plainly(world):
    response = world["clients"]["member"].get(reverse("wagtailadmin_home"), follow=True)

    assert response.status_code == 403
    assert len(response.redirect_chain) == 1
    assert reverse("extranet:home") in response.content.decode()


# --- The adviser's e-mail, and following a request ---------------------------------------------
def test_the_link_in_the_advisers_email_opens_the_request_for_an_adviser(world):
    interest = InterestFactory(offer=world["offer"], name="Awa Diallo")
    notify_advisers.call(interest.pk)
    link = re.search(r"https?://\S+/admin/interests/inspect/\d+/", mail.outbox[-1].body).group()
    path = link.split("://", 1)[1].split("/", 1)[1]

    response = world["clients"][ADVISERS_GROUP_NAME].get(f"/{path}")

    assert response.status_code == 200
    assert "Awa Diallo" in response.content.decode()


@pytest.mark.parametrize("role", [ADVISERS_GROUP_NAME, COORDINATORS_GROUP_NAME])
def test_advisers_mark_a_request_followed(world, role):
    client = world["clients"][role]
    interest = world["interest"]

    response = client.post(reverse("interests:follow", args=[interest.pk]))

    assert response.status_code == 302
    assert response.url == reverse("interests:inspect", args=[interest.pk])
    page = client.get(response.url).content.decode()
    assert "Suivie le" in page
    listing = client.get(reverse("interests:index")).content.decode()
    assert "Suivie le" in listing
    assert interest.__class__.objects.filter(pk=interest.pk).exists()
    from wagtail.models import ModelLogEntry

    assert ModelLogEntry.objects.for_instance(interest).filter(action=FOLLOWED_ACTION).count() == 1


def test_an_editor_may_not_mark_a_request_followed(world):
    response = world["clients"][EDITORS_GROUP_NAME].post(
        reverse("interests:follow", args=[world["interest"].pk])
    )

    assert response.status_code == 403


# --- After setting two-factor up --------------------------------------------------------------
@pytest.mark.parametrize(
    ("role", "way_on", "label"),
    [
        (ADVISERS_GROUP_NAME, "wagtailadmin_home", "Continuer vers l'administration du site"),
        (EDITORS_GROUP_NAME, "wagtailadmin_home", "Continuer vers l'administration du site"),
        ("member", "extranet:home", "Continuer vers l'espace membres"),
    ],
)
def test_the_recovery_codes_page_leads_on(db, role, way_on, label):
    """allauth shows the recovery codes right after the app is set up: a dead end before."""
    user = MembershipFactory().user if role == "member" else UserFactory()
    if role != "member":
        user.groups.add(Group.objects.get(name=role))
    activate_totp(user)
    activate_recovery_codes(user)
    client = SignInClient()
    client.force_login(user)

    page = client.get(reverse("mfa_view_recovery_codes"))

    assert page.status_code == 200
    html = BeautifulSoup(page.content, "html.parser")
    assert label in [link.get_text(strip=True) for link in html.find_all("a", href=reverse(way_on))]


def test_the_recovery_codes_page_leads_where_two_factor_stopped_the_person(db):
    adviser = UserFactory()
    adviser.groups.add(Group.objects.get(name=ADVISERS_GROUP_NAME))
    activate_totp(adviser)
    activate_recovery_codes(adviser)
    client = SignInClient()
    client.force_login(adviser)
    session = client.session
    session["two_factor_next"] = "/admin/interests/inspect/7/"
    session.save()

    page = client.get(reverse("mfa_view_recovery_codes"))

    html = BeautifulSoup(page.content, "html.parser")
    assert html.find("a", href="/admin/interests/inspect/7/").get_text(strip=True) == "Continuer"
