"""Background work for the extranet: invitation e-mails, and allauth's e-mails."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.tasks import mail_task
from extranet.models import Invitation


@mail_task
def send_email(subject, body, html, to, from_email):
    """Send an e-mail rendered in the request (allauth's: password reset, confirmation…)."""
    message = EmailMultiAlternatives(
        subject=subject, body=body or html, to=to, from_email=from_email
    )
    if html and body:
        message.attach_alternative(html, "text/html")
    elif html:
        message.content_subtype = "html"
    message.send()


def invitation_url(invitation):
    path = reverse("extranet:accept_invitation", kwargs={"token": invitation.token})
    return settings.SITE_URL.rstrip("/") + path


@mail_task
def send_invitation(invitation_id, key):
    """E-mail the invitation's link, then note when it was sent.

    Raises when the e-mail cannot be sent, so that a worker may try again; the invitation was
    saved before this task was queued, and can be resent from the extranet.
    """
    invitation = (
        Invitation.objects.pending()
        .select_related("organisation", "invited_by")
        .filter(pk=invitation_id, key=key)
        .first()
    )
    if invitation is None:
        # Revoked or accepted since, or resent: the newer e-mail carries the valid link.
        return
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
