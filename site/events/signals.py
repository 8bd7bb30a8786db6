from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from core.cache import clear_page_cache
from events.models import EventPage, Occurrence, Registration


@receiver(page_published, sender=EventPage)
def store_occurrences(sender, instance, **kwargs):
    """Publishing an event (re)makes its dates from its rule; moved or cancelled ones are kept.
    Registrants hear of what changed; more places go to those waiting."""
    from events.registrations import after_publish

    transaction.on_commit(lambda: after_publish(instance))


@receiver(post_save, sender=Registration, dispatch_uid="events_registration_saved")
@receiver(post_delete, sender=Registration, dispatch_uid="events_registration_deleted")
@receiver(post_save, sender=Occurrence, dispatch_uid="events_occurrence_saved")
@receiver(post_delete, sender=Occurrence, dispatch_uid="events_occurrence_deleted")
def places_changed(sender, instance, **kwargs):
    """« Il reste 2 places », « complet », « annulée » are on the date's page, the event's, the
    agenda and the home page: a registration, a cancellation or a changed date empties the page
    cache (once committed), or the next resident would read the old count for ten minutes."""
    clear_page_cache()
