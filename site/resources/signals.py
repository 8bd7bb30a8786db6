"""A version's file leaves the private storage once the deletion of its row is committed.

Through the post_delete signal, so that every way of deleting (the delete view, the admin, an
organisation's deletion cascading) cleans up; after the commit, so that a rolled-back deletion
never leaves a row without its file.
"""

import logging

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from resources.models import ResourceVersion

logger = logging.getLogger(__name__)


@receiver(post_delete, sender=ResourceVersion)
def delete_file_after_commit(sender, instance, using, **kwargs):
    storage, name = instance.file.storage, instance.file.name
    if not name:
        return

    def delete_file():
        try:
            storage.delete(name)
        except OSError:
            # The row is gone; a file left behind is private and harmless, but say so.
            logger.exception("Could not delete the private file %s", name)

    transaction.on_commit(delete_file, using=using, robust=True)
