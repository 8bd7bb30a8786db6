"""Every URL the project serves, opened by every kind of visitor: the wide net.

The fine permission matrices are per app (tests/extranet, tests/resources, tests/project_holders
test_permissions.py): this test walks Django's resolver (the project's URLs and every
dependency's: allauth, the Wagtail admin, Wagtail's own views), every live Wagtail page and each
RoutablePage sub-route, and opens each address as each kind of visitor, with two-factor
enforced as in production. It checks what holds for every route: no 500; a private page refuses
whoever may not see it (sign-in page, 403, 404, or the two-factor step for a coordinator or an
editor who has not typed a code); and no answer shows a private marker (a title, a name) put in
the objects of one organisation, of the coordination or of the editors, to someone else.

A route that the tables below do not classify fails `test_every_route_is_classified`, with its
name and pattern: a route added by a dependency (or by us) is seen, and given its class here.
Everything under /admin/ is the Wagtail admin's, classified by prefix: editors only, after
two-factor.
"""

import collections
import dataclasses
import functools
import types

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import (
    CollectionViewRestriction,
    GroupApprovalTask,
    Locale,
    PageViewRestriction,
    Site,
    Workflow,
    WorkflowTask,
)

from core.dates import HUB_TIME_ZONE
from core.paths import without_language_prefix
from extranet.permissions import ADVISERS_GROUP_NAME
from home.demo.content import get_moderators_group
from tests.clients import SignInClient
from tests.core.factories import DocumentFactory, ImageFactory, get_root_collection
from tests.events.factories import EventPageFactory, RegistrationFactory, VenueFactory
from tests.extranet.factories import (
    AnnouncementFactory,
    CoordinatorFactory,
    EditorFactory,
    InvitationFactory,
    MembershipFactory,
    UserFactory,
    activate_totp,
)
from tests.home.factories import StandardPageFactory, rich_text_data
from tests.offers.factories import (
    BranchPageFactory,
    InterestFactory,
    OfferPageFactory,
    create_site_with_advisers,
)
from tests.organisations.factories import OrganisationFactory
from tests.project_holders.factories import ProjectHolderFactory, ProjectProposalPageFactory
from tests.reference.factories import NeighbourhoodFactory
from tests.resources.factories import ResourceFactory
from tests.security.routes import Unfillable, django_routes, fill, page_routes

# Every test, in its own savepoint inside the module's transaction (see `world`); the marker also
# tells pytest-django to set the test database up.
pytestmark = [
    pytest.mark.django_db,
    # wagtail-localize's translations report pages an unordered queryset: a warning, which the
    # suite's filterwarnings turn into an error, and the test would read as a 500.
    pytest.mark.filterwarnings(
        "ignore:Pagination may yield inconsistent results:"
        "django.core.paginator.UnorderedObjectListWarning"
    ),
]

# --- Who visits --------------------------------------------------------------------------------
ROLES = [
    "anonymous",
    "member",
    "other_member",
    "other_admin",
    "coordinator",
    "editor",
    "adviser",
    # An account that must pass two-factor (here a superuser, who is also a coordinator), signed in
    # with its password alone: every private page sends it to type a code.
    "staff_password_only",
    # An editor who never set up an authenticator app: sent to set one up.
    "staff_without_totp",
]
MEMBERS = {"member", "other_member", "other_admin"}
ORGANISATION_OF = {
    "member": "organisation",
    "other_member": "other_organisation",
    "other_admin": "other_organisation",
}
# The hub's three roles open the admin (docs/roles.md).
EDITORS = {"editor", "adviser", "coordinator"}
SIGNED_IN = set(ROLES) - {"anonymous"}
# Every route is opened by every role in French; under /en/ and /ar/ (the same views, behind a
# language prefix that extranet.middleware and the sign-in redirects must see through) by the
# roles whose door differs, which keeps the module fast.
EVERY_LANGUAGE_ROLES = {"anonymous", "other_member", "staff_password_only", "staff_without_totp"}

# --- Private markers: who may read each -------------------------------------------------------
# ASCII, so that a JSON answer (the admin's API) shows them as they are.
MARKERS = {
    # Resources shared « for my organisation only », and the coordination's own for coordinators.
    "Confidentiel-Francs-Moisins": {"member", "coordinator"},
    "Confidentiel-Entrepots": {"other_member", "other_admin", "coordinator"},
    "Confidentiel-Coordination": {"coordinator"},
    # Project holders each organisation registered, and one who registered online (« à qualifier »).
    "Porteur-Francs-Moisins": {"member", "coordinator"},
    "Porteur-Entrepots": {"other_member", "other_admin", "coordinator"},
    "Porteur-En-Ligne": {"coordinator"},
    # Pending invitations: the organisation's admins and the coordinators see them (`member`'s
    # organisation has no admin among the roles: tests/extranet/test_permissions.py has one).
    "invitee-francs-moisins@example.org": {"coordinator"},
    "invitee-entrepots@example.org": {"other_admin", "coordinator"},
    # A resident registered for an event: the three roles read registrations (docs/roles.md).
    "Inscrite-Confidentielle": {"editor", "adviser", "coordinator"},
    # A resident's « Ça m'intéresse »: advisers and coordinators, not editors.
    "Interesse-Confidentiel": {"adviser", "coordinator"},
    # A page and a document kept for signed-in visitors, a page behind a password nobody typed.
    "Page-Reservee-Membres": SIGNED_IN,
    "Document-Reserve-Membres": SIGNED_IN,
    "Page-Protegee-Par-Mot-De-Passe": set(),
}

