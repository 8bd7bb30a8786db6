"""Remind the advisers and each offer's author of the offers that expire within
settings.OFFER_EXPIRY_REMINDER_DAYS, so that they extend them or mark them « Poste pourvu ».

Run it daily from cron, next to publish_scheduled. Each recipient gets one e-mail listing their
offers, sent through the task worker (retried while the mail server is down). An offer is reminded
once per expiry date (offers.models.OfferExpiryReminder): a second run the same day sends nothing,
and an offer extended since its reminder gets a new one when its new date draws near.
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.dates import hub_today
from offers.models import OfferExpiryReminder, OfferPage
from offers.tasks import advisers_email, send_expiry_reminders


def one_per_translation(offers):
    """The offers, one per group of language versions: the site's language where there is one.

    Versions share their expiry date, and the editors work on the French page.
    """
    chosen = {}
    for offer in offers:
        current = chosen.get(offer.translation_key)
        if current is None or (
            offer.locale.language_code == settings.LANGUAGE_CODE
            and current.locale.language_code != settings.LANGUAGE_CODE
        ):
            chosen[offer.translation_key] = offer
    return sorted(chosen.values(), key=lambda offer: (offer.expiry_date, offer.title, offer.pk))


def recipients_of(offers):
    """{address: [offer, …]}: the advisers of each offer's listing, and its author if active."""
    advisers_by_parent = {}
    by_address = {}
    spelling = {}
    for offer in offers:
        parent_path = offer.path[: -OfferPage.steplen]
        if parent_path not in advisers_by_parent:
            # One look-up per offers page (one per language), not per offer.
            advisers_by_parent[parent_path] = advisers_email(offer)
        addresses = [advisers_by_parent[parent_path]]
        if offer.owner and offer.owner.is_active:
            addresses.append(offer.owner.email)
        for address in addresses:
            if not address:
                continue
            key = address.strip().lower()
            spelling.setdefault(key, address.strip())
            offers_for_address = by_address.setdefault(key, [])
            if offer not in offers_for_address:
                offers_for_address.append(offer)
    return {spelling[key]: offers_for_address for key, offers_for_address in by_address.items()}


class Command(BaseCommand):
    help = (
        "Prévient les conseillers et l'auteur de chaque offre qui expire bientôt "
        "(OFFER_EXPIRY_REMINDER_DAYS), une fois par date limite. À lancer chaque jour."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Montre les e-mails qui seraient envoyés, sans rien envoyer ni enregistrer.",
        )

    def handle(self, *args, dry_run=False, **options):
        days = settings.OFFER_EXPIRY_REMINDER_DAYS
        offers = one_per_translation(
            OfferPage.objects.due_for_expiry_reminder(days).select_related("owner", "locale")
        )
        recipients = recipients_of(offers)
        for offer in offers:
            if not any(offer in offers_for_address for offers_for_address in recipients.values()):
                self.stderr.write(
                    _(
                        "Personne à prévenir pour « %(title)s » : ni e-mail des conseillers, "
                        "ni auteur."
                    )
                    % {"title": offer.title}
                )

        if dry_run:
            for address, offers_for_address in recipients.items():
                self.stdout.write(_("À %(address)s :") % {"address": address})
                for offer in offers_for_address:
                    self.stdout.write(
                        "  - "
                        + _("« %(title)s », date limite le %(date)s")
                        % {"title": offer.title, "date": offer.expiry_date.strftime("%d/%m/%Y")}
                    )
        else:
            recipients = self.record(recipients)

        reminded = {
            offer for offers_for_address in recipients.values() for offer in offers_for_address
        }
        values = {
            "count": len(reminded),
            "date": (hub_today() + datetime.timedelta(days=days)).strftime("%d/%m/%Y"),
        }
        if dry_run:
            offers_message = ngettext(
                "%(count)d offre qui expire d'ici le %(date)s serait rappelée.",
                "%(count)d offres qui expirent d'ici le %(date)s seraient rappelées.",
                len(reminded),
            )
            emails_message = ngettext(
                "%(count)d e-mail de rappel serait envoyé.",
                "%(count)d e-mails de rappel seraient envoyés.",
                len(recipients),
            )
        else:
            offers_message = ngettext(
                "Rappel noté pour %(count)d offre qui expire d'ici le %(date)s.",
                "Rappels notés pour %(count)d offres qui expirent d'ici le %(date)s.",
                len(reminded),
            )
            emails_message = ngettext(
                "%(count)d e-mail de rappel mis en file d'envoi.",
                "%(count)d e-mails de rappel mis en file d'envoi.",
                len(recipients),
            )
        summary = [offers_message % values, emails_message % {"count": len(recipients)}]
        self.stdout.write(" ".join(summary))

    def record(self, recipients):
        """Note each offer's reminder for its date; queue the e-mails once the notes are saved.

        Returns {address: [offer, …]} for the offers this run noted: one that another run noted
        in the meantime (the unique constraint refused this run's note) is left to that run.
        """
        offers = {
            offer for offers_for_address in recipients.values() for offer in offers_for_address
        }
        now = timezone.now()
        with transaction.atomic():
            # One insert and one select for all the offers, rather than a get_or_create() each.
            OfferExpiryReminder.objects.bulk_create(
                [
                    OfferExpiryReminder(offer=offer, expiry_date=offer.expiry_date, queued_at=now)
                    for offer in offers
                ],
                ignore_conflicts=True,
            )
            noted = {
                (reminder.offer_id, reminder.expiry_date): reminder.pk
                for reminder in OfferExpiryReminder.objects.filter(offer__in=offers, queued_at=now)
            }
            queued = {}
            for address, offers_for_address in recipients.items():
                ours = [
                    offer for offer in offers_for_address if (offer.pk, offer.expiry_date) in noted
                ]
                if not ours:
                    continue
                queued[address] = ours
                reminder_ids = [noted[offer.pk, offer.expiry_date] for offer in ours]
                transaction.on_commit(
                    lambda address=address, reminder_ids=reminder_ids: (
                        send_expiry_reminders.enqueue(address, reminder_ids)
                    ),
                    robust=True,
                )
        return queued
