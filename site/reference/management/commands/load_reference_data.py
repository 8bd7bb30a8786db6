"""`python manage.py load_reference_data`: the sectors and ROME trades of the curated data file.

Safe to run again: it only creates what is missing, and leaves editors' changes alone.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from reference.loading import ROME_DATA_FILE, load_reference_data


class Command(BaseCommand):
    help = "Charge les filières et les métiers ROME du fichier de référence (sans doublon)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--file",
            default=ROME_DATA_FILE,
            help="Un autre fichier au même format que reference/data/rome.json.",
        )

    def handle(self, *args, **options):
        try:
            load = load_reference_data(options["file"])
        except (OSError, ValueError, KeyError, ValidationError) as error:
            raise CommandError(
                _("Le fichier de référence est illisible : %(error)s") % {"error": error}
            ) from error
        self.stdout.write(_("Source : %(source)s") % {"source": load.source})
        self.stdout.write(_("Date : %(date)s") % {"date": load.date})
        message = _(
            "Filières : %(sectors_created)d créées sur %(sectors_in_file)d. "
            "Métiers : %(trades_created)d créés sur %(trades_in_file)d."
        )
        self.stdout.write(
            self.style.SUCCESS(
                message
                % {
                    "sectors_created": load.sectors_created,
                    "sectors_in_file": load.sectors_in_file,
                    "trades_created": load.trades_created,
                    "trades_in_file": load.trades_in_file,
                }
            )
        )
