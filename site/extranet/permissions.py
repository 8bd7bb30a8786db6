"""Who may see and manage what in the extranet, answered in one place for every view; and the
hub's three roles in the Wagtail admin (ROLES), which migrations give their permissions.

Three kinds of people in the extranet: the hub's coordinators (the « Coordinateurs » group, and
superusers), who manage every organisation; an organisation's admins, who manage their own
organisation's members and invitations; its members, who see their organisation and colleagues.
Anyone else, signed in or not, sees nothing of the extranet.

Answers are cached on the user object for the request, since a page asks several times.
"""

from extranet.enums import MembershipRole
from extranet.models import Invitation, Membership
from organisations.models import Organisation

COORDINATORS_GROUP_NAME = "Coordinateurs"
# Wagtail's « Moderators » group, renamed (extranet migration 0004): its members and its place in
# Wagtail's moderation workflow stay.
EDITORS_GROUP_NAME = "Éditeurs"
ADVISERS_GROUP_NAME = "Conseillers"
# Editors and anyone else who may open the Wagtail admin.
ADMIN_ACCESS_PERMISSION = "wagtailadmin.access_admin"

# --- The hub's roles in the admin ---------------------------------------------------------------
# What each role's work needs, and nothing more: a model permission is "app_label.codename"; a
# page permission "page:<codename>" holds on the whole page tree (from the root page); a
# collection permission "collection:<codename>" on every collection (from the root collection).
# docs/roles.md shows the same in one table, and tests/roles/test_roles.py holds both together.
# Changing a role: change it here and in the doc, and add a migration that calls sync_roles.

EDITOR_PERMISSIONS = frozenset(
    {
        ADMIN_ACCESS_PERMISSION,
        *(f"page:{action}_page" for action in ("add", "change", "publish", "lock", "unlock")),
        *(
            f"collection:{action}_{kind}"
            for action in ("add", "change", "delete", "choose")
            for kind in ("image", "document")
        ),
        "wagtail_localize.submit_translation",
        "core.change_sitesettings",
        # Snippets they fill the pages with.
        *(f"events.{action}_venue" for action in ("add", "change", "view")),
        *(f"organisations.{action}_organisation" for action in ("add", "change", "view")),
        *(f"reference.{action}_trade" for action in ("add", "change", "view")),
        "reference.view_sector",
        "reference.view_neighbourhood",
        *(f"search.{action}_synonym" for action in ("add", "change", "delete", "view")),
        # An event's dates and who registered (events.admin_views).
        "events.view_occurrence",
        "events.change_occurrence",
        *(f"events.{action}_registration" for action in ("view", "change", "delete", "export")),
    }
)
ADVISER_PERMISSIONS = frozenset(
    {
        ADMIN_ACCESS_PERMISSION,
        # Read a resident's « Ça m'intéresse », correct it, mark it followed (offers.admin_views).
        "offers.view_interest",
        "offers.change_interest",
        # Read an event's registrations, correct one, note who came.
        "events.view_occurrence",
        "events.view_registration",
        "events.change_registration",
    }
)
COORDINATOR_PERMISSIONS = frozenset(
    {
        *EDITOR_PERMISSIONS,
        *ADVISER_PERMISSIONS,
        # Erase a resident's request on demand; moderate what members share.
        "offers.delete_interest",
        *(f"resources.{action}_resource" for action in ("view", "change", "delete")),
    }
)
ROLES = {
    EDITORS_GROUP_NAME: EDITOR_PERMISSIONS,
    ADVISERS_GROUP_NAME: ADVISER_PERMISSIONS,
    COORDINATORS_GROUP_NAME: COORDINATOR_PERMISSIONS,
}
# Permissions a library's migration makes, not a model's Meta: a database emptied by a flush
# (the demo's `--flush`, tests) lacks them until made again, as those migrations make them.
MADE_BY_MIGRATIONS = {
    # wagtail_localize/migrations/0006_create_submit_translation_permission.py
    "wagtail_localize.submit_translation": ("translation", "Can submit translations"),
}
PAGE_PREFIX = "page:"
COLLECTION_PREFIX = "collection:"


