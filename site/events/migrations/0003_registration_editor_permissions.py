"""Moderators and Editors see, correct, export and erase registrations, and note attendance.

A data migration, as Wagtail's own migrations give its groups their permissions. Django makes a
model's permissions only after all migrations have run (post_migrate), so they are made here when
missing; « export » is not one of Django's defaults: the registrations' exports check it
(events.admin_views), since they carry personal data out of the site.
"""

from django.db import migrations

GROUP_NAMES = ["Moderators", "Editors"]
ACTIONS = {
    "view": "Can view registration",
    "change": "Can change registration",
    "delete": "Can delete registration",
    "export": "Can export registration",
}


def registration_permissions(apps):
    content_type_model = apps.get_model("contenttypes", "ContentType")
    permission_model = apps.get_model("auth", "Permission")
    content_type, _created = content_type_model.objects.get_or_create(
        app_label="events", model="registration"
    )
    return [
        permission_model.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_registration",
            defaults={"name": name},
        )[0]
        for action, name in ACTIONS.items()
    ]


def grant(apps, schema_editor):
    group_model = apps.get_model("auth", "Group")
    permissions = registration_permissions(apps)
    for group in group_model.objects.filter(name__in=GROUP_NAMES):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    group_model = apps.get_model("auth", "Group")
    permissions = registration_permissions(apps)
    for group in group_model.objects.filter(name__in=GROUP_NAMES):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        # Creates the Moderators and Editors groups.
        ("wagtailcore", "0002_initial_data"),
        ("events", "0002_registrations"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
