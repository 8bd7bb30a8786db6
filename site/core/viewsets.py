"""The admin's snippet viewsets, whose choosers answer 404, not 500, to a malformed id.

Wagtail's chooser takes the chosen snippet's id from its address (…/chosen/<id>/, or
…/chosen-multiple/?id=…) and turns only a missing row into a 404: an id that is not a number, in
a mistyped or tampered address, reaches the database as such and raises ValueError, a 500.
Every snippet viewset of the site subclasses SnippetViewSet from here.
"""

from django.core.exceptions import ValidationError
from django.http import Http404
from wagtail.snippets.views.chooser import (
    SnippetChooserViewSet as WagtailSnippetChooserViewSet,
)
from wagtail.snippets.views.chooser import SnippetChosenMultipleView, SnippetChosenView
from wagtail.snippets.views.snippets import SnippetViewSet as WagtailSnippetViewSet

# What the database layer raises for an id of the wrong type (ValueError for an integer key,
# ValidationError for a UUID).
MALFORMED_ID = (ValueError, TypeError, ValidationError)


class ChosenView(SnippetChosenView):
    def get_object(self, pk):
        try:
            return super().get_object(pk)
        except MALFORMED_ID as error:
            raise Http404 from error


class ChosenMultipleView(SnippetChosenMultipleView):
    def get_objects(self, pks):
        try:
            # Evaluated here, where a malformed id is raised, rather than while rendering.
            return list(super().get_objects(pks))
        except MALFORMED_ID as error:
            raise Http404 from error


class SnippetChooserViewSet(WagtailSnippetChooserViewSet):
    chosen_view_class = ChosenView
    chosen_multiple_view_class = ChosenMultipleView


class SnippetViewSet(WagtailSnippetViewSet):
    chooser_viewset_class = SnippetChooserViewSet
