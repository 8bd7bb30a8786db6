"""`manage.py set_site_address`: the default Wagtail Site record takes SITE_URL's host and port.

Wagtail builds canonical links, og:url and the sitemap from that record; everything else the site
gives out comes from SITE_URL (core.addresses). Run at each deployment (docs/deploy.md), after
`migrate`: on a new database the record still says `localhost`.
"""

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from core.addresses import site_host_and_port


class Command(BaseCommand):
    help = "Donne au site Wagtail par défaut l'adresse de SITE_URL (canonique, plan du site)."

    def handle(self, *args, **options):
        hostname, port = site_host_and_port()
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError(
                "Aucun site Wagtail par défaut : créez-le dans l'administration "
                "(Paramètres › Sites) ou chargez le contenu de démonstration."
            )
        if (site.hostname, site.port) == (hostname, port):
            self.stdout.write(f"Le site a déjà l'adresse {site.root_url}.")
            return
        previous = site.root_url
        site.hostname, site.port = hostname, port
        # full_clean: another Site record may already hold this host and port.
        site.full_clean()
        site.save()
        self.stdout.write(f"Adresse du site : {previous} → {site.root_url}.")
