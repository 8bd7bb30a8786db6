"""Registering for a date: the form, capacity and waitlist, the signed link to cancel."""

import datetime
import threading
from io import StringIO
from unittest import mock
from urllib.parse import urlencode

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core import mail, signing
from django.core.management import call_command
from django.db import connection, connections
from django.test import Client, TestCase, TransactionTestCase, override_settings
from django.utils import timezone

from events.enums import OccurrenceRegistration, RegistrationStatus
from events.models import Occurrence, Registration
from events.registrations import (
    LINK_MAX_AGE,
    LinkInvalid,
    cancel,
    register,
    registration_from_link,
    signed_link_value,
)
from tests.events.factories import EventPageFactory, RegistrationFactory, days_from_now_at


def parse(response):
    return BeautifulSoup(response.content, "html.parser")


def text_of(response):
    return " ".join(parse(response).get_text(" ").split())


def form_data(**overrides):
    data = {"name": "Awa Diallo", "phone": "06 12 34 56 78", "email": "", "people": "1"}
    data["consent"] = "on"
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def unsaved(occurrence, **fields):
    return RegistrationFactory.build(occurrence=occurrence, **fields)


class RegistrationPageTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.event = EventPageFactory(registration=True, title="Atelier CV")
        cls.occurrence = cls.event.occurrences.get()
        cls.url = cls.occurrence.get_registration_url()

    def post(self, **overrides):
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(self.url, form_data(**overrides))

    def test_event_page_invites_to_register_and_counts_places(self):
        RegistrationFactory(occurrence=self.occurrence, people=3)
        page = parse(self.client.get(self.event.url))
        box = page.select_one(".registration-box")
        assert "Il reste 7 places." in box.get_text(" ", strip=True)
        assert box.select_one("a.button")["href"] == self.url

    def test_form_asks_for_a_name_a_phone_or_email_and_how_many_people(self):
        response = self.client.get(self.url)
        assert response.status_code == 200
        assert response["X-Robots-Tag"] == "noindex"
        form = parse(response).select_one("form.registration-form")
        # No token: the page is everyone's (core.csrf), the page cache keeps it.
        assert form.select_one("input[name=csrfmiddlewaretoken]") is None
        names = {field["name"] for field in form.select("input, select") if field.get("name")}
        assert {"name", "phone", "email", "people", "consent", "website"} <= names
        assert len(form.select("select[name=people] option")) == 4

    def test_the_form_is_accepted_from_the_site_only(self):
        """No token: the browser's word on where the POST comes from decides (core.csrf)."""
        browser = Client(enforce_csrf_checks=True)
        for headers in [{}, {"Origin": "https://attaquant.example"}]:
            assert browser.post(self.url, form_data(), headers=headers).status_code == 403
        assert not Registration.objects.exists()
        with self.captureOnCommitCallbacks(execute=True):
            response = browser.post(
                self.url, form_data(), headers={"Sec-Fetch-Site": "same-origin"}
            )
        assert response.status_code == 303
        assert Registration.objects.count() == 1

    def test_registering_with_only_a_phone_confirms_and_shows_the_registration(self):
        response = self.post()
        assert response.status_code == 303
        registration = Registration.objects.get()
        assert registration.status == RegistrationStatus.CONFIRMED
        assert registration.phone == "06 12 34 56 78"
        assert "90 jours après l'événement" in registration.consent_text
        assert mail.outbox == []
        page = self.client.get(response["Location"])
        assert page.status_code == 200
        assert page["Referrer-Policy"] == "same-origin"
        assert "Merci, vous êtes inscrit·e" in text_of(page)
        assert "Gardez cette page dans vos favoris" in text_of(page)
        assert parse(page).select_one("a[download]")["href"].endswith("/agenda/")

    def test_registering_with_an_email_sends_the_confirmation_with_the_link(self):
        response = self.post(phone="", email="Awa.Diallo@Exemple.fr", people="2")
        registration = Registration.objects.get()
        assert registration.email == "awa.diallo@exemple.fr"
        assert registration.people == 2
        [message] = mail.outbox
        assert message.to == ["awa.diallo@exemple.fr"]
        assert "Votre inscription est confirmée" in message.subject
        # The e-mail's own link (signed a moment later than the redirect's) opens the same page.
        [link] = [word for word in message.body.split() if "/inscription/la-mienne/?cle=" in word]
        assert link.split("?")[0].endswith(response["Location"].split("?")[0])
        assert "Vous êtes inscrit·e" in text_of(self.client.get(link))
        assert "Pour 2 personnes." in message.body
        registration.refresh_from_db()
        assert registration.confirmation_sent_at is not None

    def test_missing_contact_is_explained_and_what_was_typed_is_kept(self):
        response = self.post(phone="", email="")
        assert response.status_code == 200
        page = parse(response)
        assert "un des deux suffit" in page.select_one("#inscription-phone_error").get_text()
        assert page.select_one("#inscription-name")["value"] == "Awa Diallo"
        assert page.select_one(".error-summary a")["href"] == "#inscription-phone"
        assert not Registration.objects.exists()

    def test_more_people_than_allowed_is_refused_next_to_the_field(self):
        response = self.post(people="9")
        assert "Choisissez entre 1 et 4 personnes." in text_of(response)
        assert not Registration.objects.exists()

    def assert_received_without_saying_who_is_registered(self, response):
        """The answer to a phone or e-mail already registered: a redirect like a new
        registration's, to a page that neither shows that registration nor says it exists."""
        assert response.status_code == 303
        assert "cle=" not in response["Location"]
        page = self.client.get(response["Location"])
        assert page.status_code == 200
        assert "no-store" in page["Cache-Control"]
        text = text_of(page)
        assert "Votre demande est enregistrée" in text
        assert "votre inscription reste valable" in text
        assert "déjà" not in text
        assert parse(page).select_one("form.registration-form") is None

    def test_the_same_phone_cannot_register_twice_and_a_stranger_cannot_tell(self):
        """Anyone may type anyone's number: « déjà inscrit » would tell them this person comes."""
        new = self.post(phone="06 12 34 56 78")
        response = self.post(phone="+33 6 12 34 56 78", name="Awa D.")
        assert response.status_code == new.status_code == 303
        self.assert_received_without_saying_who_is_registered(response)
        assert Registration.objects.count() == 1
        assert Registration.objects.get().name == "Awa Diallo"

    def test_the_same_email_in_capitals_cannot_register_twice(self):
        self.post(phone="", email="awa@exemple.fr")
        mail.outbox.clear()
        response = self.post(phone="", email="AWA@exemple.fr")
        self.assert_received_without_saying_who_is_registered(response)
        assert Registration.objects.count() == 1
        # Nothing to whoever typed the address either: no mail with the link sent again.
        assert mail.outbox == []

    def test_after_cancelling_the_person_may_register_again(self):
        self.post()
        cancel(Registration.objects.get())
        assert self.post().status_code == 303
        assert Registration.objects.filter(status=RegistrationStatus.CONFIRMED).count() == 1

    def test_honeypot_stores_nothing(self):
        response = self.post(website="http://spam.example")
        assert response.status_code == 303
        assert not Registration.objects.exists()

    @override_settings(PUBLIC_FORM_RATE="2/h")
    def test_too_many_submissions_are_refused_and_the_form_is_kept(self):
        self.post(phone="06 12 34 56 01")
        self.post(phone="06 12 34 56 02")
        response = self.post(phone="06 12 34 56 03")
        assert response.status_code == 429
        assert "Trop d'envois" in text_of(response)
        assert parse(response).select_one("#inscription-phone")["value"] == "06 12 34 56 03"
        assert Registration.objects.count() == 2

    def test_a_date_without_registration_has_no_form(self):
        event = EventPageFactory()
        url = event.occurrences.get().get_registration_url()
        assert self.client.get(url).status_code == 404
        assert ".registration-box" not in self.client.get(event.url).content.decode()

    def test_one_date_can_take_registrations_when_its_event_does_not(self):
        event = EventPageFactory()
        occurrence = event.occurrences.get()
        occurrence.registration = OccurrenceRegistration.OPEN
        occurrence.save()
        assert self.client.get(occurrence.get_registration_url()).status_code == 200

    def test_unknown_days_are_not_found(self):
        base = self.event.url
        assert self.client.get(f"{base}2031-02-30/inscription/").status_code == 404
        assert self.client.get(f"{base}2031-01-01/inscription/").status_code == 404


