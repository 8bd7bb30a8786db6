from django.core.management.base import BaseCommand

from events.models import EventPage


class Command(BaseCommand):
    help = (
        "Ajoute les dates des événements qui se répètent sans fin jusqu'à l'horizon "
        "(à lancer chaque jour)."
    )

    def handle(self, *args, **options):
        events = EventPage.objects.live().exclude(recurrence="")
        for event in events:
            event.sync_occurrences()
        self.stdout.write(f"{events.count()} événements répétés mis à jour.")
