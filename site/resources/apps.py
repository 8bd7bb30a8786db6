from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResourcesConfig(AppConfig):
    """Working documents and links the member organisations share in the extranet (issue 5)."""

    name = "resources"
    verbose_name = _("Ressources partagées")

    def ready(self):
        from resources import signals  # noqa: F401  (connects the receivers)
