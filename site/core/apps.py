from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every public page shares: page mixins, design-system blocks, site settings."""

    name = "core"
    verbose_name = _("Socle commun")

    def ready(self):
        # Connects the page cache's purge to publications in every process, the worker's and
        # cron's (publish_scheduled) included, not only in web processes that load it through
        # MIDDLEWARE; it forgets the fragments every page shares as well (core.fragments).
        from core import cache  # noqa: F401
        from core.locales import remember_active_locale_within_requests

        remember_active_locale_within_requests()
