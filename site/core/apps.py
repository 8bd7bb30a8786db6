from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every public page shares: page mixins, design-system blocks, site settings."""

    name = "core"
    verbose_name = _("Socle commun")

    def ready(self):
        # Connects the page cache's purge to publications in every process, the worker's and
        # cron's (publish_scheduled) included, not only in web processes that load it through
        # MIDDLEWARE; and the footer's, which forgets the links it keeps (core.footer).
        from core import cache, footer  # noqa: F401
