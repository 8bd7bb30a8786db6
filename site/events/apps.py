from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """The hub's events, their occurrences and registrations (issue 4)."""

    name = "events"
    verbose_name = _("Événements")

    def ready(self):
        from events import sections, signals  # noqa: F401 (registers the hooks and receivers)
