"""The extranet's pages: home, an organisation's members and invitations, joining by invitation,
the member directory and the coordinators' announcements.

Every view asks extranet.permissions what the person may see (404 otherwise: an organisation
they cannot see does not exist for them) and what they may manage (403 otherwise).
"""

from functools import wraps
from urllib.parse import urlencode

from allauth.account.utils import perform_login
from allauth.mfa.models import Authenticator
from allauth.mfa.totp import views as allauth_totp_views
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail import hooks

from core.dates import hub_today
from extranet import invitations
from extranet.enums import InvitationStatus
from extranet.forms import AcceptInvitationForm, AnnouncementForm, InvitationForm
from extranet.models import Announcement, Invitation
from extranet.permissions import (
    ADMIN_ACCESS_PERMISSION,
    current_membership,
    invitations_visible_to,
    is_coordinator,
    may_edit_directory_card,
    may_manage_announcements,
    may_manage_members,
    may_use_extranet,
    memberships_visible_to,
    organisations_visible_to,
    roles_grantable_by,
)
from extranet.two_factor import record_totp_activation
from organisations.filters import DirectoryFilter
from organisations.forms import DirectoryCardForm
from organisations.models import Organisation

ORGANISATIONS_PER_PAGE = 20
# The extranet's home shows at most this many current announcements.
HOME_ANNOUNCEMENTS = 5


# --- One door in --------------------------------------------------------------------------
# Django, Wagtail and allauth each bring sign-in and password pages. Only allauth's are served:
# they have the rate limits and the two-factor step. The others lead there (config.urls routes
# them here), so that no page signs anyone in with a password alone.


def to_sign_in(request, default_next):
    """allauth's sign-in, then back to where the person was going."""
    query = urlencode({"next": request.GET.get("next") or default_next})
    return HttpResponseRedirect(f"{reverse('account_login')}?{query}")


def admin_login(request):
    """The Wagtail admin's sign-in (/admin/login/), where Wagtail sends whoever it refuses.

    Someone already signed in is not sent to the sign-in page: allauth would send them straight
    back to the admin, which would send them here again, endlessly.
    """
    if not request.user.is_authenticated:
        return to_sign_in(request, reverse("wagtailadmin_home"))
    if request.user.has_perm(ADMIN_ACCESS_PERMISSION):
        return redirect("wagtailadmin_home")
    return forbidden(request, _("Votre compte n'ouvre pas l'administration du site."))


def private_page_login(request):
    """Wagtail's sign-in for pages kept for signed-in visitors (/_util/login/)."""
    return to_sign_in(request, "/")


class ActivateTOTPView(allauth_totp_views.ActivateTOTPView):
    """allauth's page to set the authenticator app up: typing its first code there counts as
    this session's two-factor step (extranet.two_factor)."""

    def form_valid(self, form):
        response = super().form_valid(form)
        totp = Authenticator.objects.get(user=self.request.user, type=Authenticator.Type.TOTP)
        record_totp_activation(self.request, self.request.user, totp)
        return response


def admin_password_reset(request, **kwargs):
    """The Wagtail admin's password reset pages (/admin/password_reset/…): allauth's one, rate
    limited, whose link never signs anyone in."""
    return HttpResponseRedirect(reverse("account_reset_password"))


