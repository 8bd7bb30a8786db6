"""Editors' views of registrations: the listing and its exports, erasure, the attendance sheet
at the door, and the yearly figures.

Nothing here gives or takes a place by itself: cancelling goes through
events.registrations.cancel() (events.admin_registration_forms), and erasing a registration
moves the waitlist up through promote_waitlist(), both under the date's lock.
"""

import re

import django_filters
from django import forms
from django.contrib import messages
from django.db import models, transaction
from django.db.models.functions import Coalesce
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import DeleteView, EditView, IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permissions import ModelPermissionPolicy

from core.dates import HUB_TIME_ZONE
from core.spreadsheets import SafeSpreadsheetExportMixin, csv_response
from events.admin_figures import (
    current_year,
    year_from_parameter,
    yearly_figures,
    years_with_events,
)
from events.admin_registration_forms import (
    ATTENDANCE_CHOICES,
    ATTENDANCE_VALUES,
    attendance_choice,
)
from events.enums import RegistrationStatus
from events.models import EventPage, Occurrence, Registration

registration_permission_policy = ModelPermissionPolicy(Registration)

# An id in the query string (?occurrence=, ?event=): digits only, and short enough for any
# integer column. SQLite raises OverflowError, not a « no such row », on a larger number.
ID_PARAMETER = re.compile(r"^\d{1,9}$")
ATTENDANCE_LABELS = {None: "", True: gettext_lazy("Présent"), False: gettext_lazy("Absent")}


def attendance_label(registration):
    """« Présent », « Absent », or nothing while not noted (listing and exports)."""
    return ATTENDANCE_LABELS[registration.attended]


def may_mark_attendance(user):
    return registration_permission_policy.user_has_permission(user, "change")


def may_export_registrations(user):
    return registration_permission_policy.user_has_permission(user, "export")


def may_see_figures(user):
    return registration_permission_policy.user_has_any_permission(user, ["view", "change"])


def forbidden(request, message):
    """A real 403 (Wagtail would redirect to the dashboard), saying why in French."""
    return TemplateResponse(
        request,
        "events/admin/forbidden.html",
        {
            "page_title": _("Accès refusé"),
            "header_title": _("Accès refusé"),
            "message": message,
        },
        status=403,
    )


def attendance_sheet_url(occurrence):
    return reverse("registrations:attendance", args=[occurrence.pk])


def registrations_export_url(occurrence, spreadsheet_format):
    return (
        f"{reverse('registrations:index')}?occurrence={occurrence.pk}&export={spreadsheet_format}"
    )


def registrations_link_label(occurrence, people_confirmed):
    """« Inscriptions (12 personnes / 30) », for the date's listing and its edit view."""
    capacity = occurrence.capacity
    if capacity is None:
        return ngettext(
            "Inscriptions (%(people)s personne, sans limite)",
            "Inscriptions (%(people)s personnes, sans limite)",
            people_confirmed,
        ) % {"people": people_confirmed}
    return ngettext(
        "Inscriptions (%(people)s personne / %(capacity)s)",
        "Inscriptions (%(people)s personnes / %(capacity)s)",
        people_confirmed,
    ) % {"people": people_confirmed, "capacity": capacity}


# --- Registrations: listing, exports, erasure ------------------------------------------------
ATTENDED_YES, ATTENDED_NO, ATTENDED_UNKNOWN = "oui", "non", "inconnu"


class IdChoiceField(django_filters.fields.ModelChoiceField):
    """A choice of object whose id must look like one before the database is asked: a number
    too large for SQLite (?event=9223372036854775808) is « not one of the choices », not a 500."""

    def to_python(self, value):
        if isinstance(value, str) and value and not ID_PARAMETER.match(value):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return super().to_python(value)


class IdChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = IdChoiceField


class RegistrationFilterSet(WagtailFilterSet):
    event = IdChoiceFilter(
        field_name="occurrence__event",
        queryset=EventPage.objects.order_by("title"),
        label=gettext_lazy("Événement"),
    )
    status = django_filters.ChoiceFilter(
        choices=RegistrationStatus.choices,
        label=gettext_lazy("État"),
        empty_label=gettext_lazy("Tous"),
    )
    attended = django_filters.ChoiceFilter(
        label=gettext_lazy("Présence"),
        choices=[
            (ATTENDED_YES, gettext_lazy("Présent")),
            (ATTENDED_NO, gettext_lazy("Absent")),
            (ATTENDED_UNKNOWN, gettext_lazy("Pas encore noté")),
        ],
        empty_label=gettext_lazy("Tous"),
        method="filter_attended",
    )
    date = django_filters.DateFromToRangeFilter(
        field_name="occurrence__start",
        label=gettext_lazy("Date de l'événement"),
        widget=DateRangePickerWidget,
    )

    class Meta:
        model = Registration
        fields = []

    def filter_attended(self, queryset, name, value):
        attended = {ATTENDED_YES: True, ATTENDED_NO: False, ATTENDED_UNKNOWN: None}[value]
        if attended is None:
            return queryset.filter(attended__isnull=True)
        return queryset.filter(attended=attended)


