"""Registering for one date of an event, and the registrant's own page to see or cancel it.

EventPage's routes call these views: "<day>/inscription/" (GET and POST) → register,
"<day>/inscription/la-mienne/?cle=<signed link>" (GET and POST) → my_registration. The
registration form has its own page rather than sitting on the event's: the event page then
carries no form token and stays cacheable for everyone, and a resident on a small screen sees
only the form.

A phone number or e-mail already registered for the date is not told apart on this public
form: anyone may type anyone's number, and « already registered » would tell them that this
person comes. Nothing new is stored, and the answer is a redirect, like a new registration's,
to a page saying the request is received and that an earlier registration still stands
("<day>/inscription/?demande=recue"). It cannot be the registrant's own page: that one opens
with the registration's key. The admin's form (events.admin_registration_forms) still tells
the editor.
"""

import logging
from urllib.parse import urlencode

from django.http import Http404, HttpResponseRedirect
from django.utils.translation import get_language

from core.cache import shows_live_facts
from core.ratelimit import minutes_to_wait
from core.views import private
from events.enums import RegistrationState
from events.forms import RegistrationForm
from events.registrations import (
    AlreadyRegistered,
    LinkExpired,
    LinkInvalid,
    cancel,
    registration_from_link,
    signed_link_value,
)
from events.registrations import (
    register as register_for,
)
from events.views import event_context, find_occurrence, registration_summary

logger = logging.getLogger(__name__)

RATE_LIMIT_GROUP = "events:registration"
LINK_PARAMETER = "cle"
NEW_REGISTRATION_PARAMETER = "nouvelle"
# "<day>/inscription/?demande=recue": where a registration already made sends (module's doc).
RECEIVED_PARAMETER = "demande"
RECEIVED_VALUE = "recue"


def render_registration(request, event, occurrence, *, form, rate_limited=0, status=200):
    context = {
        **event_context(request, event),
        "occurrence": occurrence,
        "registration": registration_summary(occurrence),
        "form": form,
        "rate_limited": rate_limited,
        "occurrence_url": occurrence.get_url(request),
    }
    response = event.render(
        request, template="pages/event_registration.html", context_overrides=context
    )
    response.status_code = status
    if status == 200 and (form is None or not form.is_bound):
        # The empty form carries no token (core.csrf): the page is everyone's, kept in the
        # page cache like the date's own page, whose places left it shows too. Not a page to
        # find in a search engine: the date's page is.
        shows_live_facts(request, changes_at=occurrence.changes_at())
        response["X-Robots-Tag"] = "noindex"
        return response
    # Sent back with what someone typed: theirs only.
    return private(response)


def register(request, event, day):
    occurrence = find_occurrence(event, day)
    state = occurrence.registration_state()
    if state == RegistrationState.NOT_NEEDED:
        raise Http404("This date takes no registration.")
    max_people = event.max_people_per_registration
    if state != RegistrationState.OPEN:
        # The page says why (not yet open, closed, cancelled); a form sent from an old tab is
        # not stored.
        status = 409 if request.method == "POST" else 200
        return render_registration(request, event, occurrence, form=None, status=status)
    if request.method != "POST":
        if request.GET.get(RECEIVED_PARAMETER) == RECEIVED_VALUE:
            return render_received(request, event, occurrence)
        form = RegistrationForm(max_people=max_people)
        return render_registration(request, event, occurrence, form=form)

    wait_minutes = minutes_to_wait(request, RATE_LIMIT_GROUP)
    form = RegistrationForm(request.POST, max_people=max_people)
    if wait_minutes:
        return render_registration(
            request, event, occurrence, form=form, rate_limited=wait_minutes, status=429
        )
    if form.is_spam:
        logger.info("Honeypot filled on a registration for event %s: nothing stored.", event.pk)
        return HttpResponseRedirect(occurrence.get_url(request), status=303)
    if not form.is_valid():
        return render_registration(request, event, occurrence, form=form)

    registration = form.unsaved_registration()
    registration.language = get_language()
    try:
        register_for(occurrence, registration)
    except AlreadyRegistered:
        # The same answer as a new registration's, without its key (see the module's doc).
        url = f"{occurrence.get_registration_url(request)}?{RECEIVED_PARAMETER}={RECEIVED_VALUE}"
        return HttpResponseRedirect(url, status=303)
    url = my_registration_url(event.get_url(request), event, day, registration)
    # 303: reloading the confirmation must not send the form again.
    return HttpResponseRedirect(f"{url}&{NEW_REGISTRATION_PARAMETER}=1", status=303)


def render_received(request, event, occurrence):
    context = {
        **event_context(request, event),
        "occurrence": occurrence,
        "occurrence_url": occurrence.get_url(request),
    }
    response = event.render(
        request, template="pages/event_registration_received.html", context_overrides=context
    )
    return private(response)


def my_registration_url(event_url, event, day, registration):
    """The registrant's own page, with the signed link that opens it (see events.registrations)."""
    path = event.reverse_subpage("my_registration", kwargs={"day": day})
    query = urlencode({LINK_PARAMETER: signed_link_value(registration)})
    return f"{event_url}{path}?{query}"


def render_link_problem(request, event, problem, status):
    response = event.render(
        request,
        template="pages/event_registration_link_problem.html",
        context_overrides={**event_context(request, event), "problem": problem},
    )
    response.status_code = status
    return private(response)


def my_registration(request, event, day):
    """What the registrant sees from their link: their registration, and a button to cancel."""
    try:
        registration = registration_from_link(request.GET.get(LINK_PARAMETER, ""))
    except LinkExpired:
        return render_link_problem(request, event, "expired", status=410)
    except LinkInvalid:
        return render_link_problem(request, event, "invalid", status=400)
    occurrence = registration.occurrence
    if occurrence.event_id != event.pk or occurrence.local_date.isoformat() != day:
        # A genuine link pasted onto another event's address: nothing to show here.
        return render_link_problem(request, event, "invalid", status=400)
    occurrence.event = event
    is_past = occurrence.is_past()

    # Without ?nouvelle=1: after cancelling, the page no longer thanks for registering.
    this_page = my_registration_url(event.get_url(request), event, day, registration)
    if request.method == "POST":
        if is_past or registration.is_cancelled:
            # Nothing to cancel any more; the page says so.
            return HttpResponseRedirect(this_page, status=303)
        cancel(registration)
        return HttpResponseRedirect(this_page, status=303)

    context = {
        **event_context(request, event),
        "occurrence": occurrence,
        "mine": registration,
        "is_new": request.GET.get(NEW_REGISTRATION_PARAMETER) == "1",
        "is_past": is_past,
        "waitlist_position": registration.waitlist_position(),
        "registration": registration_summary(occurrence),
        "occurrence_url": occurrence.get_url(request),
        "calendar_url": event.url
        + event.reverse_subpage("occurrence_calendar", kwargs={"day": day}),
    }
    response = event.render(
        request, template="pages/event_my_registration.html", context_overrides=context
    )
    # The address holds the key to this registration: it must not leak through links out. Not
    # "no-referrer": a browser then sends `Origin: null` with the page's own « Annuler mon
    # inscription » form, and Django's CSRF check refuses it (403). "same-origin" sends nothing
    # to other sites and a real Origin to this one (nginx and gunicorn log no key: deploy/).
    response["Referrer-Policy"] = "same-origin"
    return private(response)
