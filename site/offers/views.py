"""An offer's page, its « Ça m'intéresse » form and the confirmation that follows.

OfferPage's routes call these views: "" (GET and POST) → offer_detail, "merci/" → interest_sent.
"""

import logging

from django.db import transaction
from django.http import HttpResponseRedirect

from core.ratelimit import minutes_to_wait
from offers.enums import ApplicationMethod, OfferStatus
from offers.forms import InterestForm
from offers.structured_data import job_posting, json_ld
from offers.tasks import ADVISERS_ANSWER_WITHIN_DAYS, notify_advisers

logger = logging.getLogger(__name__)

RATE_LIMIT_GROUP = "offers:interest"


def takes_applications(offer, request):
    """The offer is open: published (or previewed by an editor), not filled, not past its date."""
    visible = offer.live or getattr(request, "is_preview", False)
    return visible and offer.status == OfferStatus.OPEN


def takes_interest_here(offer, request):
    """The offer is open and applications go through the form on its page."""
    return takes_applications(offer, request) and offer.applies_through_advisers


def application(offer, request):
    """How to apply to an open offer, for the page's « Postuler » section; None when closed."""
    if not takes_applications(offer, request):
        return None
    return {
        "through_advisers": offer.applies_through_advisers,
        "url": offer.application_url
        if offer.application_method == ApplicationMethod.EXTERNAL_LINK
        else "",
        "email": offer.application_email
        if offer.application_method == ApplicationMethod.EMAIL
        else "",
    }


def offer_detail(request, offer):
    takes_interest = takes_interest_here(offer, request)
    if request.method == "POST" and not takes_interest:
        # A form sent to a closed offer (from an old tab) stores nothing; the page says why.
        return render_offer(request, offer, status=405)
    if request.method != "POST":
        form = InterestForm() if takes_interest else None
        return render_offer(request, offer, form=form)

    wait_minutes = minutes_to_wait(request, RATE_LIMIT_GROUP)
    form = InterestForm(request.POST)
    if wait_minutes:
        # Nothing is lost: the form comes back with everything typed, and the page says why.
        return render_offer(request, offer, form=form, rate_limited=wait_minutes, status=429)
    if form.is_spam:
        logger.info("Honeypot filled on offer %s: nothing stored.", offer.pk)
        return redirect_to_confirmation(request, offer)
    if not form.is_valid():
        return render_offer(request, offer, form=form)

    with transaction.atomic():
        interest = form.save_for(offer)
        # Sent once the row is committed; robust: a queue that fails must not lose the answer
        # the resident is waiting for, the interest is saved and visible in the admin.
        transaction.on_commit(lambda: notify_advisers.enqueue(interest.pk), robust=True)
    return redirect_to_confirmation(request, offer)


def redirect_to_confirmation(request, offer):
    url = offer.get_url(request) + offer.reverse_subpage("interest_sent")
    # 303: reloading the confirmation must not send the form again.
    return HttpResponseRedirect(url, status=303)


def render_offer(request, offer, *, form=None, rate_limited=0, status=200):
    """The offer's page; `rate_limited` is the number of minutes to wait before sending again."""
    context = {
        "application": application(offer, request),
        "interest_form": form,
        "rate_limited": rate_limited,
        "job_posting_json_ld": json_ld(job_posting(offer, request)) if offer.is_open else "",
    }
    response = offer.render(request, context_overrides=context)
    response.status_code = status
    if status == 405:
        response["Allow"] = "GET, HEAD"
    return response


def interest_sent(request, offer):
    return offer.render(
        request,
        template="pages/offer_interest_sent.html",
        context_overrides={"answer_within_days": ADVISERS_ANSWER_WITHIN_DAYS},
    )
