from django.core.management.base import BaseCommand, CommandError

from core.catalogs import catalog_problems


class Command(BaseCommand):
    help = (
        "Échoue si un catalogue d'interface est en retard sur le code ou contient des entrées "
        "non traduites ou à vérifier (fuzzy)."
    )

    def handle(self, *args, **options):
        problems = catalog_problems()
        for problem in problems:
            self.stderr.write(str(problem))
        if problems:
            raise CommandError(
                f"{len(problems)} problème(s) dans les catalogues : lancez `make messages`, "
                "puis traduisez les entrées signalées."
            )
        self.stdout.write("Catalogues complets et à jour.")
