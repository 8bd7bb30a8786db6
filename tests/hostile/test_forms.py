"""Hostile values in every public form: never a 500, and nothing stored comes alive as markup.

« Ça m'intéresse » on an offer's page, the registration for an event's date, and the cancellation
on the registrant's own page. After a submission that went through, the pages that show what was
stored (the registrant's page, the admin's inspect view, the e-mails) must show it as text.
"""

import json
import re

from django.contrib.auth import get_user_model
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from hypothesis import event, example, given, settings
from hypothesis import strategies as st

from core.forms import HONEYPOT_FIELD
from events.enums import RegistrationStatus
from events.models import Registration
from events.registration_views import LINK_PARAMETER, my_registration_url
from events.registrations import signed_link_value
from offers.models import Interest
from tests.core.factories import SiteSettingsFactory
from tests.events.factories import EventPageFactory, RegistrationFactory
from tests.hostile.inputs import (
    MARKUP,
    NUMBERS,
    WRONG_TYPES,
    HostileTestCase,
    assert_handled,
    assert_no_live_markup,
    assert_shows_text,
    examples,
    hostile_text,
    parse,
    query_pairs,
    query_string,
    single_line,
)
from tests.offers.factories import OfferPageFactory, get_offer_index_page

ADVISERS = "conseillers@dynamique-emploi.fr"

# Values a form accepts, with markup where free text is allowed: most examples then go through,
# and the pages that show them are checked.
names = st.one_of(
    st.sampled_from(["Awa Diallo", "Zoë\u0301 O'Brien", "عائشة بن علي", "Jean\nDupont"]),
    st.sampled_from(MARKUP).map(lambda markup: f"Awa {markup}"),
    hostile_text,
)
phones = st.one_of(
    st.sampled_from(["06 12 34 56 78", "+33 6 12 34 56 78", "0033 (0)6.12.34.56.78", ""]),
    st.sampled_from(["+213555123456", "06 00 00 00 00", "+" + "9" * 40, "٠٦١٢٣٤٥٦٧٨"]),
    hostile_text,
)
emails = st.one_of(
    st.sampled_from(["", "awa@example.org", "AWA@Example.ORG", "awa@exämple.fr"]),
    st.sampled_from(["a@b", "<script>@example.org", "awa@example.org\nBcc: x@example.org"]),
    st.emails().map(str),
    hostile_text,
)
consents = st.one_of(st.sampled_from(["on", "on", "1", "", "off", "false"]), hostile_text)
honeypots = st.one_of(st.just(""), st.just(""), st.just(""), hostile_text)
# Several values for one field: the form reads the last, as QueryDict.get() does.
repeated = st.lists(hostile_text, min_size=2, max_size=3)


# What core.forms.normalise_phone promises: « 06 12 34 56 78 », « +213555123456 », or nothing.
STORED_PHONE = re.compile(r"\A(0[1-9]( [0-9]{2}){4}|\+[1-9][0-9]{7,14})?\Z")


def assert_stored_as_cleaned(record, name):
    """The name on one line, the phone written one way, the e-mail in lower case, no NUL."""
    assert record.name == single_line(name.strip())
    assert "\n" not in record.name
    assert STORED_PHONE.match(record.phone), record.phone
    assert record.email == record.email.strip().lower()
    assert record.phone or record.email
    assert not any("\x00" in value for value in (record.name, record.phone, record.email))


def post_data(**fields):
    return {name: value for name, value in fields.items() if value is not None}


def markup_free(text):
    """Whether the page may show `text` unchanged: what html.parser would not normalise."""
    return text.isprintable() and "\r" not in text


