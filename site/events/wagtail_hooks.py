"""The events app's place in the admin, the home page and the demo."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from events.models import Occurrence, Venue
from home.demo import LOAD_DEMO_HOOK


class VenueViewSet(SnippetViewSet):
    model = Venue
    icon = "site"
    menu_label = _("Lieux des événements")
    menu_order = 230
    add_to_admin_menu = True
    list_display = ["name", "commune", "step_free_access"]


register_snippet(VenueViewSet)


class OccurrenceViewSet(ModelViewSet):
    """One date of an event: cancel it, move it, or add a message for visitors."""

    model = Occurrence
    icon = "date"
    menu_label = _("Dates des événements")
    menu_order = 231
    add_to_admin_menu = True
    add_view_enabled = False
    list_display = ["event", "start", "end", "is_cancelled"]
    list_filter = ["is_cancelled", "start"]
    search_fields = ["event__title", "note"]
    ordering = ["start"]


@hooks.register("register_admin_viewset")
def register_occurrence_viewset():
    return OccurrenceViewSet("occurrences")


# The sections added to the home page and branch pages are in events.sections.


@hooks.register(LOAD_DEMO_HOOK)
def load_events_demo(demo):
    from events.demo import load_events_demo

    load_events_demo(demo)
