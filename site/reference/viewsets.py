"""The admin's listings and choosers of translatable snippets (sectors, trades, neighbourhoods…),
in words editors use: « Langue ».

Wagtail's French catalog translates its « Locale » by « Région » (the listing's filter, the
chooser's column) and leaves the chooser's own filter unlabelled, so Django prints the field's
name, « Locale ». A translatable snippet's viewset subclasses TranslatableSnippetViewSet instead of
SnippetViewSet to say « Langue » everywhere. The chooser still opens in the edited page's
language: the page editor passes it (?locale=fr), and that is the filter's initial choice.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import LocaleColumn
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView
from wagtail.snippets.views.snippets import IndexView

from core.viewsets import SnippetChooserViewSet, SnippetViewSet

LANGUAGE = _("Langue")


def language_column():
    """The column that says which language a row is in, for a viewset's `list_display`."""
    return LocaleColumn(label=LANGUAGE, sort_key=None)


class LanguageFilterSet(WagtailFilterSet):
    """A listing's filters, the language one labelled « Langue »."""

    def _add_locale_filter(self):
        super()._add_locale_filter()
        if "locale" in self.filters:
            self.filters["locale"].label = LANGUAGE


class LanguageFilterChooseMixin:
    """A chooser whose language filter and column read « Langue »."""

    def get_filter_form(self):
        form = super().get_filter_form()
        if "locale" in form.fields:
            form.fields["locale"].label = LANGUAGE
        return form

    @property
    def columns(self):
        return [
            language_column() if isinstance(column, LocaleColumn) else column
            for column in super().columns
        ]


class LanguageChooseView(LanguageFilterChooseMixin, ChooseView):
    pass


class LanguageChooseResultsView(LanguageFilterChooseMixin, ChooseResultsView):
    pass


class LanguageChooserViewSet(SnippetChooserViewSet):
    choose_view_class = LanguageChooseView
    choose_results_view_class = LanguageChooseResultsView


class LanguageIndexView(IndexView):
    base_filterset_class = LanguageFilterSet


class TranslatableSnippetViewSet(SnippetViewSet):
    """A SnippetViewSet for a TranslatableMixin model: « Langue » in its listing and chooser."""

    index_view_class = LanguageIndexView
    chooser_viewset_class = LanguageChooserViewSet