class OfferInterestTests(HostileTestCase):
    @classmethod
    def setUpTestData(cls):
        SiteSettingsFactory()
        index = get_offer_index_page()
        index.advisers_email = ADVISERS
        index.save()
        cls.offer = OfferPageFactory()
        cls.closed_offer = OfferPageFactory(filled=True)
        cls.admin = get_user_model().objects.create_superuser(
            username="admin-hostile", email="admin@example.org", password="-"
        )

    def send(self, offer, data):
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(offer.url, data)

    @settings(max_examples=examples(60))
    @given(
        name=names,
        phone=phones,
        email=emails,
        message=st.one_of(st.sampled_from(MARKUP), hostile_text),
        consent=consents,
        website=honeypots,
    )
    @example(
        name=f"Awa {MARKUP[1]}",
        phone="06 12 34 56 78",
        email="awa@example.org",
        message=MARKUP[0],
        consent="on",
        website="",
    )
    def test_an_interest_is_refused_with_errors_or_stored_as_text(
        self, name, phone, email, message, consent, website
    ):
        data = post_data(
            name=name,
            phone=phone,
            email=email,
            message=message,
            consent=consent,
            **{HONEYPOT_FIELD: website},
        )
        response = self.send(self.offer, data)
        event(f"status {response.status_code}")
        assert_handled(response, expected=(200, 303))
        assert_no_live_markup(response.content)
        interest = Interest.objects.filter(offer=self.offer).first()
        if response.status_code == 200:
            assert interest is None
            # Nothing typed is lost: the name comes back as it was sent.
            field = parse(response).find("input", attrs={"name": "name"})
            if markup_free(name):
                assert field.get("value", "") == name
            return
        if website.strip():
            assert interest is None, "A bot's interest was kept"
            return
        assert interest is not None
        assert_stored_as_cleaned(interest, name)
        assert "\x00" not in interest.message
        self.assert_shown_as_text(interest)

    def assert_shown_as_text(self, interest):
        self.client.force_login(self.admin)
        inspect = self.client.get(reverse("interests:inspect", args=[interest.pk]))
        assert_handled(inspect, expected=(200,))
        assert_no_live_markup(inspect.content)
        assert_shows_text(inspect.content, interest.name)
        [notification] = mail.outbox
        assert "\n" not in notification.subject
        assert interest.name in notification.body  # plain text: not escaped
        [(html, _mimetype)] = notification.alternatives
        assert_no_live_markup(html)
        assert_shows_text(html, interest.name)

    @settings(max_examples=examples(15))
    @given(name=repeated, phone=repeated, consent=repeated)
    def test_repeated_fields_are_read_as_one(self, name, phone, consent):
        response = self.send(self.offer, {"name": name, "phone": phone, "consent": consent})
        assert_handled(response, expected=(200, 303))

    def test_digits_typed_on_an_arabic_keyboard_are_stored_as_advisers_dial_them(self):
        for typed in ("06١٢٣٤٥٦٧٨", "٠٦ ١٢ ٣٤ ٥٦ ٧٨"):
            response = self.send(
                self.offer, {"name": "Awa Diallo", "phone": typed, "consent": "on"}
            )
            assert_handled(response, expected=(303,))
        assert set(Interest.objects.values_list("phone", flat=True)) == {"06 12 34 56 78"}

    def test_a_form_sent_as_json_is_refused_with_errors(self):
        body = json.dumps({"name": "Awa", "phone": "06 12 34 56 78", "consent": "on"})
        response = self.client.post(self.offer.url, body, content_type="application/json")
        assert_handled(response, expected=(200,))
        assert not Interest.objects.exists()

    def test_a_body_larger_than_django_reads_is_a_bad_request(self):
        # DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB): Django refuses to read it, with a 400.
        response = self.send(self.offer, {"name": "a" * 3_000_000, "phone": "06 12 34 56 78"})
        assert_handled(response, expected=(400,))
        assert not Interest.objects.exists()

    @settings(max_examples=examples(10))
    @given(name=names, consent=consents)
    def test_a_closed_offer_refuses_any_form(self, name, consent):
        response = self.send(self.closed_offer, {"name": name, "consent": consent})
        assert_handled(response, expected=(405,))
        assert not Interest.objects.exists()


