from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from reference.models import Neighbourhood, Sector, Trade
from reference.viewsets import TranslatableSnippetViewSet


class SectorViewSet(TranslatableSnippetViewSet):
    model = Sector
    icon = "folder-open-inverse"
    list_display = ["name", "rome_domain"]
    list_filter = ["rome_domain"]


class TradeViewSet(TranslatableSnippetViewSet):
    model = Trade
    icon = "tag"
    list_display = ["label", "rome_code", "sector"]
    list_filter = ["sector"]
    # No `search_fields`: the listing searches the index's fields (label and ROME code, see
    # Trade.search_fields); naming them makes SQLite's search backend fail (« no such column »).


class NeighbourhoodViewSet(TranslatableSnippetViewSet):
    model = Neighbourhood
    icon = "site"
    list_display = ["name", "commune", "qpv_code"]


class ReferenceViewSetGroup(SnippetViewSetGroup):
    items = [SectorViewSet, TradeViewSet, NeighbourhoodViewSet]
    menu_icon = "list-ul"
    menu_label = _("Référentiels")
    menu_order = 220


register_snippet(ReferenceViewSetGroup)
