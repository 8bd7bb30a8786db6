"""Blank the names and contacts of registrants EVENT_REGISTRATION_RETENTION_DAYS after the date.

Run it daily from cron: the consent registrants give says how long their details are kept. The
rows stay, without anyone's name, phone or e-mail, so that the hub's yearly figures (people
registered, people present) still add up; the links registrants were sent open nothing any more
(events.registrations.erase).
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from events.models import Registration
from events.registrations import erase


class Command(BaseCommand):
    help = "Efface le nom et les contacts des inscrits aux événements passés depuis longtemps."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Compte ce qui serait effacé, sans rien effacer.",
        )

    def handle(self, *args, dry_run=False, **options):
        days = settings.EVENT_REGISTRATION_RETENTION_DAYS
        old_registrations = Registration.objects.to_erase()
        if dry_run:
            count = old_registrations.count()
            message = ngettext(
                "%(count)d inscription à un événement passé depuis plus de %(days)d jours "
                "serait effacée.",
                "%(count)d inscriptions à des événements passés depuis plus de %(days)d jours "
                "seraient effacées.",
                count,
            )
        else:
            count = erase(old_registrations)
            message = ngettext(
                "%(count)d inscription à un événement passé depuis plus de %(days)d jours effacée.",
                "%(count)d inscriptions à des événements passés depuis plus de %(days)d jours "
                "effacées.",
                count,
            )
        self.stdout.write(message % {"count": count, "days": days})
