"""Every field an editor fills in the admin says what to write, in French, mostly with an example.

Walks the forms Wagtail builds for the pages, snippets and site settings of the apps whose
editors were left guessing (« Type de contrat », « Salaire », « Nombre de postes »… had no help
text), inline forms included (the home page's partners), and fails on a field of ours without
one. Wagtail's own page fields (title, slug, promote tab) bring their own help.
"""

import pytest
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils import translation
from wagtail.admin.panels import get_edit_handler
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.models import Page
from wagtail.snippets.models import get_snippet_models

GUIDED_APPS = {"offers", "home", "reference", "organisations", "project_holders", "core"}

# (model, field) whose label says it all: none so far; add one here, with the reason, if need be.
SELF_EXPLANATORY = frozenset()


def edited_models():
    snippets = set(get_snippet_models())
    site_settings = set(settings_registry)
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label in GUIDED_APPS
        and (issubclass(model, Page) or model in snippets or model in site_settings)
        and not model._meta.abstract
    ]


def form_fields(form_class):
    """(model, field name) of each field of the form and of its inline forms."""
    for name in form_class.base_fields:
        yield form_class._meta.model, name
    for formset in getattr(form_class, "formsets", {}).values():
        yield from form_fields(formset.form)


def fields_without_help(model):
    form_class = get_edit_handler(model).get_form_class()
    for form_model, name in form_fields(form_class):
        try:
            model_field = form_model._meta.get_field(name)
        except FieldDoesNotExist:  # a form's own field (Wagtail's comments…)
            continue
        # Wagtail's own fields (Page's title, slug, SEO…) are not ours to explain.
        if model_field.model._meta.app_label not in GUIDED_APPS:
            continue
        if (form_model.__name__, name) in SELF_EXPLANATORY:
            continue
        if not str(model_field.help_text).strip():
            yield f"{form_model.__name__}.{name}"


def test_the_walk_sees_the_pages_snippets_and_settings_editors_fill():
    names = {model.__name__ for model in edited_models()}

    assert {"OfferPage", "BranchPage", "HomePage", "Trade", "Organisation", "SiteSettings"} <= names


@pytest.mark.parametrize("model", edited_models(), ids=lambda model: model.__name__)
def test_every_field_an_editor_fills_has_a_help_text(model):
    assert list(fields_without_help(model)) == []


def test_the_offers_key_fields_give_an_example():
    from offers.models import OfferPage

    with translation.override("fr"):
        for name in ("contract_type", "salary_min", "positions", "commune", "employer"):
            help_text = str(OfferPage._meta.get_field(name).help_text)
            assert "Ex. :" in help_text, name
