"""The extranet's shared resources: list, detail, share, change, delete, download.

Every view asks resources.permissions: a resource the person may not see answers 404, one they
see but may not change answers 403; people outside the extranet get the sign-in page or the
extranet's « not a member » page (extranet.views.extranet_access_required).
"""

import logging

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from extranet.permissions import is_coordinator
from extranet.views import extranet_access_required, forbidden
from resources import sharing
from resources.enums import Audience
from resources.files import download_name
from resources.forms import TAGS_DATALIST_ID, ResourceFilter, ResourceForm, tags_used_by
from resources.permissions import may_change, resources_visible_to
from resources.storage import STORAGE_ERRORS

logger = logging.getLogger(__name__)

RESOURCES_PER_PAGE = 20


@extranet_access_required
def resource_list(request):
    visible = resources_visible_to(request.user)
    resource_filter = ResourceFilter(
        request.GET or None, queryset=visible, tags=tags_used_by(visible)
    )
    resources = resource_filter.qs.for_listing().newest_first()
    page_obj = Paginator(resources, RESOURCES_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "filter": resource_filter,
        "page_obj": page_obj,
        "resources": page_obj.object_list,
        "is_filtered": any(value for name, value in request.GET.items() if name != "page"),
    }
    return render(request, "resources/resource_list.html", context)


def visible_resource(request, pk):
    return get_object_or_404(
        resources_visible_to(request.user).select_related(
            "organisation", "shared_by", "current_version"
        ),
        pk=pk,
    )


@extranet_access_required
def resource_detail(request, pk):
    resource = visible_resource(request, pk)
    changeable = may_change(request.user, resource)
    context = {
        "resource": resource,
        "versions": resource.versions.select_related("uploaded_by"),
        "may_change": changeable,
        "is_coordinator": is_coordinator(request.user),
        # Those who may change it see whom it is shared with; the others need not know.
        "shared_with": (
            resource.shared_with.order_by("name")
            if changeable and resource.audience == Audience.CHOSEN_ORGANISATIONS
            else None
        ),
    }
    return render(request, "resources/resource_detail.html", context)


def render_form(request, form, resource=None, status=200):
    context = {
        "form": form,
        "resource": resource,
        "existing_tags": tags_used_by(resources_visible_to(request.user)),
        "datalist_id": TAGS_DATALIST_ID,
        "chosen_audience": Audience.CHOSEN_ORGANISATIONS.value,
    }
    return render(request, "resources/resource_form.html", context, status=status)


def storage_failed(request, form, resource=None):
    """The file storage did not answer: nothing was saved (sharing's transaction rolled back);
    the member keeps what they typed and is told to try again."""
    logger.exception("Shared file not stored: the private storage failed")
    form.add_error(
        "file",
        _(
            "Le fichier n'a pas pu être enregistré : le stockage des fichiers ne répond pas. "
            "Rien n'a été enregistré. Choisissez à nouveau le fichier et réessayez dans quelques "
            "minutes."
        ),
    )
    return render_form(request, form, resource, status=503)


@extranet_access_required
def resource_create(request):
    form = ResourceForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            resource = sharing.share(form, shared_by=request.user)
        except STORAGE_ERRORS:
            return storage_failed(request, form)
        messages.success(request, _("Ressource « %(title)s » partagée.") % {"title": resource})
        return redirect(resource)
    return render_form(request, form)


@extranet_access_required
def resource_edit(request, pk):
    resource = visible_resource(request, pk)
    if not may_change(request.user, resource):
        return forbidden(request)
    form = ResourceForm(
        request.POST or None, request.FILES or None, instance=resource, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        try:
            sharing.update(form, changed_by=request.user)
        except STORAGE_ERRORS:
            resource.refresh_from_db()
            return storage_failed(request, form, resource)
        messages.success(request, _("Ressource « %(title)s » modifiée.") % {"title": resource})
        return redirect(resource)
    return render_form(request, form, resource)


@extranet_access_required
def resource_delete(request, pk):
    resource = visible_resource(request, pk)
    if not may_change(request.user, resource):
        return forbidden(request)
    if request.method == "POST":
        sharing.delete(resource)
        messages.success(request, _("Ressource « %(title)s » supprimée.") % {"title": resource})
        return redirect("resources:list")
    return render(request, "resources/resource_delete.html", {"resource": resource})


def file_response(version):
    """The file as an attachment, never interpreted by the browser nor kept by any cache."""
    try:
        handle = version.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404(_("Ce fichier est introuvable.")) from missing
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=download_name(version.original_name, version.content_type),
        content_type=version.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    # Even if opened in the browser, it runs nothing and reaches nothing.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@extranet_access_required
def download(request, pk):
    resource = visible_resource(request, pk)
    if resource.current_version is None:
        raise Http404(_("Cette ressource est un lien, sans fichier à télécharger."))
    response = file_response(resource.current_version)
    sharing.count_download(resource)
    return response


@extranet_access_required
def version_download(request, pk, version_pk):
    resource = visible_resource(request, pk)
    version = get_object_or_404(resource.versions, pk=version_pk)
    response = file_response(version)
    sharing.count_download(resource)
    return response
