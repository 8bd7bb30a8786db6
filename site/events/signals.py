from django.db import transaction
from django.dispatch import receiver
from wagtail.signals import page_published

from events.models import EventPage


@receiver(page_published, sender=EventPage)
def store_occurrences(sender, instance, **kwargs):
    """Publishing an event (re)makes its dates from its rule; moved or cancelled ones are kept."""
    transaction.on_commit(instance.sync_occurrences)