def extranet_access_required(view):
    """Signed in (else the sign-in page) and a member or coordinator (else a 403 page)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not may_use_extranet(request.user):
            return render(request, "extranet/not_a_member.html", status=403)
        return view(request, *args, **kwargs)

    return login_required(wrapper)


def forbidden(request, message=None):
    """The 403 page; `message` says who may do it, when it is not about managing members."""
    return render(request, "extranet/forbidden.html", {"message": message}, status=403)


def pending_invitations(organisation):
    return organisation.invitations.pending().select_related("invited_by").order_by("email")


def current_members(organisation):
    return organisation.memberships.current().select_related("user")


# Apps that have something for the extranet's home (the latest shared resources, the project
# holders followed) register a function under this hook name in their wagtail_hooks.py: it
# receives the request and returns the section's HTML, or "" when it has nothing to show. The
# extranet app thus never imports them (they build on it).
EXTRANET_HOME_SECTIONS_HOOK = "extranet_home_sections"


@extranet_access_required
def home(request):
    membership = current_membership(request.user)
    context = {
        "membership": membership,
        "is_coordinator": is_coordinator(request.user),
        "announcements": Announcement.objects.current(hub_today())[:HOME_ANNOUNCEMENTS],
        "sections": [
            html
            for render_section in hooks.get_hooks(EXTRANET_HOME_SECTIONS_HOOK)
            if (html := render_section(request))
        ],
    }
    if membership:
        organisation = membership.organisation
        context["organisation"] = organisation
        context["members"] = current_members(organisation)
        context["may_manage"] = may_manage_members(request.user, organisation)
        context["may_edit_card"] = may_edit_directory_card(request.user, organisation)
        if context["may_manage"]:
            context["invitations"] = pending_invitations(organisation)
    if context["is_coordinator"]:
        context["organisations"] = organisations_visible_to(request.user).annotate(
            member_count=Count("memberships", filter=Q(memberships__ended_at__isnull=True)),
            invitation_count=Count(
                "invitations",
                filter=Q(
                    invitations__accepted_at__isnull=True, invitations__revoked_at__isnull=True
                ),
            ),
        )
    return render(request, "extranet/home.html", context)


@extranet_access_required
def members(request, pk):
    organisation = get_object_or_404(organisations_visible_to(request.user), pk=pk)
    context = {
        "organisation": organisation,
        "members": current_members(organisation),
        "may_manage": may_manage_members(request.user, organisation),
    }
    return render(request, "extranet/members.html", context)


@extranet_access_required
def invitation_list(request, pk):
    organisation = get_object_or_404(organisations_visible_to(request.user), pk=pk)
    if not may_manage_members(request.user, organisation):
        return forbidden(request)
    context = {"organisation": organisation, "invitations": pending_invitations(organisation)}
    return render(request, "extranet/invitations.html", context)


@extranet_access_required
def invite(request, pk):
    organisation = get_object_or_404(organisations_visible_to(request.user), pk=pk)
    if not may_manage_members(request.user, organisation):
        return forbidden(request)
    roles = roles_grantable_by(request.user, organisation)
    form = InvitationForm(request.POST or None, organisation=organisation, roles=roles)
    if request.method == "POST" and form.is_valid():
        invitation = invitations.invite(form, invited_by=request.user)
        messages.success(
            request,
            _("Invitation envoyée à %(email)s. Le lien est valable 14 jours.")
            % {"email": invitation.email},
        )
        return redirect("extranet:invitations", pk=organisation.pk)
    return render(request, "extranet/invite.html", {"organisation": organisation, "form": form})


def managed_invitation(request, pk):
    """(invitation, None) or (None, the response refusing it)."""
    invitation = get_object_or_404(
        invitations_visible_to(request.user).select_related("organisation"), pk=pk
    )
    if not may_manage_members(request.user, invitation.organisation):
        return None, forbidden(request)
    return invitation, None


@require_POST
@extranet_access_required
def resend_invitation(request, pk):
    invitation, refusal = managed_invitation(request, pk)
    if refusal:
        return refusal
    if invitation.status in (InvitationStatus.ACCEPTED, InvitationStatus.REVOKED):
        messages.error(request, _("Cette invitation est close : invitez à nouveau la personne."))
    else:
        invitations.resend(invitation)
        messages.success(
            request,
            _("Invitation renvoyée à %(email)s, avec un nouveau lien valable 14 jours.")
            % {"email": invitation.email},
        )
    return redirect("extranet:invitations", pk=invitation.organisation_id)


@require_POST
@extranet_access_required
def revoke_invitation(request, pk):
    invitation, refusal = managed_invitation(request, pk)
    if refusal:
        return refusal
    if invitation.status in (InvitationStatus.PENDING, InvitationStatus.EXPIRED):
        invitations.revoke(invitation, revoked_by=request.user)
        messages.success(
            request,
            _("Invitation de %(email)s révoquée : son lien ne fonctionne plus.")
            % {"email": invitation.email},
        )
    return redirect("extranet:invitations", pk=invitation.organisation_id)


@extranet_access_required
def remove_member(request, pk):
    membership = get_object_or_404(
        memberships_visible_to(request.user).select_related("user", "organisation"), pk=pk
    )
    organisation = membership.organisation
    if not may_manage_members(request.user, organisation):
        return forbidden(request)
    if membership.user_id == request.user.pk:
        messages.error(
            request,
            _("Vous ne pouvez pas vous retirer vous-même : demandez-le à un coordinateur."),
        )
        return redirect("extranet:members", pk=organisation.pk)
    if request.method == "POST":
        invitations.remove_member(membership, removed_by=request.user)
        messages.success(
            request,
            _("%(name)s ne fait plus partie de %(organisation)s.")
            % {
                "name": membership.user.get_full_name() or membership.user.email,
                "organisation": organisation.name,
            },
        )
        return redirect("extranet:members", pk=organisation.pk)
    return render(request, "extranet/remove_member.html", {"membership": membership})


REFUSALS = {
    "tampered": (
        400,
        _("Ce lien d'invitation est incomplet"),
        _(
            "Le lien a peut-être été coupé en deux par votre messagerie. Copiez-le en entier "
            "depuis l'e-mail, ou demandez une nouvelle invitation."
        ),
    ),
    "unknown": (
        404,
        _("Cette invitation n'existe pas"),
        _("Demandez une nouvelle invitation à la personne qui vous a invité·e."),
    ),
    "replaced": (
        410,
        _("Ce lien a été remplacé"),
        _("L'invitation vous a été renvoyée depuis : utilisez le lien du dernier e-mail reçu."),
    ),
    InvitationStatus.EXPIRED: (
        410,
        _("Cette invitation a expiré"),
        _(
            "Une invitation est valable 14 jours. Demandez à la personne qui vous a invité·e "
            "de vous la renvoyer."
        ),
    ),
    InvitationStatus.ACCEPTED: (
        410,
        _("Cette invitation a déjà servi"),
        _("Votre compte existe : connectez-vous avec votre adresse e-mail et votre mot de passe."),
    ),
    InvitationStatus.REVOKED: (
        410,
        _("Cette invitation a été annulée"),
        _("Si vous pensez que c'est une erreur, contactez la personne qui vous a invité·e."),
    ),
    "already_member": (
        409,
        _("Vous faites déjà partie d'une organisation"),
        _(
            "Un compte ne peut appartenir qu'à une organisation. Contactez les coordinateurs "
            "de Dynamique Emploi pour changer d'organisation."
        ),
    ),
}


def refuse_invitation(request, reason):
    status, title, message = REFUSALS[reason]
    context = {
        "title": title,
        "message": message,
        "show_login": reason == InvitationStatus.ACCEPTED,
    }
    return render(request, "extranet/invitation_refused.html", context, status=status)


def accept_invitation(request, token):
    """Reached from the e-mail's link: name and password, then straight into the extranet."""
    try:
        invitation_id, key = Invitation.unsign_token(token)
    except signing.BadSignature:
        return refuse_invitation(request, "tampered")
    invitation = Invitation.objects.select_related("organisation").filter(pk=invitation_id).first()
    if invitation is None:
        return refuse_invitation(request, "unknown")
    if invitation.status != InvitationStatus.PENDING:
        return refuse_invitation(request, invitation.status)
    if invitation.key != key:
        return refuse_invitation(request, "replaced")

    if invitations.existing_account(invitation) is not None:
        return join_with_existing_account(request, invitation)
    form = AcceptInvitationForm(request.POST or None, invitation=invitation)
    if request.method == "POST" and form.is_valid():
        try:
            user = invitations.accept(
                invitation,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                password=form.cleaned_data["password1"],
            )
        except invitations.InvitationRefused:
            return refuse_accepted_meanwhile(request, invitation)
        messages.success(
            request,
            _("Bienvenue %(name)s : votre compte est créé.") % {"name": user.first_name},
        )
        # allauth's sign-in, not Django's login(): its login stages and records run as for a
        # password typed on the sign-in page.
        return perform_login(
            request, user, email=invitation.email, redirect_url=reverse("extranet:home")
        )
    return render(
        request, "extranet/accept_invitation.html", {"invitation": invitation, "form": form}
    )