class RegistrationIndexView(SafeSpreadsheetExportMixin, IndexView):
    """The registrations, newest dates first; ?occurrence=<id> narrows them to one date (the
    attendance sheet links its exports there). Exports need the « export » permission, and
    neutralise what registrants typed (core.spreadsheets)."""

    def get(self, request, *args, **kwargs):
        if self.is_export and not self.user_has_permission("export"):
            return forbidden(
                request, _("Votre compte ne permet pas de télécharger la liste des inscriptions.")
            )
        return super().get(request, *args, **kwargs)

    @cached_property
    def show_export_buttons(self):
        return super().show_export_buttons and self.user_has_permission("export")

    @cached_property
    def occurrence_id(self):
        value = self.request.GET.get("occurrence", "")
        return int(value) if ID_PARAMETER.match(value) else None

    def get_base_queryset(self):
        queryset = super().get_base_queryset().select_related("occurrence__event")
        if self.occurrence_id is not None:
            queryset = queryset.filter(occurrence_id=self.occurrence_id)
        return queryset

    def get_filename(self):
        if self.occurrence_id is not None:
            return f"{self.export_filename}-date-{self.occurrence_id}"
        return self.export_filename

    def to_row_dict(self, item):
        occurrence = item.occurrence
        return {
            "event": occurrence.event.title,
            # Wall-clock times in Paris, as on the posters, whatever the spreadsheet's zone.
            "date": timezone.make_naive(occurrence.start, HUB_TIME_ZONE),
            "name": item.name,
            "phone": item.phone,
            "email": item.email,
            "people": item.people,
            "status": item.get_status_display(),
            "attended": attendance_label(item),
            "consent_method": item.get_consent_method_display(),
            "created_at": timezone.make_naive(item.created_at, HUB_TIME_ZONE),
        }


class RegistrationDateColumn(Column):
    """The registration's date, linking to that date's attendance sheet."""

    cell_template_name = "events/admin/registration_date_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        if request is not None and may_mark_attendance(request.user):
            context["url"] = attendance_sheet_url(instance.occurrence)
        return context


class RegistrationDeleteView(DeleteView):
    """Erasure on request: the registration goes, and those waiting take its places."""

    def delete_action(self):
        from events.registrations import lock, promote_waitlist

        with transaction.atomic():
            occurrence = lock(self.object.occurrence)
            super().delete_action()
            promote_waitlist(occurrence)


# --- Occurrences: a link to each date's registrations ----------------------------------------
class OccurrenceIndexView(IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("event")
            .annotate(
                people_confirmed=Coalesce(
                    models.Sum(
                        "registrations__people",
                        filter=models.Q(registrations__status=RegistrationStatus.CONFIRMED),
                    ),
                    0,
                ),
                registration_count=models.Count("registrations"),
            )
        )


class OccurrenceRegistrationsColumn(Column):
    """« Inscriptions (N personnes / capacité) », linking to the date's attendance sheet."""

    cell_template_name = "events/admin/occurrence_registrations_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        shown = (instance.is_registration_required or instance.registration_count) and (
            request is not None and may_mark_attendance(request.user)
        )
        context["link"] = (
            {
                "url": attendance_sheet_url(instance),
                "label": registrations_link_label(instance, instance.people_confirmed),
            }
            if shown
            else None
        )
        return context


class OccurrenceEditView(EditView):
    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if may_mark_attendance(self.request.user):
            label = registrations_link_label(self.object, self.object.people_confirmed())
            buttons.append(
                HeaderButton(label, url=attendance_sheet_url(self.object), icon_name="group")
            )
        return buttons


