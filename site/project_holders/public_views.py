"""« Je porte un projet ESS »: the public self-registration form and its thank-you page.

ProjectProposalPage's routes call these views: "" (GET and POST) → proposal_form, "merci/" →
proposal_sent. The pages carry a form token or follow a submission: never cached. The empty form
is public and indexed (it is in the sitemap: issue 14 found it linked from nowhere); what answers
a submission (errors with what was typed, the thank-you page) is not.
"""

import logging

from django.db import transaction
from django.http import HttpResponseRedirect

from core.ratelimit import minutes_to_wait
from core.views import private
from project_holders.forms import ProposalForm
from project_holders.tasks import notify_coordinators

logger = logging.getLogger(__name__)

RATE_LIMIT_GROUP = "project_holders:proposal"


def render_form(request, page, *, form, rate_limited=0, status=200):
    response = page.render(
        request,
        context_overrides={
            "form": form,
            "rate_limited": rate_limited,
            "indexable": not form.is_bound,
        },
    )
    response.status_code = status
    # The empty form carries no token (core.csrf): the page is everyone's, and cached. Once
    # sent back with what someone typed, it is theirs.
    return private(response) if form.is_bound else response


def proposal_form(request, page):
    if request.method != "POST":
        return render_form(request, page, form=ProposalForm())
    wait_minutes = minutes_to_wait(request, RATE_LIMIT_GROUP)
    form = ProposalForm(request.POST)
    if wait_minutes:
        # Nothing is lost: the form comes back with everything typed, and the page says why.
        return render_form(request, page, form=form, rate_limited=wait_minutes, status=429)
    if form.is_spam:
        logger.info("Honeypot filled on the ESS project form: nothing stored.")
        return redirect_to_thanks(request, page)
    if not form.is_valid():
        return render_form(request, page, form=form)
    with transaction.atomic():
        holder = form.save_proposal()
        # Robust: a queue that fails must not lose the proposal, which is saved either way.
        transaction.on_commit(lambda: notify_coordinators.enqueue(holder.pk), robust=True)
    return redirect_to_thanks(request, page)


def redirect_to_thanks(request, page):
    # 303: reloading the thank-you page must not send the form again.
    url = page.get_url(request) + page.reverse_subpage("proposal_sent")
    return HttpResponseRedirect(url, status=303)


def proposal_sent(request, page):
    response = page.render(request, template="pages/project_proposal_page_sent.html")
    return private(response)
