"""What the page editor offers when a page points at sectors, trades or neighbourhoods.

These snippets exist once per language (a French « Maçonnerie », an English « Masonry »…). A page
only ever points at those of its own language: its form offers nothing else, and a long list of
trades is grouped under their sectors.
"""

import unicodedata

from django import forms
from django.forms.models import ModelChoiceIterator
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page, TranslatableMixin


class PageLanguageChoicesForm(WagtailAdminPageForm):
    """A page form whose choices of translatable snippets are those of the page's language.

    Limits what is shown (the trades' checkboxes) and what is accepted (a chooser's posted id):
    a French page never points at an English trade. Wagtail sets the locale of a new page from its
    parent before building the form.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale_id = self.instance.locale_id
        if locale_id is None:
            return
        for form_field in self.fields.values():
            queryset = getattr(form_field, "queryset", None)
            if queryset is None:
                continue
            model = queryset.model
            if issubclass(model, TranslatableMixin) and not issubclass(model, Page):
                form_field.queryset = queryset.filter(locale_id=locale_id)


class CheckboxesBySector(forms.CheckboxSelectMultiple):
    """Trades as checkboxes grouped under their sector, sectors and trades in alphabetical order.

    For a many-to-many field to reference.Trade (a branch's presented trades): one short group per
    sector is read at a glance, where one long list is not, and it needs no JavaScript.
    """

    template_name = "reference/widgets/checkboxes_by_group.html"

    def optgroups(self, name, value, attrs=None):
        if isinstance(self.choices, ModelChoiceIterator):
            # Each trade's sector with the trades, not one query per checkbox.
            self.choices.queryset = self.choices.queryset.select_related("sector")
        by_sector = {}
        for option_value, label in self.choices:
            instance = getattr(option_value, "instance", None)
            sector = str(instance.sector) if instance is not None else ""
            by_sector.setdefault(sector, []).append((option_value, label))
        ungrouped, self.choices = self.choices, sorted(by_sector.items(), key=sector_order)
        try:
            return super().optgroups(name, value, attrs)
        finally:
            self.choices = ungrouped


def sector_order(group):
    """Alphabetical, accents aside: « Bâtiment » between « Aide » and « Commerce »."""
    name = unicodedata.normalize("NFKD", group[0]).encode("ascii", "ignore").decode()
    return name.casefold()