def sync_roles(apps):
    """Give each role's group exactly ROLES' permissions, creating what is missing.

    `apps` is a migration's app registry, or django.apps.apps when the demo rebuilds the groups
    after a flush. Only models looked up through `apps`: this runs inside migrations.
    """
    from django.contrib.auth.management import create_permissions

    # Django makes a model's permissions after all migrations have run (post_migrate): made here
    # first, as a data migration may run before.
    # create_permissions skips an app without a models module, which a migration's apps lack.
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module

    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    content_type_model = apps.get_model("contenttypes", "ContentType")
    page_permission_model = apps.get_model("wagtailcore", "GroupPagePermission")
    collection_permission_model = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root_page = apps.get_model("wagtailcore", "Page").objects.filter(depth=1).first()
    root_collection = apps.get_model("wagtailcore", "Collection").objects.filter(depth=1).first()

    def permission(code):
        app_label, codename = code.split(".")
        if code in MADE_BY_MIGRATIONS:
            model, name = MADE_BY_MIGRATIONS[code]
            content_type, _created = content_type_model.objects.get_or_create(
                app_label=app_label, model=model
            )
            return permission_model.objects.get_or_create(
                content_type=content_type, codename=codename, defaults={"name": name}
            )[0]
        return permission_model.objects.get(content_type__app_label=app_label, codename=codename)

    for name, codes in ROLES.items():
        group, _created = group_model.objects.get_or_create(name=name)
        group.permissions.set(
            [
                permission(code)
                for code in codes
                if not code.startswith((PAGE_PREFIX, COLLECTION_PREFIX))
            ]
        )
        page_permission_model.objects.filter(group=group).delete()
        if root_page is not None:
            page_permission_model.objects.bulk_create(
                page_permission_model(
                    group=group,
                    page=root_page,
                    permission=permission(f"wagtailcore.{code.removeprefix(PAGE_PREFIX)}"),
                )
                for code in sorted(codes)
                if code.startswith(PAGE_PREFIX)
            )
        collection_permission_model.objects.filter(group=group).delete()
        if root_collection is not None:
            collection_permission_model.objects.bulk_create(
                collection_permission_model(
                    group=group,
                    collection=root_collection,
                    permission=collection_permission(permission_model, code),
                )
                for code in sorted(codes)
                if code.startswith(COLLECTION_PREFIX)
            )


def collection_permission(permission_model, code):
    """collection:add_image → wagtailimages.add_image; collection:add_document → wagtaildocs."""
    codename = code.removeprefix(COLLECTION_PREFIX)
    app_label = "wagtailimages" if codename.endswith("_image") else "wagtaildocs"
    return permission_model.objects.get(content_type__app_label=app_label, codename=codename)


def is_coordinator(user):
    if not (user.is_authenticated and user.is_active):
        return False
    if not hasattr(user, "_extranet_is_coordinator"):
        user._extranet_is_coordinator = (
            user.is_superuser or user.groups.filter(name=COORDINATORS_GROUP_NAME).exists()
        )
    return user._extranet_is_coordinator


def must_use_two_factor(user):
    """Coordinators and editors: their accounts open every member's data or the whole site."""
    return is_coordinator(user) or user.has_perm(ADMIN_ACCESS_PERMISSION)


def current_membership(user):
    """The user's membership with its organisation, or None."""
    if not (user.is_authenticated and user.is_active):
        return None
    if not hasattr(user, "_extranet_membership"):
        user._extranet_membership = (
            Membership.objects.current()
            .select_related("organisation")
            .filter(user=user, organisation__is_archived=False)
            .first()
        )
    return user._extranet_membership


def may_use_extranet(user):
    return is_coordinator(user) or current_membership(user) is not None


def organisations_visible_to(user):
    if is_coordinator(user):
        return Organisation.objects.all()
    membership = current_membership(user)
    if membership is None:
        return Organisation.objects.none()
    return Organisation.objects.filter(pk=membership.organisation_id)


def may_manage_members(user, organisation):
    """Invite, resend, revoke, remove: coordinators anywhere, admins in their organisation."""
    if is_coordinator(user):
        return True
    membership = current_membership(user)
    return (
        membership is not None
        and membership.organisation_id == organisation.pk
        and membership.role == MembershipRole.ADMIN
    )


def may_edit_directory_card(user, organisation):
    """The contact shown in the member directory: whoever manages the organisation's members."""
    return may_manage_members(user, organisation)


def may_manage_announcements(user):
    """Announcements speak for the hub to every member: the coordinators write them."""
    return is_coordinator(user)


def roles_grantable_by(user, organisation):
    """Coordinators and organisation admins may make admins as well as members."""
    if may_manage_members(user, organisation):
        return list(MembershipRole)
    return []


def memberships_visible_to(user):
    return Membership.objects.current().filter(organisation__in=organisations_visible_to(user))


def invitations_visible_to(user):
    return Invitation.objects.filter(organisation__in=organisations_visible_to(user))
