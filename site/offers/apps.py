from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OffersConfig(AppConfig):
    """Job offers and trade-branch presentations (issue 3)."""

    name = "offers"
    verbose_name = _("Offres d'emploi")

    def ready(self):
        # Gives every published French offer its English and Arabic alias (offers.translations).
        import offers.translations  # noqa: F401