# --- Access classes ------------------------------------------------------------------------------
PUBLIC = "public"  # anyone: any answer but an error
ACCOUNT = "account"  # allauth's pages (/compte/): anyone, each page redirects as it sees fit
SIGN_IN_DOOR = "sign-in door"  # Django's, Wagtail's sign-in/password pages: lead to allauth's
SIGNED_IN_ONLY = "signed in"  # a page or document kept for signed-in visitors
EXTRANET = "extranet"  # members and coordinators
ORGANISATION = "organisation's"  # members of the owning organisation and coordinators
COORDINATORS = "coordinators"  # coordinators only
ADMIN = "admin"  # the Wagtail admin: editors, after two-factor
ADMIN_ERROR_TEST = "admin error test"  # Wagtail's /admin/failwhale/: raises, on purpose

# Routes outside /admin/, by name (with namespaces) or, for a route with no name, by pattern.
CLASSES = {
    "admin_login": SIGN_IN_DOOR,
    "admin_password_reset": SIGN_IN_DOOR,
    "wagtaildocs_serve": PUBLIC,  # each document has its own class: see VARIANTS
    "wagtaildocs_authenticate_with_password": PUBLIC,
    "healthz": PUBLIC,
    "robots": PUBLIC,
    "sitemap": PUBLIC,
    "set_language": PUBLIC,
    "search:results": PUBLIC,
    "private_page_login": SIGN_IN_DOOR,
    "wagtailcore_login": SIGN_IN_DOOR,  # behind private_page_login, same address
    "wagtailcore_authenticate_with_password": PUBLIC,
    "wagtail_serve": PUBLIC,  # each page has its own class: see PAGE_CLASSES
    # allauth
    **dict.fromkeys(
        [
            "account_login",
            "account_logout",
            "account_inactive",
            "account_signup",
            "account_reauthenticate",
            "account_email",
            "account_email_verification_sent",
            "account_change_password",
            "account_set_password",
            "account_reset_password",
            "account_confirm_login_code",
            "account_confirm_email",
            "account_reset_password_from_key_done",
            "account_reset_password_from_key",
            "account_reset_password_done",
            "mfa_index",
            "mfa_authenticate",
            "mfa_reauthenticate",
            "mfa_activate_totp",
            "mfa_deactivate_totp",
            "mfa_view_recovery_codes",
            "mfa_generate_recovery_codes",
            "mfa_download_recovery_codes",
        ],
        ACCOUNT,
    ),
    # The extranet (tests/extranet/test_permissions.py)
    "extranet:home": EXTRANET,
    "extranet:members": ORGANISATION,
    "extranet:invitations": ORGANISATION,
    "extranet:invite": ORGANISATION,
    "extranet:resend_invitation": ORGANISATION,
    "extranet:revoke_invitation": ORGANISATION,
    "extranet:remove_member": ORGANISATION,
    "extranet:accept_invitation": PUBLIC,  # whoever holds the token
    "extranet:directory": EXTRANET,
    "extranet:directory_card": EXTRANET,  # every member sees every organisation's card
    "extranet:directory_card_edit": ORGANISATION,
    "extranet:announcements": COORDINATORS,
    "extranet:announcement_create": COORDINATORS,
    "extranet:announcement_edit": COORDINATORS,
    "extranet:announcement_delete": COORDINATORS,
    # Resources (tests/resources/test_permissions.py)
    "resources:list": EXTRANET,
    "resources:create": EXTRANET,
    "resources:detail": ORGANISATION,
    "resources:edit": ORGANISATION,
    "resources:delete": ORGANISATION,
    "resources:download": ORGANISATION,
    "resources:version_download": ORGANISATION,
    # Project holders (tests/project_holders/test_permissions.py)
    "project_holders:list": EXTRANET,
    "project_holders:create": EXTRANET,
    "project_holders:export_csv": COORDINATORS,
    "project_holders:export_xlsx": COORDINATORS,
    "project_holders:detail": ORGANISATION,
    "project_holders:edit": ORGANISATION,
    "project_holders:status": ORGANISATION,
    "project_holders:add_note": ORGANISATION,
    "project_holders:history": ORGANISATION,
    "project_holders:person_export": ORGANISATION,
    "project_holders:erase": ORGANISATION,
}
# Under /admin/ everything is ADMIN but these.
ADMIN_CLASSES = {
    # Shadowed by config.urls' admin_login and admin_password_reset (same addresses).
    "wagtailadmin_login": SIGN_IN_DOOR,
    "wagtailadmin_password_reset": SIGN_IN_DOOR,
    "wagtailadmin_password_reset_done": SIGN_IN_DOOR,
    "wagtailadmin_password_reset_confirm": SIGN_IN_DOOR,
    "wagtailadmin_password_reset_complete": SIGN_IN_DOOR,
    "wagtailadmin_error_test": ADMIN_ERROR_TEST,
    # The admin's icons and translations of its scripts, which Wagtail serves to anyone (its
    # sign-in page uses them).
    "wagtailadmin_sprite": PUBLIC,
    "wagtailadmin_javascript_catalog": PUBLIC,
}
# Page types, and RoutablePage sub-routes (model label, route name) that differ from their page.
PAGE_CLASSES = {
    "home.HomePage": PUBLIC,
    "home.StandardPage": PUBLIC,
    "offers.OfferIndexPage": PUBLIC,
    "offers.OfferPage": PUBLIC,
    "offers.BranchIndexPage": PUBLIC,
    "offers.BranchPage": PUBLIC,
    "events.EventIndexPage": PUBLIC,
    "events.EventPage": PUBLIC,
    "project_holders.ProjectProposalPage": PUBLIC,
}
SUBROUTES = {
    ("offers.OfferIndexPage", "listing"),
    ("offers.OfferIndexPage", "feed"),
    ("offers.OfferPage", "detail"),
    ("offers.OfferPage", "interest_sent"),
    ("events.EventIndexPage", "upcoming"),
    ("events.EventIndexPage", "month"),
    ("events.EventIndexPage", "archive"),
    ("events.EventIndexPage", "calendar"),
    ("events.EventPage", "detail"),
    ("events.EventPage", "occurrence"),
    ("events.EventPage", "occurrence_calendar"),
    ("events.EventPage", "registration"),
    ("events.EventPage", "my_registration"),
    ("events.EventPage", "calendar"),
    ("project_holders.ProjectProposalPage", "proposal_form"),
    ("project_holders.ProjectProposalPage", "proposal_sent"),
}


