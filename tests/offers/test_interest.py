"""« Ça m'intéresse »: what a resident sends, what is kept, who is told, and what spam gets."""

import re
import smtplib
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from django.urls import reverse

from core.forms import normalise_phone
from core.tasks import RETRY_DELAYS
from offers.forms import consent_text
from offers.models import Interest
from offers.tasks import NoAdvisersEmail, notify_advisers
from tests.core.factories import SiteSettingsFactory
from tests.offers.factories import (
    ADVISERS_EMAIL,
    InterestFactory,
    OfferPageFactory,
    create_site_with_advisers,
    get_offer_index_page,
)

pytestmark = pytest.mark.django_db

ADVISERS = ADVISERS_EMAIL
VALID = {
    "name": "Samira Benali",
    "phone": "06.12.34.56.78",
    "email": "samira@example.org",
    "message": "Je peux commencer lundi.",
    "consent": "on",
}


@pytest.fixture
def site():
    return create_site_with_advisers()


@pytest.fixture
def offer(site):
    return OfferPageFactory(title="Agent de propreté (H/F)")


@pytest.fixture
def send(client, django_capture_on_commit_callbacks):
    """POST the form as a browser would, running what waits for the commit (the e-mail)."""

    def post(offer, **changes):
        data = {**VALID, **changes}
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(offer.url, {key: value for key, value in data.items() if value})

    return post


def parse(response):
    return BeautifulSoup(response.content, "html.parser")


def field(response, name):
    return parse(response).find(attrs={"name": name})


def error_next_to(response, name):
    """The error message the field points to with aria-describedby."""
    soup = parse(response)
    described_by = soup.find(attrs={"name": name})["aria-describedby"].split()
    errors = [soup.find(id=id_) for id_ in described_by if id_.endswith("_error")]
    return " ".join(error.get_text(" ", strip=True) for error in errors if error)


def summary(response):
    box = parse(response).select_one(".error-summary")
    return box.get_text(" ", strip=True) if box else ""


# --- A valid submission ------------------------------------------------------------------------
def test_a_valid_submission_is_stored_and_leads_to_the_confirmation(send, offer):
    response = send(offer)

    assert response.status_code == 303
    assert response["Location"] == f"{offer.url}merci/"
    interest = Interest.objects.get()
    assert interest.offer == offer
    assert interest.offer_title == "Agent de propreté (H/F)"
    assert interest.name == "Samira Benali"
    assert interest.phone == "06 12 34 56 78"
    assert interest.email == "samira@example.org"
    assert interest.message == "Je peux commencer lundi."
    assert interest.consent_text == consent_text()
    assert "365 jours" in interest.consent_text
    assert interest.consented_at is not None


def test_the_consent_stored_is_the_sentence_the_resident_saw(client, send, offer):
    shown = parse(client.get(offer.url)).find("label", attrs={"for": "interet-consent"})

    send(offer)

    assert Interest.objects.get().consent_text in shown.get_text(" ", strip=True)


@override_settings(INTEREST_RETENTION_DAYS=90)
def test_the_consent_says_how_long_the_details_are_kept(client, offer):
    label = parse(client.get(offer.url)).find("label", attrs={"for": "interet-consent"})

    assert "effacés au bout de 90 jours" in label.get_text(" ", strip=True)


def test_the_advisers_receive_one_email(send, offer):
    send(offer)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    interest = Interest.objects.get()
    assert message.to == [ADVISERS]
    assert message.reply_to == ["samira@example.org"]
    assert "Samira Benali" in message.subject
    assert "Agent de propreté (H/F)" in message.subject
    edit_url = settings.WAGTAILADMIN_BASE_URL + reverse("wagtailadmin_pages:edit", args=[offer.pk])
    interest_url = settings.WAGTAILADMIN_BASE_URL + reverse("interests:inspect", args=[interest.pk])
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    for body in (message.body, html):
        assert "Samira Benali" in body
        assert "06 12 34 56 78" in body
        assert "samira@example.org" in body
        assert "Je peux commencer lundi." in body
        assert "Agent de propreté (H/F)" in body
        assert edit_url in body
        assert interest_url in body
    assert interest.notified_at is not None


def test_without_an_advisers_address_the_site_email_is_used(send, offer):
    index = get_offer_index_page()
    index.advisers_email = ""
    index.save()

    send(offer)

    assert mail.outbox[0].to == ["contact@dynamique-emploi.fr"]


def test_when_the_email_fails_the_interest_is_kept_and_the_resident_still_sees_the_confirmation(
    client, send, offer
):
    with mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.send_messages",
        side_effect=smtplib.SMTPException("relay down"),
    ):
        response = send(offer)

    assert response.status_code == 303
    interest = Interest.objects.get()
    assert interest.notified_at is None
    confirmation = client.get(response["Location"])
    assert confirmation.status_code == 200
    assert "votre demande est bien envoyée" in parse(confirmation).h1.get_text()