class RegistrationWindowTestCase(TestCase):
    def test_not_yet_open_says_when_and_stores_nothing(self):
        opens = days_from_now_at(3, 9)
        event = EventPageFactory(registration=True, registration_opens_at=opens)
        url = event.occurrences.get().get_registration_url()
        response = self.client.get(url)
        assert "Les inscriptions ouvrent le" in text_of(response)
        assert parse(response).select_one("form.registration-form") is None
        assert self.client.post(url, form_data()).status_code == 409
        assert not Registration.objects.exists()
        with time_machine.travel(opens + datetime.timedelta(minutes=1)):
            assert self.client.post(url, form_data()).status_code == 303

    def test_closed_when_the_date_has_started(self):
        event = EventPageFactory(registration=True)
        occurrence = event.occurrences.get()
        with time_machine.travel(occurrence.start + datetime.timedelta(minutes=5)):
            response = self.client.post(occurrence.get_registration_url(), form_data())
        assert response.status_code == 409
        assert "Les inscriptions sont closes" in text_of(response)

    def test_a_cancelled_date_takes_no_registration(self):
        event = EventPageFactory(registration=True)
        occurrence = event.occurrences.get()
        occurrence.is_cancelled = True
        occurrence.save()
        response = self.client.get(occurrence.get_registration_url())
        assert "cette date est annulée" in text_of(response)


class CapacityAndWaitlistTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.event = EventPageFactory(registration=True, capacity=5, title="Forum")
        cls.occurrence = cls.event.occurrences.get()

    def test_capacity_counts_people_and_the_rest_waits(self):
        first = register(self.occurrence, unsaved(self.occurrence, people=4))
        group = register(self.occurrence, unsaved(self.occurrence, people=2))
        single = register(self.occurrence, unsaved(self.occurrence, people=1))
        assert first.status == RegistrationStatus.CONFIRMED
        assert group.status == RegistrationStatus.WAITLISTED
        # One place left: the single person takes it rather than leave it empty.
        assert single.status == RegistrationStatus.CONFIRMED
        assert self.occurrence.places_left() == 0
        late = register(self.occurrence, unsaved(self.occurrence, people=1))
        assert late.waitlist_position() == 2
        page = self.client.get(self.event.url)
        assert "C'est complet." in text_of(page)

    def test_cancelling_moves_the_first_who_fit_up_and_tells_them(self):
        first = register(self.occurrence, unsaved(self.occurrence, people=5))
        big = register(self.occurrence, unsaved(self.occurrence, people=3, email="big@exemple.fr"))
        small = register(
            self.occurrence, unsaved(self.occurrence, people=2, email="small@exemple.fr")
        )
        assert big.is_waitlisted and small.is_waitlisted
        with self.captureOnCommitCallbacks(execute=True):
            cancel(first)
        big.refresh_from_db()
        small.refresh_from_db()
        assert big.is_confirmed and small.is_confirmed
        assert big.promoted_at is not None
        subjects = sorted(message.subject for message in mail.outbox)
        assert subjects == ["Une place s'est libérée : Forum"] * 2

    def test_a_group_too_large_keeps_its_turn_while_smaller_ones_take_the_places(self):
        first = register(self.occurrence, unsaved(self.occurrence, people=2))
        register(self.occurrence, unsaved(self.occurrence, people=2))
        big = register(self.occurrence, unsaved(self.occurrence, people=4))
        small = register(self.occurrence, unsaved(self.occurrence, people=1))
        assert big.is_waitlisted and small.is_confirmed
        cancel(first)
        big.refresh_from_db()
        # 5 - 2 - 1 = 2 places: still not enough for four.
        assert big.is_waitlisted
        assert big.waitlist_position() == 1

    def test_more_places_for_the_date_promote_those_waiting(self):
        register(self.occurrence, unsaved(self.occurrence, people=5))
        waiting = register(self.occurrence, unsaved(self.occurrence, people=2))
        from wagtail.admin.panels import get_edit_handler

        from events.admin_forms import OccurrenceForm

        form_class = get_edit_handler(Occurrence).get_form_class()
        assert issubclass(form_class, OccurrenceForm)
        occurrence = Occurrence.objects.get(pk=self.occurrence.pk)
        data = {
            "start": timezone.localtime(occurrence.start).strftime("%Y-%m-%d %H:%M"),
            "end": timezone.localtime(occurrence.end).strftime("%Y-%m-%d %H:%M"),
            "note": "",
            "registration": "",
            "capacity_override": "8",
        }
        form = form_class(data, instance=occurrence)
        assert form.is_valid(), form.errors
        form.save()
        waiting.refresh_from_db()
        assert waiting.is_confirmed

    def test_a_date_that_leaves_the_rule_keeps_its_registrations_cancelled(self):
        event = EventPageFactory(recurring_monthly=True, registration=True)
        occurrence = event.occurrences.order_by("start").first()
        RegistrationFactory(occurrence=occurrence)
        event.recurrence_count = 1
        event.start = event.start + datetime.timedelta(days=35)
        event.end = event.start + datetime.timedelta(hours=2)
        event.save()
        event.sync_occurrences()
        occurrence.refresh_from_db()
        assert occurrence.is_cancelled
        assert occurrence.registrations.count() == 1


class SignedLinkTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.event = EventPageFactory(registration=True, capacity=1, title="Atelier")
        cls.occurrence = cls.event.occurrences.get()

    def setUp(self):
        self.mine = register(self.occurrence, unsaved(self.occurrence))
        self.url = self.manage_url(signed_link_value(self.mine))

    def manage_url(self, signed):
        day = self.occurrence.local_date.isoformat()
        return f"{self.event.url}{day}/inscription/la-mienne/?{urlencode({'cle': signed})}"

    def test_the_link_shows_the_registration(self):
        response = self.client.get(self.url)
        assert response.status_code == 200
        assert "Vous êtes inscrit·e" in text_of(response)
        assert self.mine.name in text_of(response)

    def test_cancelling_through_the_link_frees_the_place_for_the_next(self):
        waiting = register(
            self.occurrence, unsaved(self.occurrence, email="next@exemple.fr", phone="")
        )
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(self.url)
        assert response.status_code == 303
        self.mine.refresh_from_db()
        waiting.refresh_from_db()
        assert self.mine.is_cancelled and self.mine.cancelled_at
        assert waiting.is_confirmed
        assert [message.to for message in mail.outbox] == [["next@exemple.fr"]]
        assert "Votre inscription est annulée" in text_of(self.client.get(self.url))
        # Sending the form again changes nothing.
        assert self.client.post(self.url).status_code == 303
        waiting.refresh_from_db()
        assert waiting.is_confirmed

    def test_a_tampered_link_is_refused_clearly(self):
        signed = signed_link_value(self.mine)
        tampered = signed[:-2] + ("AA" if not signed.endswith("AA") else "BB")
        response = self.client.get(self.manage_url(tampered))
        assert response.status_code == 400
        assert "Ce lien ne fonctionne pas" in text_of(response)
        assert self.client.post(self.manage_url(tampered)).status_code == 400
        self.mine.refresh_from_db()
        assert self.mine.is_confirmed

    def test_an_expired_link_is_refused_clearly(self):
        too_old = timezone.now() - LINK_MAX_AGE - datetime.timedelta(days=1)
        with mock.patch("django.core.signing.time.time", return_value=too_old.timestamp()):
            old_signed = signed_link_value(self.mine)
        response = self.client.post(self.manage_url(old_signed))
        assert response.status_code == 410
        assert "Ce lien a expiré" in text_of(response)
        self.mine.refresh_from_db()
        assert self.mine.is_confirmed

    def test_a_link_signed_for_something_else_is_refused(self):
        for value in ["nimportequoi", signing.dumps("x" * 36, salt="events.registration-link")]:
            response = self.client.get(self.manage_url(value))
            assert response.status_code == 400
        with pytest.raises(LinkInvalid):
            registration_from_link(signing.dumps(str(self.mine.token), salt="autre"))

    def test_a_link_on_another_events_address_is_refused(self):
        other = EventPageFactory(registration=True)
        day = self.occurrence.local_date.isoformat()
        query = urlencode({"cle": signed_link_value(self.mine)})
        url = f"{other.url}{day}/inscription/la-mienne/?{query}"
        assert self.client.get(url).status_code == 400

    def test_after_the_date_there_is_nothing_to_cancel(self):
        with time_machine.travel(self.occurrence.end + datetime.timedelta(hours=1)):
            response = self.client.get(self.url)
            assert "Cette date est passée" in text_of(response)
            assert parse(response).select_one("form.registration__cancel") is None
            self.client.post(self.url)
        self.mine.refresh_from_db()
        assert self.mine.is_confirmed


