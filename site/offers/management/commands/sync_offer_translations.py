"""Show every current French offer in the other languages: an alias where it has no translation.

Run once after deploying the version that lists every offer in English and Arabic, and again
after translating the offers page into a new language. Publishing a French offer does the same
for that offer by itself (offers.translations); running this twice changes nothing.
"""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import ngettext

from offers.translations import sync_offer_aliases


class Command(BaseCommand):
    help = (
        "Montre chaque offre française en cours dans les autres langues, "
        "en français, tant qu'elle n'est pas traduite."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            made = sync_offer_aliases()
        self.stdout.write(
            ngettext(
                "%(count)d offre montrée dans une autre langue.",
                "%(count)d offres montrées dans une autre langue.",
                len(made),
            )
            % {"count": len(made)}
        )
