"""Anonymise project holders closed more than PROJECT_HOLDER_RETENTION_YEARS years ago.

Run it daily from cron: the consent holders give says how long their details are kept. Each record
stays, without the person's name, phone, e-mail, project name and description or the text of its
notes (in the history too), so that the hub's figures by status, outcome and year still add up.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from project_holders.models import ProjectHolder


class Command(BaseCommand):
    help = "Anonymise les porteurs de projet clôturés depuis plus que la durée de conservation."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Compte ce qui serait anonymisé, sans rien changer.",
        )

    def handle(self, *args, dry_run=False, **options):
        years = settings.PROJECT_HOLDER_RETENTION_YEARS
        holders = ProjectHolder.objects.to_anonymise()
        if dry_run:
            count = holders.count()
            message = ngettext(
                "%(count)d porteur de projet clôturé depuis plus de %(years)d ans serait "
                "anonymisé.",
                "%(count)d porteurs de projet clôturés depuis plus de %(years)d ans seraient "
                "anonymisés.",
                count,
            )
        else:
            count = 0
            for holder in holders.iterator():
                holder.anonymise()
                count += 1
            message = ngettext(
                "%(count)d porteur de projet clôturé depuis plus de %(years)d ans anonymisé.",
                "%(count)d porteurs de projet clôturés depuis plus de %(years)d ans anonymisés.",
                count,
            )
        self.stdout.write(message % {"count": count, "years": years})
