from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet

from core.viewsets import SnippetViewSet
from organisations.models import Organisation


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "kind", "commune", "is_public", "is_archived"]
    list_filter = ["kind", "is_public", "is_archived"]
    # No `search_fields`: the listing searches the index's fields (name and SIRET, see
    # Organisation.search_fields); naming them makes SQLite's search backend fail (« no such
    # column »).


register_snippet(OrganisationViewSet)
