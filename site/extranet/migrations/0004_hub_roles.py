"""The hub's three roles in the admin: « Éditeurs », « Conseillers », « Coordinateurs », each with
exactly what extranet.permissions.ROLES says (docs/roles.md shows it as a table).

Wagtail's « Moderators » group becomes « Éditeurs »: the hub's editors were put there (they
publish themselves), and its members and its place in Wagtail's moderation workflow stay.
Wagtail's « Editors » group (changes wait for moderation) is left as Wagtail made it: the hub
gives it to nobody.
"""

from django.db import migrations

from extranet.permissions import EDITORS_GROUP_NAME, sync_roles

WAGTAIL_MODERATORS_GROUP_NAME = "Moderators"


def create_roles(apps, schema_editor):
    group_model = apps.get_model("auth", "Group")
    if not group_model.objects.filter(name=EDITORS_GROUP_NAME).exists():
        group_model.objects.filter(name=WAGTAIL_MODERATORS_GROUP_NAME).update(
            name=EDITORS_GROUP_NAME
        )
    sync_roles(apps)


def back_to_moderators(apps, schema_editor):
    # The permissions stay: the earlier migrations gave most of them; a group is only renamed.
    apps.get_model("auth", "Group").objects.filter(name=EDITORS_GROUP_NAME).update(
        name=WAGTAIL_MODERATORS_GROUP_NAME
    )


class Migration(migrations.Migration):
    dependencies = [
        ("extranet", "0003_announcements"),
        # Every model whose permissions a role gets, and the groups and root page of Wagtail.
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("core", "0002_site_settings_contact_page"),
        ("events", "0007_anonymous_log_labels"),
        ("offers", "0008_anonymous_log_labels"),
        ("organisations", "0004_url_without_bidi_controls"),
        ("reference", "0001_initial"),
        ("resources", "0002_url_without_bidi_controls"),
        ("search", "0003_everyday_job_names"),
    ]

    operations = [migrations.RunPython(create_roles, back_to_moderators)]
