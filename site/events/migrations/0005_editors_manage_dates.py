"""The export permission declared on Registration (0003 made the row), and the hub's editors
(Moderators, Editors) allowed to see and change an event's dates — cancel one, move it, give it
more places — which they could not open before."""

from django.db import migrations

GROUP_NAMES = ["Moderators", "Editors"]
OCCURRENCE_ACTIONS = {"view": "Can view occurrence", "change": "Can change occurrence"}


def occurrence_permissions(apps):
    content_type_model = apps.get_model("contenttypes", "ContentType")
    permission_model = apps.get_model("auth", "Permission")
    content_type, _created = content_type_model.objects.get_or_create(
        app_label="events", model="occurrence"
    )
    return [
        permission_model.objects.get_or_create(
            content_type=content_type, codename=f"{action}_occurrence", defaults={"name": name}
        )[0]
        for action, name in OCCURRENCE_ACTIONS.items()
    ]


def grant(apps, schema_editor):
    permissions = occurrence_permissions(apps)
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GROUP_NAMES):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    permissions = occurrence_permissions(apps)
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GROUP_NAMES):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0004_easy_read"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="registration",
            options={
                "ordering": ["occurrence", "created_at"],
                "permissions": [("export_registration", "Can export registration")],
                "verbose_name": "Inscription",
                "verbose_name_plural": "Inscriptions",
            },
        ),
        migrations.RunPython(grant, revoke),
    ]
