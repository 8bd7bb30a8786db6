"""Residents' « Ça m'intéresse » in the admin, for the hub's advisers (the « Conseillers » role,
and the coordinators): the listing, one request, and marking it followed.

« Followed » is a line in the request's history (Wagtail's log: who, when), not a field of the
request: the history already says who did what with a person's data, and erasing the request
rewrites it (core.erasure).

Wagtail answers a refused admin page by sending the person to the dashboard; these views answer
a plain 403 page instead, which says who may open them (the link in the advisers' e-mail must
not leave an editor wondering where the request went).
"""

from functools import wraps

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Cast
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.ui.tables import DateColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry
from wagtail.permission_policies import ModelPermissionPolicy

from core.spreadsheets import SafeSpreadsheetExportMixin
from offers.models import Interest

# The history's action for « an adviser called or wrote to this resident ».
FOLLOWED_ACTION = "offers.interest_followed"
FORBIDDEN_TEMPLATE = "core/admin/forbidden.html"

interest_permission_policy = ModelPermissionPolicy(Interest)


def forbidden_page(request, message):
    """The admin's 403 page: what was refused, and the way back."""
    return TemplateResponse(request, FORBIDDEN_TEMPLATE, {"message": message}, status=403)


def refused_with_forbidden_page(view, message):
    """`view`, answering a 403 page where Wagtail would send the person to the dashboard."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied:
            if request.headers.get("x-requested-with") == "XMLHttpRequest":
                raise
            return forbidden_page(request, message)

    return wrapper


INTEREST_FORBIDDEN_MESSAGE = gettext_lazy(
    "Les « Ça m'intéresse » des habitants sont réservés aux conseillers et à l'équipe de "
    "coordination."
)


def followed(interests):
    """The interests, each with `followed_at`: when it was last marked followed, or None."""
    content_type = ContentType.objects.get_for_model(Interest)
    last_followed = (
        ModelLogEntry.objects.filter(
            content_type=content_type,
            object_id=Cast(OuterRef("pk"), output_field=CharField()),
            action=FOLLOWED_ACTION,
        )
        .order_by("-timestamp")
        .values("timestamp")[:1]
    )
    return interests.annotate(followed_at=Subquery(last_followed))


class InterestIndexView(SafeSpreadsheetExportMixin, IndexView):
    """The interests' listing, whose exports neutralise what residents typed (core.spreadsheets),
    with when each was followed."""

    def get_base_queryset(self):
        return followed(super().get_base_queryset())


FOLLOWED_COLUMN = DateColumn("followed_at", label=gettext_lazy("Suivie le"))


class InterestInspectView(InspectView):
    """One request, with its follow-ups and the button that adds one."""

    template_name = "offers/admin/interest_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["follow_ups"] = (
            ModelLogEntry.objects.for_instance(self.object)
            .filter(action=FOLLOWED_ACTION)
            .select_related("user")
            .order_by("timestamp")
        )
        if interest_permission_policy.user_has_permission(self.request.user, "change"):
            context["follow_url"] = reverse("interests:follow", args=[self.object.pk])
        return context


@require_POST
def follow_interest(request, pk):
    """Mark the request followed (the resident was called or written to), then back to it."""
    if not interest_permission_policy.user_has_permission(request.user, "change"):
        raise PermissionDenied
    interest = get_object_or_404(Interest, pk=pk)
    log(instance=interest, action=FOLLOWED_ACTION, user=request.user)
    messages.success(request, _("La demande est marquée comme suivie."))
    return redirect("interests:inspect", interest.pk)
