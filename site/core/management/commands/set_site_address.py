"""`manage.py set_site_address`: the default Wagtail Site record takes SITE_URL's host and port,
and the site's name when it has none.

Wagtail builds canonical links, og:url and the sitemap from that record; everything else the site
gives out comes from SITE_URL (core.addresses). Run at each deployment (docs/deploy.md), after
`migrate`: on a new database the record still says `localhost`, and has no name (Wagtail's first
migration makes it so), which the admin and anything reading the record would show as blank.
"""

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from core.addresses import default_site_name, site_host_and_port


class Command(BaseCommand):
    help = (
        "Donne au site Wagtail par défaut l'adresse de SITE_URL (canonique, plan du site), et "
        "un nom s'il n'en a pas."
    )

    def handle(self, *args, **options):
        hostname, port = site_host_and_port()
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError(
                "Aucun site Wagtail par défaut : créez-le dans l'administration "
                "(Paramètres › Sites) ou chargez le contenu de démonstration."
            )
        changes = []
        if not site.site_name.strip():
            site.site_name = default_site_name()
            changes.append(f"Nom du site : « {site.site_name} ».")
        if (site.hostname, site.port) != (hostname, port):
            previous = site.root_url
            site.hostname, site.port = hostname, port
            changes.append(f"Adresse du site : {previous} → {site.root_url}.")
        if not changes:
            self.stdout.write(f"Le site a déjà l'adresse {site.root_url} et un nom.")
            return
        # full_clean: another Site record may already hold this host and port.
        site.full_clean()
        site.save()
        for change in changes:
            self.stdout.write(change)