@override_settings(PUBLIC_FORM_RATE="1000/m")
class EventRegistrationTests(HostileTestCase):
    @classmethod
    def setUpTestData(cls):
        SiteSettingsFactory()
        cls.event = EventPageFactory(registration=True)
        cls.occurrence = cls.event.occurrences.get()
        cls.day = cls.occurrence.local_date.isoformat()
        cls.url = cls.occurrence.get_registration_url()
        cls.admin = get_user_model().objects.create_superuser(
            username="admin-hostile", email="admin@example.org", password="-"
        )

    @settings(max_examples=examples(60))
    @given(
        name=names,
        phone=phones,
        email=emails,
        people=st.one_of(
            st.sampled_from(["1", "2", "4", "5", *NUMBERS, *WRONG_TYPES]), hostile_text
        ),
        consent=consents,
        website=honeypots,
    )
    @example(
        name=f"Awa {MARKUP[0]}",
        phone="",
        email="awa@example.org",
        people="2",
        consent="on",
        website="",
    )
    def test_a_registration_is_refused_with_errors_or_stored_as_text(
        self, name, phone, email, people, consent, website
    ):
        data = post_data(
            name=name,
            phone=phone,
            email=email,
            people=people,
            consent=consent,
            **{HONEYPOT_FIELD: website},
        )
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(self.url, data)
        event(f"status {response.status_code}")
        assert_handled(response, expected=(200, 303))
        assert_no_live_markup(response.content)
        registration = Registration.objects.filter(occurrence=self.occurrence).first()
        if response.status_code == 200:
            assert registration is None
            return
        if website.strip():
            assert registration is None, "A bot's registration was kept"
            return
        assert registration is not None
        assert_stored_as_cleaned(registration, name)
        assert 1 <= registration.people <= self.event.max_people_per_registration
        self.assert_shown_as_text(registration, response["Location"])

    def assert_shown_as_text(self, registration, own_page_url):
        own_page = self.client.get(own_page_url)
        assert_handled(own_page, expected=(200,))
        assert_no_live_markup(own_page.content)
        assert_shows_text(own_page.content, registration.name)
        if registration.email:
            [confirmation] = mail.outbox
            assert registration.name in confirmation.body
            [(html, _mimetype)] = confirmation.alternatives
            assert_no_live_markup(html)
            assert_shows_text(html, registration.name)
        self.client.force_login(self.admin)
        inspect = self.client.get(reverse("registrations:inspect", args=[registration.pk]))
        assert_handled(inspect, expected=(200,))
        assert_no_live_markup(inspect.content)
        assert_shows_text(inspect.content, registration.name)

    @settings(max_examples=examples(15))
    @given(name=repeated, email=repeated, people=repeated)
    def test_repeated_fields_are_read_as_one(self, name, email, people):
        response = self.client.post(
            self.url, {"name": name, "email": email, "people": people, "consent": "on"}
        )
        assert_handled(response, expected=(200, 303))


class CancellationTests(HostileTestCase):
    """The registrant's own page: a POST cancels, whatever else it carries; a forged link, never."""

    @classmethod
    def setUpTestData(cls):
        SiteSettingsFactory()
        cls.event = EventPageFactory(registration=True)
        cls.occurrence = cls.event.occurrences.get()
        cls.day = cls.occurrence.local_date.isoformat()
        cls.registration = RegistrationFactory(occurrence=cls.occurrence)
        cls.own_page = my_registration_url(cls.event.url, cls.event, cls.day, cls.registration)
        cls.own_page_path = cls.own_page.split("?")[0]

    @settings(max_examples=examples(25))
    @given(body=query_pairs([LINK_PARAMETER, "csrfmiddlewaretoken", "people", "name"]))
    def test_the_true_link_cancels_whatever_the_form_sends(self, body):
        response = self.client.post(
            self.own_page,
            query_string(body),
            content_type="application/x-www-form-urlencoded",
        )
        assert_handled(response, expected=(303,))
        self.registration.refresh_from_db()
        assert self.registration.status == RegistrationStatus.CANCELLED

    @settings(max_examples=examples(25))
    @given(query=query_pairs([LINK_PARAMETER, "nouvelle"]), body=query_pairs([LINK_PARAMETER]))
    @example(query=[(LINK_PARAMETER, b"")], body=[])
    @example(query=[(LINK_PARAMETER, b"x" * 40 + b":abc:def")], body=[])
    def test_a_forged_link_cancels_nothing(self, query, body):
        response = self.client.post(
            f"{self.own_page_path}?{query_string(query)}",
            query_string(body),
            content_type="application/x-www-form-urlencoded",
        )
        assert_handled(response, expected=(400, 410))
        assert_no_live_markup(response.content)
        self.registration.refresh_from_db()
        assert self.registration.status != RegistrationStatus.CANCELLED

    def test_the_true_link_on_another_date_cancels_nothing(self):
        query = query_string([(LINK_PARAMETER, signed_link_value(self.registration).encode())])
        response = self.client.post(f"{self.event.url}2020-01-01/inscription/la-mienne/?{query}")
        assert_handled(response, expected=(400, 404))
