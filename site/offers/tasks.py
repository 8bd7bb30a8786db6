"""Background work for offers: telling the advisers about a resident's « Ça m'intéresse »."""

from urllib.parse import urljoin

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.admin.utils import get_admin_base_url

from core.tasks import mail_task
from offers.models import Interest, OfferIndexPage

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
            "offer_url": offer.get_full_url() if offer else "",
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
