from django.db import transaction
from django.dispatch import receiver
from wagtail.signals import page_published

from events.models import EventPage


@receiver(page_published, sender=EventPage)
def store_occurrences(sender, instance, **kwargs):
    """Publishing an event (re)makes its dates from its rule; moved or cancelled ones are kept.
    Registrants hear of what changed; more places go to those waiting."""
    from events.registrations import after_publish

    transaction.on_commit(lambda: after_publish(instance))
