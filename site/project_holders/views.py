"""The extranet's project-holder pages: list, register, detail and notes, edit, status, history,
exports and erasure.

Every view asks project_holders.permissions: a holder the person may not see is a 404, an action
they may not take on a holder they see is a 403; anonymous visitors go to the sign-in page and
signed-in people outside any organisation get the extranet's 403 (extranet_access_required).
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from extranet.permissions import current_membership
from extranet.views import extranet_access_required, forbidden
from project_holders import exports
from project_holders.enums import Need
from project_holders.filters import HolderFilter
from project_holders.forms import HolderForm, NoteForm, RegisterHolderForm, StatusForm
from project_holders.history import history_entries
from project_holders.permissions import (
    holders_visible_to,
    may_assign_follower,
    may_change_status,
    may_edit,
    may_export,
    may_register,
    may_see,
)
from project_holders.summaries import yearly_counter
from project_holders.tasks import notify_coordinators

HOLDERS_PER_PAGE = 25


def visible_holder(request, pk):
    return get_object_or_404(holders_visible_to(request.user).for_listing(), pk=pk)


@extranet_access_required
def holder_list(request):
    holders = holders_visible_to(request.user).for_listing()
    holder_filter = HolderFilter(request.GET or None, queryset=holders)
    page = Paginator(holder_filter.qs, HOLDERS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter": holder_filter,
        "page_obj": page,
        "holders": page.object_list,
        "query_string": query.urlencode(),
        "counter": yearly_counter(request.user),
        "may_export": may_export(request.user),
        "may_register": may_register(request.user),
        "needs": dict(Need.choices),
    }
    return render(request, "project_holders/holder_list.html", context)


@extranet_access_required
def holder_create(request):
    form = RegisterHolderForm(request.POST or None)
    duplicates = []
    if request.method == "POST" and form.is_valid():
        duplicates = [
            {"holder": holder, "visible": may_see(request.user, holder)}
            for holder in form.duplicates().select_related("registered_by_organisation")
        ]
        if not duplicates or form.cleaned_data["confirm_duplicate"]:
            membership = current_membership(request.user)
            with transaction.atomic():
                holder = form.register(
                    user=request.user,
                    organisation=membership.organisation if membership else None,
                )
                transaction.on_commit(lambda: notify_coordinators.enqueue(holder.pk), robust=True)
            messages.success(
                request,
                _("%(name)s est enregistré. Les coordinateurs sont prévenus.")
                % {"name": holder.name},
            )
            return redirect("project_holders:detail", pk=holder.pk)
    context = {"form": form, "duplicates": duplicates}
    return render(request, "project_holders/holder_form.html", context)


def detail_context(request, holder, *, note_form=None):
    return {
        "holder": holder,
        "notes": holder.notes.select_related("author", "author_organisation"),
        "note_form": note_form or NoteForm(),
        "may_edit": may_edit(request.user, holder),
        "may_change_status": may_change_status(request.user, holder),
        "may_export": may_export(request.user),
    }


@extranet_access_required
def holder_detail(request, pk):
    holder = visible_holder(request, pk)
    return render(request, "project_holders/holder_detail.html", detail_context(request, holder))


@require_POST
@extranet_access_required
def add_note(request, pk):
    holder = visible_holder(request, pk)
    if not may_edit(request.user, holder):
        return forbidden(request)
    form = NoteForm(request.POST)
    if not form.is_valid():
        context = detail_context(request, holder, note_form=form)
        return render(request, "project_holders/holder_detail.html", context)
    note = form.save(commit=False)
    note.holder = holder
    note.author = request.user
    membership = current_membership(request.user)
    note.author_organisation = membership.organisation if membership else None
    note._history_user = request.user
    note.save()
    messages.success(request, _("Note ajoutée."))
    return redirect("project_holders:detail", pk=holder.pk)


@extranet_access_required
def holder_edit(request, pk):
    holder = visible_holder(request, pk)
    if not may_edit(request.user, holder):
        return forbidden(request)
    form = HolderForm(request.POST or None, instance=holder)
    if request.method == "POST" and form.is_valid():
        form.save_holder(user=request.user)
        messages.success(request, _("Modifications enregistrées."))
        return redirect("project_holders:detail", pk=holder.pk)
    return render(request, "project_holders/holder_edit.html", {"holder": holder, "form": form})


@extranet_access_required
def holder_status(request, pk):
    holder = visible_holder(request, pk)
    if not may_change_status(request.user, holder):
        return forbidden(request)
    form = StatusForm(
        request.POST or None, instance=holder, may_assign=may_assign_follower(request.user)
    )
    if request.method == "POST" and form.is_valid():
        holder = form.save(commit=False)
        holder._history_user = request.user
        holder.save()
        messages.success(
            request,
            _("Statut enregistré : %(status)s.") % {"status": holder.get_status_display()},
        )
        return redirect("project_holders:detail", pk=holder.pk)
    return render(request, "project_holders/holder_status.html", {"holder": holder, "form": form})


@extranet_access_required
def holder_history(request, pk):
    holder = visible_holder(request, pk)
    context = {"holder": holder, "entries": history_entries(holder)}
    return render(request, "project_holders/holder_history.html", context)


@extranet_access_required
def export_list(request, file_format):
    if not may_export(request.user):
        return forbidden(request)
    holders = HolderFilter(
        request.GET or None, queryset=holders_visible_to(request.user).for_listing()
    ).qs
    if file_format == "xlsx":
        return exports.xlsx_response(holders)
    return exports.csv_response(holders)


@extranet_access_required
def person_export(request, pk):
    holder = visible_holder(request, pk)
    if not may_export(request.user):
        return forbidden(request)
    return exports.person_json_response(holder)


@extranet_access_required
def holder_erase(request, pk):
    holder = visible_holder(request, pk)
    if not may_export(request.user):
        return forbidden(request)
    if holder.anonymised_at:
        messages.info(request, _("Les données de cette personne sont déjà effacées."))
        return redirect("project_holders:detail", pk=holder.pk)
    if request.method == "POST":
        holder.anonymise(by=request.user)
        messages.success(
            request, _("Les données de la personne sont effacées. Les chiffres restent comptés.")
        )
        return redirect("project_holders:detail", pk=holder.pk)
    return render(request, "project_holders/holder_erase.html", {"holder": holder})
