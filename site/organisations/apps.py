from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    """The hub's organisations: employers on offers, members of the extranet.

    Its own app so that offers and the extranet both point at it without depending on each other.
    """

    name = "organisations"
    verbose_name = _("Organisations")