# --- What each visitor should get ----------------------------------------------------------------
ANSWERS = "answers"  # anything but a server error
ALLOWED = "allowed"  # let in: no server error, not sent to sign in or to two-factor
SIGN_IN = "sign in"  # sent to allauth's sign-in page
REFUSED = "refused"  # 403 or 404
ADMIN_REFUSED = "refused by the admin"  # 403 or 404 (or sent elsewhere than to sign in)
TWO_FACTOR_STEP = "two-factor step"  # sent to type a code (extranet.middleware)
TWO_FACTOR_SETUP = "two-factor setup"  # sent to set up an authenticator app
TO_ACCOUNT_PAGES = "to allauth"  # a redirect to a page under /compte/
NO_FORM_OF_ITS_OWN = "no form of its own"  # a redirect or a 403, never its own sign-in form
SERVER_ERROR = "server error"  # a 500, on purpose

SIGN_IN_PAGES = ("/compte/login/", "/admin/login/", "/_util/login/")
TWO_FACTOR_STEP_PAGE = "/compte/2fa/reauthenticate/"
TWO_FACTOR_SETUP_PAGE = "/compte/2fa/totp/activate/"


def private_expectation(role, *, let_in):
    if role == "anonymous":
        return SIGN_IN
    if role == "staff_password_only":
        return TWO_FACTOR_STEP
    if role == "staff_without_totp":
        return TWO_FACTOR_SETUP
    return ALLOWED if let_in else REFUSED


def expectation(access_class, role, owner=None):
    """What `role` should get from a route of `access_class` (its object of `owner`)."""
    if access_class in (PUBLIC, ACCOUNT):
        return ANSWERS
    if access_class == SIGN_IN_DOOR:
        # Whoever is signed in already may be sent on or refused, never shown a form.
        return TO_ACCOUNT_PAGES if role == "anonymous" else NO_FORM_OF_ITS_OWN
    if access_class == SIGNED_IN_ONLY:
        return SIGN_IN if role == "anonymous" else ALLOWED
    if access_class == EXTRANET:
        return private_expectation(role, let_in=role in MEMBERS or role == "coordinator")
    if access_class == ORGANISATION:
        let_in = role == "coordinator" or (role in MEMBERS and ORGANISATION_OF[role] == owner)
        return private_expectation(role, let_in=let_in)
    if access_class == COORDINATORS:
        return private_expectation(role, let_in=role == "coordinator")
    if access_class in (ADMIN, ADMIN_ERROR_TEST):
        answer = private_expectation(role, let_in=role in EDITORS)
        if answer == REFUSED:
            return ADMIN_REFUSED
        if answer == ALLOWED and access_class == ADMIN_ERROR_TEST:
            return SERVER_ERROR
        return answer
    raise AssertionError(f"No expectation for the class {access_class!r}.")


def location_path(response):
    return without_language_prefix(response["Location"].split("?")[0].split("#")[0])


def is_redirect_to(response, *paths):
    return response.status_code == 302 and location_path(response) in paths


def described(response):
    """The status, and where a redirect goes (its path: failures are grouped by description)."""
    if response.status_code in (301, 302, 303, 307, 308):
        return f"{response.status_code} to {location_path(response)}"
    return str(response.status_code)