class ConcurrentRegistrationTestCase(TransactionTestCase):
    """Capacity holds when 50 people send the form at the same moment for 10 places."""

    REGISTRANTS = 50
    PLACES = 10

    def test_exactly_the_capacity_is_confirmed_and_the_rest_waits(self):
        if connection.vendor != "postgresql":
            pytest.skip("Concurrent writers need PostgreSQL (SQLite writes one at a time).")
        event = EventPageFactory(registration=True, capacity=self.PLACES)
        occurrence = event.occurrences.get()
        url = occurrence.get_registration_url()
        barrier = threading.Barrier(self.REGISTRANTS)
        statuses = []

        def send(number):
            try:
                client = Client(REMOTE_ADDR=f"10.0.{number // 250}.{number % 250 + 1}")
                barrier.wait(timeout=30)
                response = client.post(url, form_data(phone=f"06 20 00 00 {number:02d}"))
                statuses.append(response.status_code)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=send, args=(n,)) for n in range(self.REGISTRANTS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        assert statuses == [303] * self.REGISTRANTS
        registrations = Registration.objects.filter(occurrence=occurrence)
        assert registrations.filter(status=RegistrationStatus.CONFIRMED).count() == self.PLACES
        assert registrations.filter(status=RegistrationStatus.WAITLISTED).count() == 40


class ErasureTestCase(TestCase):
    def test_old_registrations_lose_names_and_contacts_but_keep_the_counts(self):
        old_event = EventPageFactory(registration=True, past=True)
        old = RegistrationFactory(
            occurrence=old_event.occurrences.get(), people=3, attended=True, email="a@exemple.fr"
        )
        recent = RegistrationFactory(
            occurrence=EventPageFactory(registration=True).occurrences.get()
        )
        out = StringIO()
        with time_machine.travel(timezone.now() + datetime.timedelta(days=61)):
            call_command("erase_old_registrations", "--dry-run", stdout=out)
            assert "1 inscription" in out.getvalue()
            old.refresh_from_db()
            assert old.name
            call_command("erase_old_registrations", stdout=StringIO())
        old.refresh_from_db()
        recent.refresh_from_db()
        assert (old.name, old.phone, old.email) == ("", "", "")
        assert old.erased_at is not None
        assert (old.people, old.attended, old.status) == (3, True, RegistrationStatus.CONFIRMED)
        assert recent.name and recent.erased_at is None

    def test_a_link_to_an_erased_registration_shows_nothing_personal(self):
        event = EventPageFactory(registration=True)
        registration = RegistrationFactory(occurrence=event.occurrences.get(), name="Awa Diallo")
        Registration.objects.filter(pk=registration.pk).update(
            name="", phone="", erased_at=timezone.now()
        )
        signed = signed_link_value(registration)
        day = registration.occurrence.local_date.isoformat()
        response = self.client.get(
            f"{event.url}{day}/inscription/la-mienne/?{urlencode({'cle': signed})}"
        )
        assert response.status_code == 200
        assert "Awa" not in text_of(response)


class ChangeNoticeTestCase(TestCase):
    """Registrants are told when their date is cancelled, moved or goes online: once."""

    @classmethod
    def setUpTestData(cls):
        cls.event = EventPageFactory(registration=True, title="Atelier CV")
        cls.occurrence = cls.event.occurrences.get()

    def setUp(self):
        register(self.occurrence, unsaved(self.occurrence, phone="", email="awa@exemple.fr"))
        register(self.occurrence, unsaved(self.occurrence))
        mail.outbox.clear()

    def edit_occurrence(self, **changes):
        from wagtail.admin.panels import get_edit_handler

        occurrence = Occurrence.objects.get(pk=self.occurrence.pk)
        data = {
            "start": timezone.localtime(occurrence.start).strftime("%Y-%m-%d %H:%M"),
            "end": timezone.localtime(occurrence.end).strftime("%Y-%m-%d %H:%M"),
            "note": "",
            "registration": "",
            "capacity_override": "",
            **changes,
        }
        form = get_edit_handler(Occurrence).get_form_class()(data, instance=occurrence)
        assert form.is_valid(), form.errors
        with self.captureOnCommitCallbacks(execute=True):
            form.save()

    def test_cancelling_the_date_writes_to_those_with_an_email(self):
        self.edit_occurrence(is_cancelled="on", note="La salle est fermée.")
        [message] = mail.outbox
        assert message.to == ["awa@exemple.fr"]
        assert message.subject == "Changement : Atelier CV"
        assert "Cette date est annulée." in message.body
        assert "La salle est fermée." in message.body
        assert "/inscription/la-mienne/?cle=" in message.body

    def test_a_note_alone_sends_nothing_and_each_change_is_told_once(self):
        self.edit_occurrence(note="Apportez un stylo.")
        assert mail.outbox == []
        later = timezone.localtime(self.occurrence.start + datetime.timedelta(hours=1))
        end = later + datetime.timedelta(hours=2)
        self.edit_occurrence(
            start=later.strftime("%Y-%m-%d %H:%M"), end=end.strftime("%Y-%m-%d %H:%M")
        )
        self.edit_occurrence(
            start=later.strftime("%Y-%m-%d %H:%M"),
            end=end.strftime("%Y-%m-%d %H:%M"),
            note="Toujours au même endroit.",
        )
        [message] = mail.outbox
        assert "Nouvel horaire ou nouveau lieu" in message.body

    def test_publishing_the_event_online_tells_registrants(self):
        from events.registrations import after_publish

        event = self.event.specific_class.objects.get(pk=self.event.pk)
        event.status = "en-ligne"
        event.online_url = "https://visio.example.org/atelier"
        event.save()
        with self.captureOnCommitCallbacks(execute=True):
            after_publish(event)
        with self.captureOnCommitCallbacks(execute=True):
            after_publish(event)
        [message] = mail.outbox
        assert "L'événement se passe maintenant en ligne." in message.body
        assert "https://visio.example.org/atelier" in message.body


@pytest.mark.django_db
def test_a_registration_and_a_cancellation_empty_the_page_cache(settings, monkeypatch):
    """The date's page said « Il reste 9 places » from the cache for ten minutes after it was
    full (tests/e2e walks it on the deployed stack)."""
    from events import signals
    from events.registrations import cancel, register
    from tests.events.factories import EventPageFactory, RegistrationFactory

    settings.PAGE_CACHE = True
    cleared = []
    monkeypatch.setattr(signals, "clear_page_cache", lambda: cleared.append(True))
    occurrence = EventPageFactory(registration=True).occurrences.get()
    cleared.clear()

    registration = register(occurrence, RegistrationFactory.build(occurrence=occurrence))
    assert cleared
    cleared.clear()
    cancel(registration)
    assert cleared
