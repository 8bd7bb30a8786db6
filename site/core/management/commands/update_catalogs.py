from django.core.management.base import BaseCommand

from core.catalogs import update_catalogs


class Command(BaseCommand):
    help = (
        "Met à jour les catalogues d'interface (locale/*/LC_MESSAGES/django.po) d'après le code : "
        "nouvelles chaînes à traduire, chaînes disparues retirées, catalogue français rempli."
    )

    def handle(self, *args, **options):
        update_catalogs()
        self.stdout.write("Catalogues à jour : traduisez les entrées vides en anglais et en arabe.")
