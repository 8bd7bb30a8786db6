"""Erase the residents' « Ça m'intéresse » kept longer than settings.INTEREST_RETENTION_DAYS.

Run it daily from cron, next to publish_scheduled: the consent residents give says how long their
details are kept, and this is what keeps that promise, in the admin's log too (core.erasure).
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.translation import ngettext

from core.erasure import erase_log_entries
from offers.models import Interest


class Command(BaseCommand):
    help = "Efface les « Ça m'intéresse » plus anciens que la durée de conservation."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Compte ce qui serait effacé, sans rien effacer.",
        )

    def handle(self, *args, dry_run=False, **options):
        days = settings.INTEREST_RETENTION_DAYS
        cutoff = timezone.now() - datetime.timedelta(days=days)
        old_interests = Interest.objects.filter(created_at__lt=cutoff)
        if dry_run:
            count = old_interests.count()
            message = ngettext(
                "%(count)d « Ça m'intéresse » de plus de %(days)d jours serait effacé.",
                "%(count)d « Ça m'intéresse » de plus de %(days)d jours seraient effacés.",
                count,
            )
        else:
            with transaction.atomic():
                pks = list(old_interests.values_list("pk", flat=True))
                _total, deleted_by_model = Interest.objects.filter(pk__in=pks).delete()
                erase_log_entries(Interest, pks)
            count = deleted_by_model.get(Interest._meta.label, 0)
            message = ngettext(
                "%(count)d « Ça m'intéresse » de plus de %(days)d jours effacé.",
                "%(count)d « Ça m'intéresse » de plus de %(days)d jours effacés.",
                count,
            )
        self.stdout.write(message % {"count": count, "days": days})
