"""`python manage.py load_demo`: fill the database with a believable French demo site.

Safe to run again: every step looks for what it would create and skips it, so `make run` can call
it each time. Apps add their own content through the LOAD_DEMO_HOOK Wagtail hook (see home.demo).
"""

import logging
import time
from contextlib import contextmanager

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail import hooks

from home.demo import LOAD_DEMO_HOOK, Demo

# Modules that only the development dependencies provide.
DEV_ONLY_MODULES = {"factory", "wagtail_factories", "tests"}
NOISY_LOGGERS = ["wagtail", "django_tasks"]


@contextmanager
def quiet_loggers(quiet):
    """Hide the line that Wagtail and django-tasks log for every page saved (-v 2 shows them)."""
    loggers = [logging.getLogger(name) for name in NOISY_LOGGERS]
    levels = [logger.level for logger in loggers]
    if quiet:
        for logger in loggers:
            logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


class Command(BaseCommand):
    help = "Crée un site de démonstration en français (sans doublon si on le relance)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--offers",
            type=int,
            default=None,
            metavar="N",
            help="Pour les mesures de performance : crée N offres d'emploi en plus de la démo.",
        )

    def handle(self, *args, **options):
        try:
            from home.demo.content import STEPS
        except ModuleNotFoundError as error:
            if error.name and error.name.split(".")[0] in DEV_ONLY_MODULES:
                raise CommandError(
                    "load_demo needs the development dependencies: "
                    "pip install -r requirements/dev.txt "
                    "(load_demo a besoin des dépendances de développement)."
                ) from error
            raise

        started_at = time.monotonic()
        demo = Demo(self.stdout, self.style, options)
        self.stdout.write(_("Contenu de démonstration :"))
        # All or nothing: a step that fails leaves no half-built site for the next run to skip.
        # Quiet until after the commit: Wagtail creates redirects for translated pages then.
        with quiet_loggers(options["verbosity"] < 2), transaction.atomic():
            for step in [*STEPS, *hooks.get_hooks(LOAD_DEMO_HOOK)]:
                step(demo)

        if demo.created:
            labels = {
                "pages": _("pages"),
                "images": _("images"),
                "documents": _("documents"),
                "users": _("comptes"),
            }
            summary = ", ".join(
                f"{labels.get(kind, kind)} : {number}" for kind, number in demo.created.items()
            )
            message = _("Créé en %(seconds).1f s (%(summary)s).")
            self.stdout.write(
                self.style.SUCCESS(
                    message % {"seconds": time.monotonic() - started_at, "summary": summary}
                )
            )
        else:
            message = _("Rien à créer : la démonstration est en place.")
            self.stdout.write(self.style.SUCCESS(message))
