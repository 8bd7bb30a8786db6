"""Wagtail's admin log labelled each registration with the registrant's name (an entry's label is
the object's str() when logged, and stays after the registration is erased). Relabel those entries
the way core.erasure.anonymous_label names a registration now, and drop their data."""

from django.db import migrations


def relabel_log_entries(apps, schema_editor):
    content_type_model = apps.get_model("contenttypes", "ContentType")
    log_entry_model = apps.get_model("wagtailcore", "ModelLogEntry")
    content_type = content_type_model.objects.filter(
        app_label="events", model="registration"
    ).first()
    if content_type is None:
        return
    entries = log_entry_model.objects.filter(content_type=content_type)
    for object_id in set(entries.values_list("object_id", flat=True)):
        entries.filter(object_id=object_id).update(label=f"Inscription n° {object_id}", data={})


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("events", "0006_url_without_bidi_controls"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(relabel_log_entries, migrations.RunPython.noop)]