def join_with_existing_account(request, invitation):
    """The invited address has an account: it joins, and its owner signs in the usual way."""
    if request.method == "POST":
        try:
            user = invitations.join(invitation)
        except invitations.InvitationRefused:
            return refuse_accepted_meanwhile(request, invitation)
        messages.success(
            request,
            _("Vous avez rejoint %(organisation)s.") % {"organisation": invitation.organisation},
        )
        if request.user == user:
            return redirect("extranet:home")
        return to_sign_in(request, reverse("extranet:home"))
    return render(request, "extranet/join_invitation.html", {"invitation": invitation})


def refuse_accepted_meanwhile(request, invitation):
    invitation.refresh_from_db()
    reason = invitation.status
    return refuse_invitation(
        request, reason if reason != InvitationStatus.PENDING else "already_member"
    )


# --- Member directory ------------------------------------------------------------------------
@extranet_access_required
def directory(request):
    """Every active member organisation, searchable and filtered, 20 a page."""
    directory_filter = DirectoryFilter(
        request.GET or None, queryset=Organisation.objects.in_directory()
    )
    organisations = directory_filter.qs.order_by("name", "pk")
    page_obj = Paginator(organisations, ORGANISATIONS_PER_PAGE).get_page(request.GET.get("page"))
    membership = current_membership(request.user)
    context = {
        "filter": directory_filter,
        "page_obj": page_obj,
        "organisations": page_obj.object_list,
        "my_organisation_id": membership.organisation_id if membership else None,
        "is_filtered": any(value for name, value in request.GET.items() if name != "page"),
    }
    return render(request, "organisations/directory.html", context)


