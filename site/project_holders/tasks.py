"""Background work for project holders: telling the coordinators about a new holder."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.addresses import absolute_url
from core.tasks import mail_task
from project_holders.forms import coordinators
from project_holders.models import ProjectHolder


def coordinators_emails():
    return sorted({user.email for user in coordinators().exclude(email="")})


@mail_task
def notify_coordinators(holder_id):
    """E-mail the coordinators a new holder, then note when it was sent.

    Raises when the e-mail cannot be sent, so that a worker may try again; the holder was saved
    before this task was queued and stays in the extranet either way. The e-mail carries no
    personal data beyond the name: the link leads to the record, behind sign-in.
    """
    holder = (
        ProjectHolder.objects.select_related("registered_by_organisation", "neighbourhood")
        .filter(pk=holder_id, anonymised_at__isnull=True)
        .first()
    )
    if holder is None or holder.coordinators_notified_at:
        return
    recipients = coordinators_emails()
    if not recipients:
        return
    # The coordinators read French, whatever language the public page was in.
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "holder": holder,
            "holder_url": absolute_url(reverse("project_holders:detail", args=[holder.pk])),
        }
        message = EmailMultiAlternatives(
            subject=_("Nouveau porteur de projet ESS : %(project)s")
            % {"project": holder.project_name},
            body=render_to_string("emails/project_holders/new_holder.txt", context),
            # One e-mail per coordinator would be the same: they all know each other's address.
            to=recipients,
        )
        message.attach_alternative(
            render_to_string("emails/project_holders/new_holder.html", context), "text/html"
        )
    message.send()
    ProjectHolder.objects.filter(pk=holder.pk).update(coordinators_notified_at=timezone.now())