def problem_with(response, expected):
    """What is wrong with the response, or None."""
    status = response.status_code
    if expected == SERVER_ERROR:
        return None if status == 500 else f"{described(response)} where Wagtail's test raises"
    if status >= 500:
        return f"server error {status}"
    if status == 405 and expected in (SIGN_IN, REFUSED, ADMIN_REFUSED):
        # A view that takes no GET (it changes something): nothing was shown, nothing done.
        return None
    if expected == ANSWERS:
        return None
    if expected == ALLOWED:
        if is_redirect_to(response, *SIGN_IN_PAGES, TWO_FACTOR_STEP_PAGE, TWO_FACTOR_SETUP_PAGE):
            return f"refused at the door: {described(response)}"
        return None
    if expected == SIGN_IN:
        return None if is_redirect_to(response, *SIGN_IN_PAGES) else f"{described(response)}"
    if expected == REFUSED:
        return None if status in (403, 404) else f"{described(response)}, not 403 or 404"
    if expected == ADMIN_REFUSED:
        # Or Wagtail's way: a redirect to its sign-in page (see sign_in_sends_back for where
        # that leads someone already signed in).
        if status in (302, 403, 404):
            return None
        return f"{described(response)} where the admin should refuse"
    if expected == TWO_FACTOR_STEP:
        return None if is_redirect_to(response, TWO_FACTOR_STEP_PAGE) else described(response)
    if expected == TWO_FACTOR_SETUP:
        return None if is_redirect_to(response, TWO_FACTOR_SETUP_PAGE) else described(response)
    if expected == TO_ACCOUNT_PAGES:
        if status == 302 and location_path(response).startswith("/compte/"):
            return None
        return f"{described(response)}, not sent to allauth's pages"
    if expected == NO_FORM_OF_ITS_OWN:
        return None if status in (302, 403) else f"{described(response)}: a page of its own"
    raise AssertionError(f"Unknown expectation {expected!r}.")


# --- The site ------------------------------------------------------------------------------------
MISSING = 999999  # an id that no row has


