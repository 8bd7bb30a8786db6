"""Registering for a date, cancelling, and moving people up from the waitlist.

Capacity counts people and must hold when many register at once (the job fair's registrations
open at a known hour): every change to a date's registrations first locks that date's row
(SELECT … FOR UPDATE on PostgreSQL; SQLite writes one transaction at a time anyway), then
counts what is confirmed. Two submissions for the last place are thus decided one after the
other, and the second goes to the waitlist.

Registrants manage their registration without an account, through a link signed with the
site's secret key: signing.dumps() of the registration's random token, dated so that it can
expire. E-mails go out after the transaction commits, through background tasks
(events.tasks); a registration is kept even when e-mail fails.
"""

import datetime
import logging
import uuid

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.erasure import erase_log_entries
from events.enums import RegistrationStatus
from events.models import Occurrence, Registration

logger = logging.getLogger(__name__)

LINK_SALT = "events.registration-link"
# Dates are stored up to 400 days ahead (events.recurrence.HORIZON_DAYS): a link made when
# registering stays good until well after the date, then is refused as expired.
LINK_MAX_AGE = datetime.timedelta(days=500)


class AlreadyRegistered(Exception):
    """This phone number or e-mail already has a registration for this date."""

    def __init__(self, field):
        super().__init__(field)
        self.field = field


class LinkInvalid(Exception):
    """The link was altered, or is for no registration we know."""


class LinkExpired(Exception):
    """The link is older than LINK_MAX_AGE."""


def signed_link_value(registration):
    return signing.dumps(str(registration.token), salt=LINK_SALT, compress=False)


def registration_from_link(value):
    """The registration a signed link stands for, or LinkInvalid / LinkExpired."""
    try:
        token = signing.loads(value, salt=LINK_SALT, max_age=LINK_MAX_AGE)
    except signing.SignatureExpired:
        raise LinkExpired from None
    except signing.BadSignature:
        raise LinkInvalid from None
    try:
        token = uuid.UUID(token)
    except (TypeError, ValueError, AttributeError):
        raise LinkInvalid from None
    registration = Registration.objects.select_related("occurrence").filter(token=token).first()
    if registration is None:
        # Signed by us, so once real: erased since (retention) or its event deleted.
        raise LinkInvalid
    return registration


def lock(occurrence):
    """The date's row, locked until the end of the transaction (see the module's docstring)."""
    # of=self: the event page itself stays free for editors.
    return (
        Occurrence.objects.select_for_update(of=("self",))
        .select_related("event")
        .get(pk=occurrence.pk)
    )


def register(occurrence, registration):
    """Save `registration` (not yet saved) for `occurrence`: confirmed if its people fit.

    Raises AlreadyRegistered when the same phone number or e-mail is already registered for
    this date. Queues the confirmation e-mail once committed.
    """
    from events.tasks import send_registration_confirmation

    with transaction.atomic():
        occurrence = lock(occurrence)
        duplicate = (
            occurrence.registrations.active()
            .of_person(registration.phone, registration.email)
            .first()
        )
        if duplicate is not None:
            raise AlreadyRegistered(
                "phone" if registration.phone and duplicate.phone == registration.phone else "email"
            )
        places_left = occurrence.places_left()
        # Those waiting did not fit in the places left (promote_waitlist gave them every place
        # they could take): a newcomer who fits takes a place that would otherwise stay empty.
        fits = places_left is None or registration.people <= places_left
        if not occurrence.announced:
            # What this registrant is told now; a later change is announced to them.
            occurrence.announced = occurrence.announcement()
            occurrence.save(update_fields=["announced"])
        registration.occurrence = occurrence
        registration.status = (
            RegistrationStatus.CONFIRMED if fits else RegistrationStatus.WAITLISTED
        )
        try:
            # A savepoint: the constraints catch what the check above could not see (another
            # transaction's uncommitted row on SQLite) without breaking the outer transaction.
            with transaction.atomic():
                registration.save()
        except IntegrityError:
            raise AlreadyRegistered("phone" if registration.phone else "email") from None
        if registration.email:
            transaction.on_commit(
                lambda: send_registration_confirmation.enqueue(registration.pk), robust=True
            )
    return registration


def cancel(registration):
    """Cancel `registration` and give its places to those waiting; True if it was active."""
    with transaction.atomic():
        occurrence = lock(registration.occurrence)
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if current.is_cancelled:
            return False
        current.status = RegistrationStatus.CANCELLED
        current.cancelled_at = timezone.now()
        current.save(update_fields=["status", "cancelled_at"])
        promote_waitlist(occurrence)
    registration.refresh_from_db()
    return True


def promote_waitlist(occurrence):
    """Confirm those waiting for `occurrence` whose people fit in the places now free.

    In order of registration; a group too large for the places left is passed over so that
    places do not stay empty, and keeps its turn for the next places. Call inside a
    transaction; locks the date itself when the caller has not. Returns those promoted, whose
    « a place is free » e-mail is queued once committed.
    """
    from events.tasks import send_registration_promotion

    occurrence = lock(occurrence)
    places_left = occurrence.places_left()
    promoted = []
    for waiting in occurrence.registrations.waitlisted().select_for_update():
        if places_left is not None and waiting.people > places_left:
            continue
        waiting.status = RegistrationStatus.CONFIRMED
        waiting.promoted_at = timezone.now()
        waiting.save(update_fields=["status", "promoted_at"])
        promoted.append(waiting)
        if places_left is not None:
            places_left -= waiting.people
            if places_left == 0:
                break
    for registration in promoted:
        logger.info("Registration %s moved up from the waitlist.", registration.pk)
        if registration.email:
            transaction.on_commit(
                lambda pk=registration.pk: send_registration_promotion.enqueue(pk), robust=True
            )
    return promoted


def erase(registrations):
    """Blank who made these registrations and retire their links; returns how many.

    The rows stay, with their people and attendance, for the hub's yearly figures. Each gets a
    new token, so that the link its registrant was sent opens nothing any more, and the admin's
    log no longer names them (core.erasure).
    """
    with transaction.atomic():
        pks = list(registrations.filter(erased_at__isnull=True).values_list("pk", flat=True))
        now = timezone.now()
        Registration.objects.bulk_update(
            [
                Registration(pk=pk, name="", phone="", email="", token=uuid.uuid4(), erased_at=now)
                for pk in pks
            ],
            ["name", "phone", "email", "token", "erased_at"],
            batch_size=500,
        )
        erase_log_entries(Registration, pks)
    return len(pks)


def announce_changes(occurrence):
    """Tell the registrants of `occurrence` when its time, place or status changed since they
    were last told (cancelled, postponed, moved online, moved). Once per change."""
    from events.tasks import send_change_notice

    with transaction.atomic():
        occurrence = lock(occurrence)
        current = occurrence.announcement()
        if not occurrence.announced or occurrence.announced == current:
            return False
        occurrence.announced = current
        occurrence.save(update_fields=["announced"])
        if occurrence.end < timezone.now():
            return False
        transaction.on_commit(lambda: send_change_notice.enqueue(occurrence.pk), robust=True)
    return True


def after_publish(event):
    """An event was published: store its dates, then tell registrants what changed and give
    places to those waiting if the capacity grew."""
    event.sync_occurrences()
    for occurrence in event.occurrences.filter(end__gte=timezone.now()).exclude(announced=""):
        announce_changes(occurrence)
    waiting = event.occurrences.filter(
        end__gte=timezone.now(), registrations__status=RegistrationStatus.WAITLISTED
    ).distinct()
    for occurrence in waiting:
        with transaction.atomic():
            promote_waitlist(occurrence)