def test_when_the_email_fails_the_task_tries_again_later(offer):
    interest = InterestFactory(offer=offer)

    with mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.send_messages",
        side_effect=smtplib.SMTPException("relay down"),
    ) as send_messages:
        # The test settings run tasks at once, so every retry runs now; in production each
        # waits longer (core.tasks.RETRY_DELAYS), then the task is marked failed.
        notify_advisers.call(interest.pk)

    assert send_messages.call_count == len(RETRY_DELAYS) + 1
    interest.refresh_from_db()
    assert interest.notified_at is None


def test_the_task_sends_once_only(offer):
    interest = InterestFactory(offer=offer)

    notify_advisers.call(interest.pk)
    notify_advisers.call(interest.pk)

    assert len(mail.outbox) == 1


def test_the_task_does_nothing_for_an_interest_erased_since(offer):
    interest = InterestFactory(offer=offer)
    interest_id = interest.pk
    interest.delete()

    notify_advisers.call(interest_id)

    assert mail.outbox == []


def test_the_task_still_writes_when_the_offer_was_deleted(offer):
    interest = InterestFactory(offer=offer)
    offer.delete()

    notify_advisers.call(interest.pk)

    assert mail.outbox[0].to == [ADVISERS]
    assert interest.offer_title in mail.outbox[0].body


def test_the_task_raises_without_any_address(site):
    interest = InterestFactory()
    index = get_offer_index_page()
    index.advisers_email = ""
    index.save()
    SiteSettingsFactory(email="")

    with pytest.raises(NoAdvisersEmail):
        notify_advisers.call(interest.pk)


def test_the_confirmation_says_what_happens_next(client, offer):
    response = client.get(f"{offer.url}merci/")

    text = parse(response).main.get_text(" ", strip=True)
    assert response.status_code == 200
    assert "vous appelle ou vous écrit dans les 3 jours ouvrés" in text
    assert "01 23 45 67 89" in text
    assert "12 rue des Tisserands" in text
    assert parse(response).find("a", href=offer.url)
    assert parse(response).find("meta", attrs={"name": "robots", "content": "noindex"})


# --- Mistakes, and what the resident typed -----------------------------------------------------
def test_the_name_is_required(send, offer):
    response = send(offer, name="")

    assert response.status_code == 200
    assert "Écrivez votre nom." in error_next_to(response, "name")
    assert "Écrivez votre nom." in summary(response)
    assert parse(response).find(attrs={"name": "name"})["aria-invalid"] == "true"
    assert not Interest.objects.exists()


def test_neither_phone_nor_email_is_one_error_for_both_fields(send, offer):
    response = send(offer, phone="", email="")

    message = "Écrivez un numéro de téléphone ou une adresse e-mail"
    assert response.status_code == 200
    assert message in error_next_to(response, "phone")
    assert message in error_next_to(response, "email")
    assert summary(response).count(message) == 1
    assert parse(response).select_one(".error-summary a")["href"] == "#interet-phone"
    assert not Interest.objects.exists()


@pytest.mark.parametrize(("phone", "email"), [("06 12 34 56 78", ""), ("", "a@example.org")])
def test_a_phone_or_an_email_is_enough(send, offer, phone, email):
    response = send(offer, phone=phone, email=email)

    assert response.status_code == 303
    assert Interest.objects.count() == 1


def test_consent_is_required(send, offer):
    response = send(offer, consent="")

    assert response.status_code == 200
    assert "Cochez la case pour donner votre accord" in error_next_to(response, "consent")
    assert not Interest.objects.exists()


@pytest.mark.parametrize("phone", ["12", "06 12 34", "0000000000", "06 00 00 00 00", "appelez-moi"])
def test_a_phone_number_that_cannot_be_one_is_refused(send, offer, phone):
    response = send(offer, phone=phone)

    assert response.status_code == 200
    assert "Ce numéro de téléphone ne semble pas correct" in error_next_to(response, "phone")
    assert not Interest.objects.exists()


def test_a_wrong_email_is_refused(send, offer):
    response = send(offer, email="samira@", phone="")

    assert "Cette adresse e-mail ne semble pas correcte" in error_next_to(response, "email")
    assert not Interest.objects.exists()


def test_errors_keep_everything_that_was_typed(send, offer):
    response = send(offer, phone="12", consent="", message="Disponible le matin <b>seulement</b>")

    assert field(response, "name")["value"] == "Samira Benali"
    assert field(response, "phone")["value"] == "12"
    assert field(response, "email")["value"] == "samira@example.org"
    assert field(response, "message").get_text() == "\nDisponible le matin <b>seulement</b>"
    assert "Erreur" in parse(response).title.get_text()
    assert summary(response).startswith("Il y a 2 erreurs dans le formulaire")


def test_a_checked_consent_stays_checked_after_another_error(send, offer):
    response = send(offer, name="")

    assert field(response, "consent").has_attr("checked")


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("0612345678", "06 12 34 56 78"),
        ("06.12.34.56.78", "06 12 34 56 78"),
        ("06-12-34-56-78", "06 12 34 56 78"),
        (" 01 23 45 67 89 ", "01 23 45 67 89"),
        ("+33 6 12 34 56 78", "06 12 34 56 78"),
        ("+33 (0)6 12 34 56 78", "06 12 34 56 78"),
        ("0033 6 12 34 56 78", "06 12 34 56 78"),
        ("+213 5 55 12 34 56", "+213555123456"),
    ],
)
def test_french_phone_formats_are_normalised(typed, kept):
    assert normalise_phone(typed) == kept


