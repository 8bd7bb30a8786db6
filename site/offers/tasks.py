"""Background work for offers: telling the advisers about a resident's « Ça m'intéresse », and
reminding them and the offers' authors of the offers about to expire."""

from urllib.parse import urljoin

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import Count, F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin.utils import get_admin_base_url

from core.addresses import absolute_url
from core.tasks import mail_task
from offers.models import Interest, OfferExpiryReminder, OfferIndexPage, OfferPage

# The hub's promise to residents (on the confirmation page), recalled to the advisers.
ADVISERS_ANSWER_WITHIN_DAYS = 3


class NoAdvisersEmail(Exception):
    """Neither the offers page nor the site settings give an address to write to."""


def admin_url(view_name, *args):
    return urljoin(get_admin_base_url() or settings.SITE_URL, reverse(view_name, args=args))


def advisers_email(offer):
    offer_index = None
    if offer is not None:
        offer_index = offer.get_parent().specific
    if not isinstance(offer_index, OfferIndexPage):
        # The offer was deleted since: any offers page of the site knows where to write.
        offer_index = OfferIndexPage.objects.first()
    return offer_index.get_advisers_email() if offer_index else ""


@mail_task
def notify_advisers(interest_id):
    """E-mail the advisers one resident's « Ça m'intéresse », then note when it was sent.

    Raises when the e-mail cannot be sent, so that a worker may try again; the interest itself
    was saved before this task was queued and stays in the admin either way.
    """
    interest = Interest.objects.select_related("offer").filter(pk=interest_id).first()
    if interest is None or interest.notified_at:
        # Erased in the meantime, or already sent by an earlier attempt.
        return
    offer = interest.offer
    recipient = advisers_email(offer)
    if not recipient:
        raise NoAdvisersEmail(
            "No advisers' e-mail on the offers page and no e-mail in the site settings."
        )

    # The advisers read French, whatever language the resident's page was in.
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "interest": interest,
            "offer": offer,
            "offer_edit_url": admin_url("wagtailadmin_pages:edit", offer.pk) if offer else "",
            "offer_url": absolute_url(offer.get_url()) if offer else "",
            "interest_url": admin_url("interests:inspect", interest.pk),
            "answer_within_days": ADVISERS_ANSWER_WITHIN_DAYS,
        }
        subject = _("« Ça m'intéresse » : %(name)s pour %(title)s") % {
            "name": interest.name,
            "title": interest.offer_title,
        }
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string("emails/offers/interest_notification.txt", context),
            to=[recipient],
            # Answering the e-mail writes to the resident, when they gave an address.
            reply_to=[interest.email] if interest.email else None,
        )
        message.attach_alternative(
            render_to_string("emails/offers/interest_notification.html", context), "text/html"
        )
    message.send()
    Interest.objects.filter(pk=interest.pk).update(notified_at=timezone.now())


@mail_task
def send_expiry_reminders(recipient, reminder_ids):
    """E-mail `recipient` one digest of the offers that expire soon (OfferExpiryReminder ids).

    Queued by `manage.py remind_expiring_offers`, once per recipient. The offers are read again:
    one filled, unpublished or given another expiry date since is left out (a later date gets its
    own reminder), and with none left nothing is sent. Raises when the e-mail cannot be sent, so
    that it is tried again; the reminders are marked as sent only once it went out.
    """
    reminders = list(
        OfferExpiryReminder.objects.filter(
            pk__in=reminder_ids,
            offer__in=OfferPage.objects.current(),
            expiry_date=F("offer__expiry_date"),
        )
        .select_related("offer__employer")
        .order_by("expiry_date", "offer__title", "pk")
    )
    if not reminders:
        return
    # Residents may have used any language version of the offer: count them all.
    interests = dict(
        Interest.objects.filter(
            offer__translation_key__in={reminder.offer.translation_key for reminder in reminders}
        )
        .values_list("offer__translation_key")
        .annotate(count=Count("pk"))
    )

    # Advisers and editors read French, whatever the language of the offer.
    with translation.override(settings.LANGUAGE_CODE):
        offers = [
            {
                "offer": reminder.offer,
                "expiry_date": reminder.expiry_date,
                "interests": interests.get(reminder.offer.translation_key, 0),
                "edit_url": admin_url("wagtailadmin_pages:edit", reminder.offer.pk),
                "url": absolute_url(reminder.offer.get_url()),
            }
            for reminder in reminders
        ]
        if len(offers) == 1:
            subject = _("L'offre « %(title)s » expire le %(date)s") % {
                "title": reminders[0].offer.title,
                "date": date_format(reminders[0].expiry_date, "DATE_FORMAT"),
            }
        else:
            subject = ngettext(
                "%(count)d offre expire bientôt sur le site",
                "%(count)d offres expirent bientôt sur le site",
                len(offers),
            ) % {"count": len(offers)}
        context = {"offers": offers}
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string("emails/offers/expiry_reminder.txt", context),
            to=[recipient],
        )
        message.attach_alternative(
            render_to_string("emails/offers/expiry_reminder.html", context), "text/html"
        )
    message.send()
    OfferExpiryReminder.objects.filter(
        pk__in=[reminder.pk for reminder in reminders], sent_at__isnull=True
    ).update(sent_at=timezone.now())