@extranet_access_required
def directory_card(request, pk):
    organisation = get_object_or_404(Organisation.objects.in_directory(), pk=pk)
    context = {
        "organisation": organisation,
        "may_edit_card": may_edit_directory_card(request.user, organisation),
    }
    return render(request, "organisations/directory_card.html", context)


@extranet_access_required
def directory_card_edit(request, pk):
    organisation = get_object_or_404(organisations_visible_to(request.user).active(), pk=pk)
    if not may_edit_directory_card(request.user, organisation):
        return forbidden(request)
    form = DirectoryCardForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        form.save()
        if organisation.directory_contact_shown:
            message = _("Fiche de %(name)s enregistrée : son contact figure dans l'annuaire.")
        else:
            message = _("Fiche de %(name)s enregistrée : aucun contact n'est affiché.")
        messages.success(request, message % {"name": organisation.name})
        return redirect("extranet:directory_card", pk=organisation.pk)
    context = {"organisation": organisation, "form": form}
    return render(request, "organisations/directory_card_edit.html", context)


# --- Announcements ---------------------------------------------------------------------------
def announcements_forbidden(request):
    return forbidden(
        request, _("Seule l'équipe de coordination publie les annonces de l'espace membres.")
    )


@extranet_access_required
def announcement_list(request):
    """The coordinators' view: every announcement, expired ones included, to edit or delete."""
    if not may_manage_announcements(request.user):
        return announcements_forbidden(request)
    context = {
        "announcements": Announcement.objects.newest_first().select_related("created_by"),
        "today": hub_today(),
    }
    return render(request, "extranet/announcement_list.html", context)


@extranet_access_required
def announcement_create(request):
    if not may_manage_announcements(request.user):
        return announcements_forbidden(request)
    form = AnnouncementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.instance.created_by = request.user
        announcement = form.save()
        messages.success(
            request,
            _("Annonce « %(title)s » publiée sur l'accueil de l'espace membres.")
            % {"title": announcement.title},
        )
        return redirect("extranet:announcements")
    return render(request, "extranet/announcement_form.html", {"form": form})


@extranet_access_required
def announcement_edit(request, pk):
    if not may_manage_announcements(request.user):
        return announcements_forbidden(request)
    announcement = get_object_or_404(Announcement, pk=pk)
    form = AnnouncementForm(request.POST or None, instance=announcement)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(
            request, _("Annonce « %(title)s » modifiée.") % {"title": announcement.title}
        )
        return redirect("extranet:announcements")
    context = {"form": form, "announcement": announcement}
    return render(request, "extranet/announcement_form.html", context)


@extranet_access_required
def announcement_delete(request, pk):
    if not may_manage_announcements(request.user):
        return announcements_forbidden(request)
    announcement = get_object_or_404(Announcement, pk=pk)
    if request.method == "POST":
        announcement.delete()
        messages.success(
            request, _("Annonce « %(title)s » supprimée.") % {"title": announcement.title}
        )
        return redirect("extranet:announcements")
    return render(request, "extranet/announcement_delete.html", {"announcement": announcement})
