"""The « Coordinateurs » group: the hub's coordinators, who manage every member organisation."""

from django.db import migrations

COORDINATORS_GROUP_NAME = "Coordinateurs"


def create_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name=COORDINATORS_GROUP_NAME)


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=COORDINATORS_GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("extranet", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
