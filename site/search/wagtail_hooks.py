"""The search app's place in the admin: the synonyms editors add for the words residents use."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet

from core.viewsets import SnippetViewSet
from search.models import Synonym


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "search"
    menu_label = _("Synonymes de la recherche")
    menu_order = 240
    add_to_admin_menu = True
    list_display = ["__str__", "updated_at"]
    search_fields = ["terms"]


register_snippet(SynonymViewSet)
