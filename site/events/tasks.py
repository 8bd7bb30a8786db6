"""Background work for events: the e-mails a registrant receives.

Each task reads the registration again (it may have been cancelled or erased in the meantime),
sends one e-mail in the registrant's language, then notes when it was sent so that a retry by
the worker does not send it twice. Raising lets the worker try again; the registration itself
is already saved.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.addresses import absolute_url
from core.tasks import mail_task
from events.models import Occurrence, Registration
from events.registration_views import my_registration_url


class EmailKind:
    """Which e-mail, and the field that records that it was sent."""

    CONFIRMATION = "confirmation_sent_at"
    PROMOTION = "promotion_sent_at"


def registrant_language(registration):
    """The language the registrant used on the site, if the site still offers it."""
    if registration.language in dict(settings.LANGUAGES):
        return registration.language
    return settings.LANGUAGE_CODE


def registration_links(registration):
    occurrence = registration.occurrence
    event = occurrence.event
    day = occurrence.local_date.isoformat()
    event_url = absolute_url(event.get_url())
    return {
        "manage_url": my_registration_url(event_url, event, day, registration),
        "occurrence_url": event_url + event.reverse_subpage("occurrence", kwargs={"day": day}),
        "calendar_url": event_url
        + event.reverse_subpage("occurrence_calendar", kwargs={"day": day}),
    }


def send_registration_email(registration_id, kind):
    registration = (
        Registration.objects.select_related("occurrence__event__venue")
        .filter(pk=registration_id)
        .first()
    )
    if (
        registration is None
        or not registration.email
        or registration.is_cancelled
        or getattr(registration, kind)
    ):
        return
    with translation.override(registrant_language(registration)):
        context = {
            "registration": registration,
            "occurrence": registration.occurrence,
            "event": registration.occurrence.event,
            "is_promotion": kind == EmailKind.PROMOTION,
            "waitlist_position": registration.waitlist_position(),
            **registration_links(registration),
        }
        if kind == EmailKind.PROMOTION:
            subject = _("Une place s'est libérée : %(title)s")
        elif registration.is_waitlisted:
            subject = _("Vous êtes en liste d'attente : %(title)s")
        else:
            subject = _("Votre inscription est confirmée : %(title)s")
        message = EmailMultiAlternatives(
            subject=subject % {"title": registration.occurrence.event.title},
            body=render_to_string("emails/events/registration.txt", context),
            to=[registration.email],
        )
        message.attach_alternative(
            render_to_string("emails/events/registration.html", context), "text/html"
        )
    message.send()
    Registration.objects.filter(pk=registration.pk).update(**{kind: timezone.now()})


@mail_task
def send_registration_confirmation(registration_id):
    """« Your registration is confirmed » or « you are on the waitlist », with the links."""
    send_registration_email(registration_id, EmailKind.CONFIRMATION)


@mail_task
def send_registration_promotion(registration_id):
    """« A place is free: you are registered », to someone moved up from the waitlist."""
    send_registration_email(registration_id, EmailKind.PROMOTION)


@mail_task
def send_change_notice(occurrence_id):
    """« The date changed / is cancelled »: to each registrant of `occurrence_id` with an e-mail.

    One e-mail per registrant, each in their language. Phone-only registrants are listed, with
    their numbers, on the date's attendance sheet in the admin so that the hub can call them.
    """
    occurrence = Occurrence.objects.select_related("event__venue").filter(pk=occurrence_id).first()
    if occurrence is None:
        return
    registrations = occurrence.registrations.active().exclude(email="")
    messages = []
    for registration in registrations:
        registration.occurrence = occurrence
        with translation.override(registrant_language(registration)):
            context = {
                "registration": registration,
                "occurrence": occurrence,
                "event": occurrence.event,
                "status": occurrence.status,
                "status_reason": occurrence.note or occurrence.event.status_reason,
                **registration_links(registration),
            }
            message = EmailMultiAlternatives(
                subject=_("Changement : %(title)s") % {"title": occurrence.event.title},
                body=render_to_string("emails/events/change_notice.txt", context),
                to=[registration.email],
            )
            message.attach_alternative(
                render_to_string("emails/events/change_notice.html", context), "text/html"
            )
        messages.append(message)
    if messages:
        messages[0].get_connection().send_messages(messages)