@pytest.mark.parametrize(
    "typed", ["", "6 12 34 56 78", "06 12 34 56 78 9", "+33 6 12", "+0 12345678", "06/AB/34"]
)
def test_what_is_no_phone_number_is_refused(typed):
    with pytest.raises(ValidationError):
        normalise_phone(typed)


# --- Spam --------------------------------------------------------------------------------------
def test_a_filled_honeypot_pretends_success_and_keeps_nothing(send, offer):
    response = send(offer, website="https://spam.example.com")

    assert response.status_code == 303
    assert response["Location"] == f"{offer.url}merci/"
    assert not Interest.objects.exists()
    assert mail.outbox == []


def test_the_honeypot_is_hidden_from_people_and_assistive_technologies(client, offer):
    trap = field(client.get(offer.url), "website")

    wrapper = trap.find_parent(class_="form-trap")
    assert wrapper["aria-hidden"] == "true"
    assert trap["tabindex"] == "-1"
    assert trap["autocomplete"] == "off"
    assert not trap.has_attr("style")
    css = (settings.BASE_DIR / "static/css/main.css").read_text()
    assert ".form-trap {" in css


@override_settings(PUBLIC_FORM_RATE="2/h")
def test_too_many_submissions_are_refused_without_losing_what_was_typed(send, offer):
    assert send(offer).status_code == 303
    assert send(offer).status_code == 303

    response = send(offer, name="Troisième Essai")

    assert response.status_code == 429
    alert = parse(response).select_one(".form-alert").get_text(" ", strip=True)
    assert "Trop d'envois en peu de temps" in alert
    assert re.search(r"Attendez \d+ minutes?, puis envoyez à nouveau", alert)
    assert field(response, "name")["value"] == "Troisième Essai"
    assert field(response, "message").get_text().strip() == "Je peux commencer lundi."
    assert Interest.objects.count() == 2


@override_settings(PUBLIC_FORM_RATE="1/h")
def test_the_rate_limit_is_per_address(offer, django_capture_on_commit_callbacks):
    first, second = Client(REMOTE_ADDR="192.0.2.1"), Client(REMOTE_ADDR="192.0.2.2")

    assert first.post(offer.url, VALID).status_code == 303
    assert first.post(offer.url, VALID).status_code == 429
    assert second.post(offer.url, VALID).status_code == 303


def test_the_form_carries_no_token_and_is_checked_by_its_origin(offer):
    """No per-visitor token, so that the page is cacheable (core.csrf): what the browser says
    of the request's origin decides, as Chromium sends it from the page itself."""
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(offer.url)
    form = parse(page).select_one("form.interest-form")
    assert form.find("input", attrs={"name": "csrfmiddlewaretoken"}) is None
    own_origin = f"http://{page.wsgi_request.get_host()}"

    # From another site, or saying nothing of where it comes from: Django's check refuses it.
    for headers in [
        {},
        {"Origin": "https://attaquant.example"},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site", "Origin": own_origin},
        {"Sec-Fetch-Site": "same-site"},
    ]:
        assert browser.post(offer.url, VALID, headers=headers).status_code == 403, headers
    assert not Interest.objects.exists()

    for headers in [
        {"Sec-Fetch-Site": "same-origin", "Origin": own_origin},
        {"Origin": own_origin},
        {"Sec-Fetch-Site": "same-origin"},
    ]:
        assert browser.post(offer.url, VALID, headers=headers).status_code == 303, headers
    assert Interest.objects.count() == 3


def test_the_extranet_keeps_its_tokens(django_user_model):
    """Only public pages' forms go without: a POST elsewhere still needs its token."""
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(
        reverse("account_login"),
        {"login": "someone@example.org", "password": "x"},
        headers={"Sec-Fetch-Site": "same-origin"},
    )
    assert response.status_code == 403


# --- Offers that take no interest here ---------------------------------------------------------
@pytest.mark.parametrize("closed", [{"expired": True}, {"filled": True}])
def test_a_closed_offer_refuses_the_form(client, site, closed):
    offer = OfferPageFactory(**closed)

    response = client.post(offer.url, VALID)

    assert response.status_code == 405
    assert not Interest.objects.exists()
    assert parse(response).select_one("form.interest-form") is None


def test_an_offer_unpublished_by_the_cron_refuses_the_form(client, site):
    offer = OfferPageFactory(closed_by_cron=True)

    response = client.post(offer.url, VALID)

    assert response.status_code in (200, 405)
    assert "Offre expirée" in parse(response).get_text()
    assert not Interest.objects.exists()


@pytest.mark.parametrize("method", [{"external_link": True}, {"by_email": True}])
def test_an_offer_applied_for_elsewhere_refuses_the_form(client, site, method):
    offer = OfferPageFactory(**method)

    response = client.post(offer.url, VALID)

    assert response.status_code == 405
    assert not Interest.objects.exists()
