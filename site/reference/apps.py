from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferenceConfig(AppConfig):
    """Shared reference data: sectors and trades (ROME 4.0) and the territory's neighbourhoods.

    Offers, events and the extranet all point at these; they live apart so none of those apps
    depends on another.
    """

    name = "reference"
    verbose_name = _("Référentiels")