# --- The attendance sheet at the door ----------------------------------------------------------
class AttendanceForm(forms.Form):
    """One present / absent / not yet noted choice per confirmed registration."""

    def __init__(self, *args, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        self.registrations = registrations
        for registration in registrations:
            self.fields[self.field_name(registration)] = forms.ChoiceField(
                label=registration.name or _("(effacé)"),
                choices=ATTENDANCE_CHOICES,
                required=False,
                initial=attendance_choice(registration.attended),
                widget=forms.RadioSelect,
                # The value shown travels with the form: only what this sheet changed is saved,
                # so that two tablets at the door do not undo each other's marks.
                show_hidden_initial=True,
            )

    @staticmethod
    def field_name(registration):
        return f"presence-{registration.pk}"

    def rows(self):
        return [
            (registration, self[self.field_name(registration)])
            for registration in self.registrations
        ]

    def changed_registrations(self):
        """The registrations whose choice differs from what the sheet showed, updated."""
        changed = []
        for registration in self.registrations:
            name = self.field_name(registration)
            if name in self.changed_data:
                registration.attended = ATTENDANCE_VALUES[self.cleaned_data[name]]
                changed.append(registration)
        return changed


class AttendanceSheetView(WagtailAdminTemplateMixin, TemplateView):
    """Who is coming to one date and who came: confirmed registrations with a present / absent
    choice saved by one plain form (no JavaScript, for the tablet at the door), then the
    waitlist, with the counts on top. Two queries whatever the number of registrations."""

    template_name = "events/admin/attendance_sheet.html"
    header_icon = "group"

    def dispatch(self, request, occurrence_pk):
        if not may_mark_attendance(request.user):
            return forbidden(request, _("Votre compte ne permet pas de noter les présences."))
        self.occurrence = get_object_or_404(
            Occurrence.objects.select_related("event"), pk=occurrence_pk
        )
        registrations = list(self.occurrence.registrations.active().order_by("created_at", "pk"))
        self.confirmed = sorted(
            (registration for registration in registrations if registration.is_confirmed),
            # Alphabetical, as people give their name at the door; erased names last.
            key=lambda registration: (not registration.name, registration.name.casefold()),
        )
        self.waitlisted = [
            registration for registration in registrations if registration.is_waitlisted
        ]
        return super().dispatch(request, occurrence_pk)

    def get_page_title(self):
        return _("Inscriptions")

    def get_page_subtitle(self):
        return str(self.occurrence)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("occurrences:index"), "label": _("Dates des événements")},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get(self, request, occurrence_pk):
        form = AttendanceForm(registrations=self.confirmed)
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, occurrence_pk):
        form = AttendanceForm(request.POST, registrations=self.confirmed)
        if not form.is_valid():
            messages.error(
                request, _("Les présences n'ont pas été enregistrées : vérifiez la liste.")
            )
            return self.render_to_response(self.get_context_data(form=form))
        changed = form.changed_registrations()
        if changed:
            Registration.objects.bulk_update(changed, ["attended"])
        messages.success(
            request,
            ngettext(
                "Présences enregistrées (%(count)s changement).",
                "Présences enregistrées (%(count)s changements).",
                len(changed),
            )
            % {"count": len(changed)},
        )
        return HttpResponseRedirect(attendance_sheet_url(self.occurrence))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        people_confirmed = sum(registration.people for registration in self.confirmed)
        capacity = self.occurrence.capacity
        context.update(
            occurrence=self.occurrence,
            waitlisted=self.waitlisted,
            people_confirmed=people_confirmed,
            capacity=capacity,
            places_left=None if capacity is None else max(0, capacity - people_confirmed),
            people_waitlisted=sum(registration.people for registration in self.waitlisted),
            people_present=sum(
                registration.people for registration in self.confirmed if registration.attended
            ),
            people_absent=sum(
                registration.people
                for registration in self.confirmed
                if registration.attended is False
            ),
            may_export=may_export_registrations(self.request.user),
            csv_export_url=registrations_export_url(self.occurrence, "csv"),
            xlsx_export_url=registrations_export_url(self.occurrence, "xlsx"),
            edit_occurrence_url=reverse("occurrences:edit", args=[self.occurrence.pk]),
        )
        return context


# --- Yearly figures ----------------------------------------------------------------------------
class YearlyReportView(WagtailAdminTemplateMixin, TemplateView):
    """« Bilan de l'année »: dates held, people registered and present, per event type."""

    template_name = "events/admin/yearly_report.html"
    header_icon = "table"

    def dispatch(self, request):
        if not may_see_figures(request.user):
            return forbidden(request, _("Votre compte ne permet pas de voir le bilan de l'année."))
        self.year = year_from_parameter(request.GET.get("annee"))
        return super().dispatch(request)

    def get_page_title(self):
        return _("Bilan de l'année")

    def get_page_subtitle(self):
        return str(self.year)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get(self, request):
        figures = yearly_figures(self.year)
        figures.totals.label = _("Total")
        if request.GET.get("export") == "csv":
            return self.csv_response(figures)
        return self.render_to_response(
            self.get_context_data(
                figures=figures,
                years=years_with_events(),
                csv_url=f"{reverse('events_yearly_report')}?annee={self.year}&export=csv",
            )
        )

    def csv_response(self, figures):
        header = [
            _("Type d'événement"),
            _("Dates tenues"),
            _("Personnes inscrites"),
            _("Personnes présentes"),
        ]
        rows = [
            [line.label, line.dates_held, line.people_registered, line.people_present]
            for line in [*figures.by_type, figures.totals]
        ]
        return csv_response([header, *rows], f"bilan-evenements-{figures.year}.csv")


def this_year_figures():
    return yearly_figures(current_year())
