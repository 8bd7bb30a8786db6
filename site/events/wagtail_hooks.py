"""The events app's place in the admin, the home page and the demo."""

from django import forms
from django.db.models import Q
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms.choosers import BaseFilterForm, LocaleFilterMixin
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView

from core.viewsets import SnippetChooserViewSet, SnippetViewSet
from events.admin_registration_forms import RegistrationEditForm
from events.admin_views import (
    AttendanceSheetView,
    OccurrenceEditView,
    OccurrenceIndexView,
    OccurrenceRegistrationsColumn,
    RegistrationDateColumn,
    RegistrationDeleteView,
    RegistrationFilterSet,
    RegistrationIndexView,
    YearlyReportView,
    attendance_label,
    may_see_figures,
    this_year_figures,
)
from events.models import Occurrence, Registration, Venue
from home.demo import LOAD_DEMO_HOOK


class VenueFilterForm(LocaleFilterMixin, BaseFilterForm):
    """The venue chooser's search box. Venues are few and not in the search index (Wagtail gives
    a chooser a search box only for indexed models): every word typed must be in the venue's
    name, commune or address."""

    q = forms.CharField(
        # As in Wagtail's other choosers, so that every search box reads the same.
        label=_("Terme de recherche"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Rechercher")}),
    )

    def filter(self, objects):
        objects = super().filter(objects)
        query = self.cleaned_data.get("q", "").strip()
        for word in query.split():
            objects = objects.filter(
                Q(name__icontains=word) | Q(commune__icontains=word) | Q(address__icontains=word)
            )
        if query:
            self.is_searching = True
            self.search_query = query
        return objects


class VenueChooseView(ChooseView):
    filter_form_class = VenueFilterForm


class VenueChooseResultsView(ChooseResultsView):
    filter_form_class = VenueFilterForm


class VenueChooserViewSet(SnippetChooserViewSet):
    choose_view_class = VenueChooseView
    choose_results_view_class = VenueChooseResultsView


class VenueViewSet(SnippetViewSet):
    model = Venue
    icon = "site"
    menu_label = _("Lieux des événements")
    menu_order = 230
    add_to_admin_menu = True
    list_display = ["name", "commune", "step_free_access"]
    # The listing searches the same way as the chooser (the database, not the search index).
    search_fields = ["name", "commune", "address"]
    chooser_viewset_class = VenueChooserViewSet


register_snippet(VenueViewSet)


class WithoutAddViewMixin:
    """No « add » view (Wagtail has no switch for it): its URL is gone and no button leads there."""

    def get_common_view_kwargs(self, **kwargs):
        return {**super().get_common_view_kwargs(**kwargs), "add_url_name": None}

    def get_urlpatterns(self):
        return [pattern for pattern in super().get_urlpatterns() if pattern.name != "add"]


class OccurrenceViewSet(WithoutAddViewMixin, ModelViewSet):
    """One date of an event: cancel it, move it, or add a message for visitors; its
    registrations are one click away (the attendance sheet)."""

    model = Occurrence
    icon = "date"
    menu_label = _("Dates des événements")
    menu_order = 231
    add_to_admin_menu = True
    index_view_class = OccurrenceIndexView
    edit_view_class = OccurrenceEditView
    list_display = [
        "event",
        "start",
        "end",
        "is_cancelled",
        OccurrenceRegistrationsColumn(
            "registrations_link", accessor="people_confirmed", label=_("Inscriptions")
        ),
    ]
    list_filter = ["is_cancelled", "start"]
    search_fields = ["event__title", "note"]
    ordering = ["start"]


@hooks.register("register_admin_viewset")
def register_occurrence_viewset():
    return OccurrenceViewSet("occurrences")


class RegistrationViewSet(WithoutAddViewMixin, ModelViewSet):
    """Who registered for which date: read, exported, corrected, cancelled or erased by the
    hub's editors; attendance noted on each date's sheet. Places are never given by hand."""

    model = Registration
    icon = "group"
    menu_label = _("Inscriptions")
    menu_order = 232
    add_to_admin_menu = True
    inspect_view_enabled = True
    index_view_class = RegistrationIndexView
    delete_view_class = RegistrationDeleteView
    list_display = [
        "name",
        "phone",
        "email",
        "people",
        "status",
        RegistrationDateColumn("occurrence", label=_("Date"), sort_key="occurrence__start"),
        Column("attended", label=_("Présence"), accessor=attendance_label, sort_key="attended"),
    ]
    filterset_class = RegistrationFilterSet
    search_fields = ["name", "phone", "email"]
    ordering = ["-occurrence__start", "created_at"]
    list_export = [
        "event",
        "date",
        "name",
        "phone",
        "email",
        "people",
        "status",
        "attended",
        "consent_method",
        "created_at",
    ]
    export_headings = {
        "event": _("Événement"),
        "date": _("Date"),
        "name": _("Nom"),
        "phone": _("Téléphone"),
        "email": _("E-mail"),
        "people": _("Nombre de personnes"),
        "status": _("État"),
        "attended": _("Présence"),
        "consent_method": _("Consentement recueilli"),
        "created_at": _("Inscrit le"),
    }
    export_filename = "inscriptions"
    inspect_view_fields_exclude = ["id", "token"]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("occurrence", read_only=True),
                    FieldPanel("status", read_only=True),
                    FieldPanel("people", read_only=True),
                ],
                heading=_("Inscription"),
            ),
            FieldPanel("name"),
            FieldPanel("phone"),
            FieldPanel("email"),
            FieldPanel("attended"),
            FieldPanel("cancel_registration"),
        ],
        base_form_class=RegistrationEditForm,
    )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "date/<int:occurrence_pk>/",
                AttendanceSheetView.as_view(),
                name="attendance",
            ),
        ]


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return RegistrationViewSet("registrations")


@hooks.register("register_admin_urls")
def register_yearly_report_url():
    return [
        path("evenements/bilan/", YearlyReportView.as_view(), name="events_yearly_report"),
    ]


class YearlyReportMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_figures(request.user)


@hooks.register("register_reports_menu_item")
def register_yearly_report_menu_item():
    return YearlyReportMenuItem(
        _("Bilan de l'année"),
        reverse("events_yearly_report"),
        name="events-yearly-report",
        icon_name="table",
        order=900,
    )


class YearlyFiguresPanel(Component):
    """Dashboard: this year's dates held, people registered and present, and the report."""

    name = "events_yearly_figures"
    template_name = "events/admin/yearly_figures_panel.html"
    order = 160

    def get_context_data(self, parent_context):
        return {
            "figures": this_year_figures(),
            "report_url": reverse("events_yearly_report"),
        }


@hooks.register("construct_homepage_panels")
def add_yearly_figures_panel(request, panels):
    if may_see_figures(request.user):
        panels.append(YearlyFiguresPanel())


# The sections added to the home page and branch pages are in events.sections.


@hooks.register(LOAD_DEMO_HOOK)
def load_events_demo(demo):
    from events.demo import load_events_demo

    load_events_demo(demo)
