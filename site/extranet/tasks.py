"""Background work for the extranet: invitation e-mails, and allauth's e-mails."""

from datetime import datetime
from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account import app_settings as account_settings
from allauth.account.adapter import get_adapter as get_account_adapter
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.addresses import absolute_url
from core.tasks import mail_task
from extranet.models import Invitation

# --- allauth's e-mails -------------------------------------------------------------------------
# Queued by extranet.adapters.AccountAdapter with identifiers only; keys and links are made here,
# when the e-mail leaves, so that no task's stored arguments can open an account.


def send_account_email(template_prefix, email, context, language):
    """Render one of allauth's e-mails in the reader's language, with its templates, and send it."""
    adapter = get_account_adapter()
    site = SimpleNamespace(
        name=settings.WAGTAIL_SITE_NAME, domain=urlsplit(settings.SITE_URL).netloc
    )
    with translation.override(language or settings.LANGUAGE_CODE):
        message = adapter.render_mail(
            template_prefix, email, {"email": email, "current_site": site, **context}
        )
    message.send()


@mail_task
def send_password_reset(user_id, email, language):
    """The link to choose a new password, made now: valid PASSWORD_RESET_TIMEOUT from now on."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return
    token = account_settings.PASSWORD_RESET_TOKEN_GENERATOR().make_token(user)
    uid = user_pk_to_url_str(user)
    with translation.override(language or settings.LANGUAGE_CODE):
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": uid, "key": token})
    context = {"user": user, "password_reset_url": absolute_url(path), "uid": uid, "key": token}
    send_account_email("account/email/password_reset_key", email, context, language)


@mail_task
def send_email_confirmation(email_address_id, signup, language):
    """The link that confirms an address, made now (allauth's signed, expiring key)."""
    address = EmailAddress.objects.select_related("user").filter(pk=email_address_id).first()
    if address is None or address.verified:
        return
    key = EmailConfirmationHMAC(address).key
    with translation.override(language or settings.LANGUAGE_CODE):
        path = reverse("account_confirm_email", args=[key])
    template = "account/email/email_confirmation" + ("_signup" if signup else "")
    context = {"user": address.user, "key": key, "activate_url": absolute_url(path)}
    send_account_email(template, address.email, context, language)


@mail_task
def send_account_notice(template_prefix, email, user_id, facts, language):
    """allauth's notices (password changed, two-factor turned on, unknown address…)."""
    context = dict(facts)
    if "timestamp" in context:
        context["timestamp"] = datetime.fromisoformat(context["timestamp"])
    if user_id is not None:
        context["user"] = get_user_model().objects.filter(pk=user_id).first()
    send_account_email(template_prefix, email, context, language)


def invitation_url(invitation):
    return absolute_url(reverse("extranet:accept_invitation", kwargs={"token": invitation.token}))


@mail_task
def send_invitation(invitation_id):
    """E-mail the invitation's link, then note when it was sent.

    Raises when the e-mail cannot be sent, so that a worker may try again; the invitation was
    saved before this task was queued, and can be resent from the extranet.
    """
    invitation = (
        Invitation.objects.pending()
        .select_related("organisation", "invited_by")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None:
        # Revoked or accepted since: the link would not work.
        return
    # The link's key is read now, not passed in: a task's arguments stay in the database.
    key = invitation.key
    # The people invited read French: it is the hub's working language.
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "invitation": invitation,
            "organisation": invitation.organisation,
            "invited_by": invitation.invited_by,
            "url": invitation_url(invitation),
            "site_url": settings.SITE_URL,
        }
        subject = _("Invitation à l'espace membres de Dynamique Emploi : %(organisation)s") % {
            "organisation": invitation.organisation.name
        }
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string("emails/extranet/invitation.txt", context),
            to=[invitation.email],
        )
        message.attach_alternative(
            render_to_string("emails/extranet/invitation.html", context), "text/html"
        )
    message.send()
    Invitation.objects.filter(pk=invitation.pk, key=key).update(sent_at=timezone.now())
