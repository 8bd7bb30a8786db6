"""What erasing a person must also clear, outside the record that held their details.

Each app erases its own records (an interest, a registration, a project holder); these functions
clear what other parts of the site keep about them, one function per kind of record, called by
every way of erasing (the admin, the extranet, the retention commands):

- Wagtail's admin log (ModelLogEntry), shown to every editor in the site history: each entry is
  labelled with the object's str() at the time, and may carry data. The models holding personal
  data name no one in their str() (`anonymous_label`), and erasure rewrites older entries.
- django-simple-history's records: a copy of every field at each change.

Task results (django-tasks-db) carry record identifiers only, not details: see core.tasks.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from wagtail.models import ModelLogEntry


def anonymous_label(model, pk):
    """How to name a record of personal data where others see it: « Inscription n° 12 »."""
    return _("%(model)s n° %(pk)s") % {"model": capfirst(model._meta.verbose_name), "pk": pk}


def erase_log_entries(model, pks):
    """Wagtail's admin log of these records of `model`: a label naming no one, and no data."""
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    entries = ModelLogEntry.objects.filter(
        content_type=content_type, object_id__in=[str(pk) for pk in pks]
    )
    # The log is read in the site's language, whoever erased the record.
    with translation.override(settings.LANGUAGE_CODE):
        for object_id in set(entries.values_list("object_id", flat=True)):
            entries.filter(object_id=object_id).update(
                label=anonymous_label(model, object_id), data={}
            )


def erase_history(history, fields):
    """Blank `fields` in these django-simple-history records (a queryset of historical rows)."""
    history.update(**dict.fromkeys(fields, ""))


class ErasedFromLogOnDelete:
    """For a model of personal data: deleting a record (in the admin, on request) also rewrites
    what the admin's log says of it."""

    def delete(self, *args, **kwargs):
        pk = self.pk
        with transaction.atomic():
            deleted = super().delete(*args, **kwargs)
            erase_log_entries(type(self), [pk])
        return deleted