def build_world():
    """A small site with something of everything, and one account for each role."""
    w = types.SimpleNamespace()
    w.home = create_site_with_advisers()
    w.locale = Locale.get_default()
    w.site = Site.objects.get(is_default_site=True)
    w.organisation = OrganisationFactory(name="Régie de quartier des Francs-Moisins")
    w.other_organisation = OrganisationFactory(name="Entrepôts du Canal")

    # The people (as tests/extranet/people.py makes them, once for the whole module).
    w.member = MembershipFactory(organisation=w.organisation, user__first_name="Bruno").user
    w.other_member = MembershipFactory(
        organisation=w.other_organisation, user__first_name="Chloé"
    ).user
    w.other_admin = MembershipFactory(
        organisation=w.other_organisation, admin=True, user__first_name="Driss"
    ).user
    w.coordinator = CoordinatorFactory(email="coordination@example.org")
    activate_totp(w.coordinator)
    # An editor as the demo makes one: in the « Éditeurs » group (rebuilt when a transactional
    # test flushed the database before).
    w.moderators = get_moderators_group()
    w.editor = EditorFactory()
    w.editor.groups.add(w.moderators)
    activate_totp(w.editor)
    w.adviser = EditorFactory(first_name="Adèle")
    w.adviser.groups.add(Group.objects.get(name=ADVISERS_GROUP_NAME))
    activate_totp(w.adviser)
    w.staff_password_only = UserFactory(is_superuser=True, is_staff=True)
    activate_totp(w.staff_password_only)
    w.staff_without_totp = EditorFactory(first_name="Sans-Application")
    w.staff_without_totp.groups.add(w.moderators)

    # The extranet's objects, for each organisation.
    w.colleague = MembershipFactory(organisation=w.organisation)
    w.other_colleague = MembershipFactory(organisation=w.other_organisation)
    w.invitation = InvitationFactory(
        organisation=w.organisation, email="invitee-francs-moisins@example.org"
    )
    w.other_invitation = InvitationFactory(
        organisation=w.other_organisation, email="invitee-entrepots@example.org"
    )
    # Its token is what the person invited receives: its page is anyone's who holds it.
    w.token_invitation = InvitationFactory(organisation=w.other_organisation)
    w.announcement = AnnouncementFactory(title="Rencontre de parrainage")
    w.resource = ResourceFactory(
        organisation=w.organisation,
        shared_by=w.member,
        organisation_only=True,
        title="Confidentiel-Francs-Moisins",
    )
    w.other_resource = ResourceFactory(
        organisation=w.other_organisation,
        shared_by=w.other_member,
        organisation_only=True,
        title="Confidentiel-Entrepots",
    )
    w.hub_resource = ResourceFactory(
        organisation=None,
        shared_by=w.coordinator,
        coordinators_only=True,
        title="Confidentiel-Coordination",
    )
    w.holder = ProjectHolderFactory(
        name="Porteur-Francs-Moisins",
        registered_by=w.member,
        consent_collected_by=w.member,
        registered_by_organisation=w.organisation,
    )
    w.other_holder = ProjectHolderFactory(
        name="Porteur-Entrepots",
        registered_by=w.other_member,
        consent_collected_by=w.other_member,
        registered_by_organisation=w.other_organisation,
    )
    w.online_holder = ProjectHolderFactory(name="Porteur-En-Ligne", self_registered=True)

    # The public site's content.
    w.offer = OfferPageFactory()
    w.revision = w.offer.save_revision()
    w.interest = InterestFactory(offer=w.offer, name="Interesse-Confidentiel")
    w.branch = BranchPageFactory()
    w.event = EventPageFactory(registration=True)
    w.occurrence = w.event.occurrences.get()
    w.registration = RegistrationFactory(occurrence=w.occurrence, name="Inscrite-Confidentielle")
    w.venue = VenueFactory()
    w.neighbourhood = NeighbourhoodFactory()
    w.proposal_page = ProjectProposalPageFactory(parent=w.home)
    w.standard_page = StandardPageFactory(parent=w.home, title="Qui sommes-nous")
    w.private_page = StandardPageFactory(
        parent=w.home,
        title="Espace des partenaires",
        body=[rich_text_data("<p>Page-Reservee-Membres</p>")],
    )
    PageViewRestriction.objects.create(
        page=w.private_page, restriction_type=PageViewRestriction.LOGIN
    )
    w.password_page = StandardPageFactory(
        parent=w.home,
        title="Compte-rendu du comité",
        body=[rich_text_data("<p>Page-Protegee-Par-Mot-De-Passe</p>")],
    )
    w.page_password = PageViewRestriction.objects.create(
        page=w.password_page,
        restriction_type=PageViewRestriction.PASSWORD,
        password="un-mot-de-passe-du-comite",
    )
    w.document = DocumentFactory(title="Plaquette de la Plateforme")
    w.private_collection = get_root_collection().add_child(name="Partenaires")
    CollectionViewRestriction.objects.create(
        collection=w.private_collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    w.private_document = DocumentFactory(
        title="Document-Reserve-Membres", collection=w.private_collection
    )
    w.password_collection = get_root_collection().add_child(name="Comité")
    w.collection_password = CollectionViewRestriction.objects.create(
        collection=w.password_collection,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password="un-mot-de-passe-du-comite",
    )
    w.image = ImageFactory()
    w.redirect = Redirect.objects.create(old_path="/ancienne-page", redirect_page=w.offer)
    w.task = GroupApprovalTask.objects.create(name="Relecture par la coordination")
    w.task.groups.add(w.moderators)
    w.workflow = Workflow.objects.create(name="Relecture")
    WorkflowTask.objects.create(workflow=w.workflow, task=w.task, sort_order=0)
    return w


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module, in a transaction rolled back at its end; each test runs in its
    own savepoint inside it (pytest-django's `db`)."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            with translation.override("fr"):
                yield build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


# --- Sample values -----------------------------------------------------------------------------
# Routes outside /admin/ whose parameters point at objects: (owner, {parameter: value}) for each
# address to open. The owner is the organisation whose object it is (ORGANISATION routes); a
# third item, when present, is the address's own class.
VARIANTS = {
    "wagtaildocs_serve": lambda w: [
        (None, {"1": w.document.pk, "2": w.document.filename}),
        (None, {"1": w.private_document.pk, "2": w.private_document.filename}, SIGNED_IN_ONLY),
        (None, {"1": MISSING, "2": "inconnu.pdf"}),
    ],
    "wagtaildocs_authenticate_with_password": lambda w: [
        (None, {"restriction_id": w.collection_password.pk})
    ],
    "wagtailcore_authenticate_with_password": lambda w: [
        (None, {"page_view_restriction_id": w.page_password.pk, "page_id": w.password_page.pk})
    ],
    "account_confirm_email": lambda w: [(None, {"key": "cle-inventee"})],
    "account_reset_password_from_key": lambda w: [(None, {"uidb36": "2", "key": "cle-inventee"})],
    "extranet:members": lambda w: organisation_pair(w),
    "extranet:invitations": lambda w: organisation_pair(w),
    "extranet:invite": lambda w: organisation_pair(w),
    "extranet:directory_card_edit": lambda w: organisation_pair(w),
    "extranet:directory_card": lambda w: organisation_pair(w),
    "extranet:resend_invitation": lambda w: [
        ("organisation", {"pk": w.invitation.pk}),
        ("other_organisation", {"pk": w.other_invitation.pk}),
    ],
    "extranet:revoke_invitation": lambda w: [
        ("organisation", {"pk": w.invitation.pk}),
        ("other_organisation", {"pk": w.other_invitation.pk}),
    ],
    "extranet:remove_member": lambda w: [
        ("organisation", {"pk": w.colleague.pk}),
        ("other_organisation", {"pk": w.other_colleague.pk}),
    ],
    "extranet:accept_invitation": lambda w: [
        (None, {"token": w.token_invitation.token}),
        (None, {"token": "jeton-invente"}),
    ],
    "extranet:announcement_edit": lambda w: [(None, {"pk": w.announcement.pk})],
    "extranet:announcement_delete": lambda w: [(None, {"pk": w.announcement.pk})],
    **{
        f"resources:{name}": lambda w: resource_pair(w)
        for name in ("detail", "edit", "delete", "download")
    },
    "resources:version_download": lambda w: [
        *(
            (owner, {**params, "version_pk": resource.current_version_id})
            for (owner, params), resource in zip(
                resource_pair(w), (w.resource, w.other_resource, w.hub_resource), strict=True
            )
        ),
    ],
    **{
        f"project_holders:{name}": lambda w: [
            ("organisation", {"pk": w.holder.pk}),
            ("other_organisation", {"pk": w.other_holder.pk}),
            ("coordination", {"pk": w.online_holder.pk}),
        ]
        for name in (
            "detail",
            "edit",
            "status",
            "add_note",
            "history",
            "person_export",
            "erase",
        )
    },
}


def organisation_pair(w):
    return [
        ("organisation", {"pk": w.organisation.pk}),
        ("other_organisation", {"pk": w.other_organisation.pk}),
    ]


def resource_pair(w):
    return [
        ("organisation", {"pk": w.resource.pk}),
        ("other_organisation", {"pk": w.other_resource.pk}),
        ("coordination", {"pk": w.hub_resource.pk}),
    ]


# Patterns no sample fills (a regex with no group to fill), by key: the address to open instead.
ADDRESSES = {
    # Wagtail's catch-all, so that an unknown admin address asks to sign in before saying 404.
    "admin/^.*/$": "/admin/adresse-inconnue/",
}

# Query strings opened besides the bare address.
QUERIES = {
    # The search must not find what the visitor may not read.
    "search:results": ["?q=Confidentiel", "?q=Porteur", "?q=Reservee"],
}


# Under /admin/: samples by (name or namespace, parameter), then by parameter alone; a parameter
# none of these names gets MISSING or « inconnu ».
def admin_samples(w):
    from search.models import Synonym

    page = w.offer.pk
    synonym = Synonym.objects.get_or_create(terms="cariste, conducteur de chariot")[0].pk
    by_namespace = {
        "wagtailsnippets_search_synonym": synonym,
        "wagtailsnippetchoosers_search_synonym": synonym,
        "wagtailsnippets_reference_sector": w.offer.sector_id,
        "wagtailsnippetchoosers_reference_sector": w.offer.sector_id,
        "wagtailsnippets_reference_trade": w.offer.trade_id,
        "wagtailsnippetchoosers_reference_trade": w.offer.trade_id,
        "wagtailsnippets_reference_neighbourhood": w.neighbourhood.pk,
        "wagtailsnippetchoosers_reference_neighbourhood": w.neighbourhood.pk,
        "wagtailsnippets_organisations_organisation": w.other_organisation.pk,
        "wagtailsnippetchoosers_organisations_organisation": w.other_organisation.pk,
        "wagtailsnippets_events_venue": w.venue.pk,
        "wagtailsnippetchoosers_events_venue": w.venue.pk,
        "interests": w.interest.pk,
        "ressources": w.other_resource.pk,
        "locales": w.locale.pk,
        "sites": w.site.pk,
        "wagtailusers_users": w.other_member.pk,
        "wagtailusers_groups": w.moderators.pk,
        "occurrences": w.occurrence.pk,
        "registrations": w.registration.pk,
        "wagtailadmin_collections": w.private_collection.pk,
        "wagtailadmin_workflows": w.workflow.pk,
        "wagtaildocs_chooser": w.private_document.pk,
        "wagtailimages_chooser": w.image.pk,
        "wagtailadmin_api:pages": page,
        "wagtailadmin_api:documents": w.private_document.pk,
        "wagtailadmin_api:images": w.image.pk,
    }
    by_name = {
        ("wagtailadmin_workflows:edit_task", "pk"): w.task.pk,
        ("wagtailadmin_workflows:disable_task", "pk"): w.task.pk,
        ("wagtailadmin_workflows:enable_task", "pk"): w.task.pk,
        ("wagtailadmin_pages:choose_parent", "app_label"): "home",
        ("wagtailadmin_pages:choose_parent", "model_name"): "standardpage",
        ("wagtailsettings:edit", "app_name"): "core",
        ("wagtailsettings:edit", "model_name"): "sitesettings",
        ("wagtailsettings:edit", "pk"): w.site.pk,
        ("wagtailsettings:preview_on_edit", "app_name"): "core",
        ("wagtailsettings:preview_on_edit", "model_name"): "sitesettings",
        ("wagtailsettings:preview_on_edit", "pk"): w.site.pk,
        ("wagtail_bulk_action", "app_label"): "wagtailcore",
        ("wagtail_bulk_action", "model_name"): "page",
        ("wagtail_bulk_action", "action"): "delete",
        ("wagtailadmin_tag_model_autocomplete", "app_name"): "taggit",
        ("wagtailadmin_tag_model_autocomplete", "model_name"): "tag",
        ("wagtailadmin_workflows:add_task", "app_label"): "wagtailcore",
        ("wagtailadmin_workflows:add_task", "model_name"): "groupapprovaltask",
        ("wagtailadmin_editing_sessions:ping", "app_label"): "wagtailcore",
        ("wagtailadmin_editing_sessions:ping", "model_name"): "page",
        ("wagtailadmin_editing_sessions:ping", "object_id"): page,
        ("wagtail_localize:submit_snippet_translation", "app_label"): "events",
        ("wagtail_localize:submit_snippet_translation", "model_name"): "venue",
        ("wagtail_localize:submit_snippet_translation", "pk"): w.venue.pk,
        ("wagtail_localize:snippets_api_listing", "app_label"): "events",
        ("wagtail_localize:snippets_api_listing", "model_name"): "venue",
        ("wagtail_localize:snippets_api_detail", "app_label"): "events",
        ("wagtail_localize:snippets_api_detail", "model_name"): "venue",
        ("wagtail_localize:snippets_api_detail", "pk"): w.venue.pk,
        ("wagtailadmin_pages:revisions_compare", "1"): page,
        ("wagtailadmin_pages:revisions_compare", "2"): "earliest",
        ("wagtailadmin_pages:revisions_compare", "3"): "latest",
    }
    by_parameter = {
        "page_id": page,
        "parent_page_id": w.offer.get_parent().pk,
        "page_to_move_id": page,
        "page_pk": page,
        "destination_id": w.home.pk,
        "revision_id": w.revision.pk,
        "content_type_app_name": "offers",
        "content_type_model_name": "offerpage",
        "document_id": w.private_document.pk,
        "doc_id": w.private_document.pk,
        "image_id": w.image.pk,
        "redirect_id": w.redirect.pk,
        "collection_id": w.private_collection.pk,
        "workflow_pk": w.workflow.pk,
        "task_id": w.task.pk,
        "occurrence_pk": w.occurrence.pk,
        "action_name": "approve",
        "filter_spec": "fill-80x80",
        "mode": "desktop",
        "uidb64": "Mg",
        "token": "jeton-invente",
    }
    return by_namespace, by_name, by_parameter


def admin_value(route, parameter, converter, samples):
    by_namespace, by_name, by_parameter = samples
    namespace = route.name.rpartition(":")[0] if route.name else ""
    for key in ((route.name, parameter), (namespace, parameter)):
        if key in by_name:
            return by_name[key]
    if parameter in ("pk", "1") and namespace in by_namespace:
        return by_namespace[namespace]
    if parameter in by_parameter:
        return by_parameter[parameter]
    # A parameter this table does not know, from a new admin route: an object that does not
    # exist. The access check comes first all the same.
    return MISSING if converter in ("int", "regex") else "inconnu"


def page_value(w, page, parameter):
    """The RoutablePages' parameters: the event's date."""
    start = w.occurrence.start.astimezone(HUB_TIME_ZONE)
    if parameter == "day":
        return start.date().isoformat()
    if parameter == "year":
        return f"{start.year:04d}"
    if parameter == "month":
        return f"{start.month:02d}"
    raise Unfillable(f"{type(page).__name__} has a parameter {parameter!r}")


@dataclasses.dataclass(frozen=True)
class Target:
    url: str
    label: str  # the route's key, or the page's model and sub-route
    access_class: str
    owner: str | None = None  # whose object: « organisation », « other_organisation »…
    language: str | None = None  # the language prefix, None outside i18n_patterns


@functools.cache
def routes():
    return list(django_routes())


def targets(w):
    """The addresses to open, and the routes that could not be classified or filled."""
    found, unclassified = [], []
    samples = admin_samples(w)
    for route in routes():
        is_admin = route.text.startswith("admin/")
        if route.name == "wagtail_serve":
            # Pages have one address each, in their own language.
            if route.language == "fr":
                found.extend(page_targets(w, unclassified))
            continue
        access_class = CLASSES.get(route.key)
        if is_admin and route.key not in CLASSES:
            access_class = ADMIN_CLASSES.get(route.key, ADMIN)
        if access_class is None:
            unclassified.append(f"{route.key}: {route.text}")
            continue
        if is_admin:
            variants = [(None, None)]
        elif route.key in VARIANTS:
            variants = VARIANTS[route.key](w)
        else:
            variants = [(None, {})]
        for owner, params, *own_class in variants:

            def value_of(parameter, converter, params=params, route=route):
                if params is None:
                    return admin_value(route, parameter, converter, samples)
                if parameter not in params:
                    raise Unfillable(f"no sample for {parameter!r}")
                return params[parameter]

            try:
                url = ADDRESSES.get(route.key) or fill(route, value_of)
            except Unfillable as error:
                unclassified.append(f"{route.key}: {route.text} ({error})")
                continue
            for query in ["", *QUERIES.get(route.key, [])]:
                found.append(
                    Target(
                        url + query,
                        route.key,
                        own_class[0] if own_class else access_class,
                        owner,
                        route.language,
                    )
                )
    return found, unclassified


def page_targets(w, unclassified):
    restricted = {w.private_page.pk: SIGNED_IN_ONLY, w.password_page.pk: PUBLIC}
    for page, subroute, url in page_routes(functools.partial(page_value, w)):
        label = page._meta.label
        if label not in PAGE_CLASSES:
            unclassified.append(f"page type {label}: {url}")
            continue
        if subroute and (label, subroute) not in SUBROUTES:
            unclassified.append(f"{label} route {subroute!r}: {url}")
            continue
        access_class = restricted.get(page.pk, PAGE_CLASSES[label])
        label = f"{label}.{subroute}" if subroute else label
        yield Target(url, label, access_class, language=page.locale.language_code)
        if label == "events.EventPage.my_registration":
            yield Target(url + "?cle=cle-inventee", label, access_class, language="fr")


def targets_for(w, role):
    found, _unclassified = targets(w)
    if role in EVERY_LANGUAGE_ROLES:
        return found
    return [target for target in found if target.language in (None, settings.LANGUAGE_CODE)]


# --- The tests -----------------------------------------------------------------------------------
def test_every_route_is_classified(world):
    _found, unclassified = targets(world)

    assert not unclassified, (
        "Routes this test does not know how to classify or fill (add them to CLASSES, "
        "PAGE_CLASSES, SUBROUTES or VARIANTS in tests/security/test_every_url.py):\n"
        + "\n".join(unclassified)
    )


def body_of(response):
    if response.streaming:
        # Read to the end, which closes the file (as a server does).
        return b"".join(response.streaming_content)
    return response.content


def sign_in(client, world, role):
    if role == "anonymous":
        return None
    user = getattr(world, role)
    client.force_login(user, two_factor=role != "staff_password_only")
    return user


def sign_in_sends_back(client, response, url):
    """The redirects that take a signed-in person from a sign-in page back to `url`, or None
    when the sign-in page refuses them, shows them something or sends them elsewhere."""
    hops = [response["Location"]]
    for _hop in range(3):
        answer = client.get(hops[-1])
        if answer.status_code != 302:
            return None
        hops.append(answer["Location"])
        if hops[-1].split("?")[0] == url.split("?")[0]:
            return " → ".join([url, *hops])
    return None


def report(role, opened, failures):
    """The failures grouped by what went wrong, a few addresses each."""
    lines = [f"As {role}, {sum(map(len, failures.values()))} of {opened} addresses:"]
    for problem, urls in sorted(failures.items(), key=lambda item: -len(item[1])):
        shown = ", ".join(urls[:4]) + (f" and {len(urls) - 4} more" if len(urls) > 4 else "")
        lines.append(f"- {problem}: {shown}")
    return "\n".join(lines)


@pytest.mark.parametrize("role", ROLES)
def test_every_url_answers_each_role_as_expected(settings, world, role):
    """Each address, as `role`: the answer its class gives that role, never a 500, no marker
    the role may not read, still signed in after it; and each marker it may read, seen."""
    settings.TWO_FACTOR_REQUIRED = True
    client = SignInClient(raise_request_exception=False)
    user = sign_in(client, world, role)
    hidden = {marker.encode() for marker, readers in MARKERS.items() if role not in readers}
    seen = set()
    found = targets_for(world, role)
    failures = collections.defaultdict(list)
    loops = {}  # sign-in page → the loop it makes for this role, or None
    for target in found:
        expected = expectation(target.access_class, role, target.owner)
        response = client.get(target.url)
        body = body_of(response)
        problem = problem_with(response, expected)
        if problem:
            failures[f"[{target.access_class}, expected {expected}] {problem}"].append(target.url)
        elif expected == ADMIN_REFUSED and is_redirect_to(response, *SIGN_IN_PAGES):
            # Refused though signed in, and sent to a sign-in page: what does it do with them?
            # The same for every address, so asked once per page.
            page = location_path(response)
            if page not in loops:
                loops[page] = sign_in_sends_back(client, response, target.url)
            if loops[page]:
                failures[f"redirect loop, as {loops[page]}"].append(target.url)
        for marker in MARKERS:
            if marker.encode() in body:
                seen.add(marker)
                if marker.encode() in hidden:
                    failures[f"shows {marker!r} ({response.status_code})"].append(target.url)
        if user is not None and client.session.get("_auth_user_id") != str(user.pk):
            failures[f"after this GET ({described(response)}), {role} is signed out"].append(
                target.url
            )
            sign_in(client, world, role)
    # The other way round: what the role may read, the net reached (a marker that no answer
    # shows would prove nothing).
    for marker in sorted(set(MARKERS) - {m.decode() for m in hidden} - seen):
        failures[f"{marker!r}, which {role} may read, was in no answer"].append("-")

    assert not failures, report(role, len(found), failures)


def test_the_net_reaches_every_kind_of_route(world):
    """The walk finds what it is meant to: the extranet in each language, the admin, the pages
    and their RoutablePage sub-routes, the private page and document."""
    found, _unclassified = targets(world)
    urls = {target.url for target in found}
    day = world.occurrence.start.astimezone(HUB_TIME_ZONE).date().isoformat()

    assert reverse("resources:detail", args=[world.other_resource.pk]) in urls
    assert f"/en/extranet/ressources/{world.other_resource.pk}/" in urls
    assert f"/ar/extranet/porteurs-de-projet/{world.other_holder.pk}/" in urls
    assert f"/admin/pages/{world.offer.pk}/edit/" in urls
    assert len([url for url in urls if url.startswith("/admin/")]) > 300
    assert world.private_page.get_url() in urls
    assert f"{world.event.get_url()}{day}/inscription/" in urls
    assert f"{world.offer.get_parent().get_url()}flux/" in urls
    assert world.private_document.url in urls
