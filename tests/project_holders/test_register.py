"""A member registers a holder they met: consent required, duplicates warned, coordinators told."""

import pytest
from django.core import mail
from django.urls import reverse

from project_holders.enums import ConsentMethod, HolderStatus
from project_holders.models import ProjectHolder
from tests.extranet.pages import text
from tests.project_holders.conftest import parse
from tests.project_holders.factories import ProjectHolderFactory
from tests.reference.factories import NeighbourhoodFactory

pytestmark = pytest.mark.django_db

CREATE_URL = reverse("project_holders:create")


def form_data(**overrides):
    data = {
        "name": "Yacine Belkacem",
        "phone": "06.45.12.33.90",
        "email": "",
        "project_name": "Réparation de vélos solidaire",
        "project_description": "Un atelier où les habitants réparent leur vélo.",
        "stage": "idee",
        "legal_form": "association",
        "needs": ["local", "reseau"],
        "consent_method": "oral",
        "consent": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def register(client, member, django_capture_on_commit_callbacks):
    client.force_login(member)

    def post(**overrides):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(CREATE_URL, form_data(**overrides))

    return post


def test_a_member_registers_a_holder_of_their_organisation(register, member, organisation):
    neighbourhood = NeighbourhoodFactory(name="Francs-Moisins")

    response = register(neighbourhood=neighbourhood.pk)

    holder = ProjectHolder.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("project_holders:detail", args=[holder.pk])
    assert holder.phone == "06 45 12 33 90"
    assert holder.needs == ["local", "reseau"]
    assert holder.status == HolderStatus.RECEIVED
    assert holder.registered_by == member
    assert holder.registered_by_organisation == organisation
    assert holder.is_qpv
    assert holder.consent_method == ConsentMethod.ORALLY
    assert holder.consent_collected_by == member
    assert "m'accompagner gratuitement" in holder.consent_text
    assert holder.history.get().history_user == member


def test_nothing_is_saved_without_consent(register):
    response = register(consent=None, phone="06 45 12 33 9")

    assert ProjectHolder.objects.count() == 0
    page = parse(response)
    consent_error = page.select_one(".form-check .form-field__error").get_text()
    assert "sans l'accord de la personne, rien n'est enregistré" in consent_error
    # What was typed stays, and the phone number's error is next to its field.
    assert page.select_one("#porteur-name")["value"] == "Yacine Belkacem"
    assert "ne semble pas correct" in page.select_one("#porteur-phone_error").get_text()


def test_how_consent_was_given_is_required(register):
    response = register(consent_method=None)

    assert ProjectHolder.objects.count() == 0
    assert "Dites comment la personne a donné son accord." in text(response)


def test_a_phone_or_an_email_is_required(register):
    response = register(phone="", email="")

    assert ProjectHolder.objects.count() == 0
    assert "un des deux suffit" in parse(response).select_one("#porteur-phone_error").get_text()


def test_a_known_phone_warns_and_links_to_the_record_the_member_may_see(register, holder):
    response = register(phone="+33 6 12 34 56 78")

    assert ProjectHolder.objects.count() == 1
    warning = parse(response).select_one(".holder-duplicates")
    assert warning.select_one("a")["href"] == holder.get_absolute_url()
    assert "Traiteur des Francs-Moisins" in warning.get_text()
    # What was typed stays, ready to be sent again.
    assert parse(response).select_one("#porteur-name")["value"] == "Yacine Belkacem"
    assert parse(response).select_one("button[name=confirm_duplicate]")


def test_a_known_email_of_another_organisation_gets_a_neutral_warning(register, other_organisation):
    theirs = ProjectHolderFactory(
        name="Secret Name",
        email="deja.suivi@example.org",
        registered_by_organisation=other_organisation,
    )

    response = register(phone="", email="Deja.Suivi@example.org")

    warning = parse(response).select_one(".holder-duplicates")
    assert "déjà suivi par le pôle" in warning.get_text()
    assert "contactez les coordinateurs" in warning.get_text()
    assert theirs.name not in response.content.decode()
    assert not warning.select("a")
    assert ProjectHolder.objects.count() == 1


def test_confirming_registers_the_duplicate(register, holder):
    response = register(phone=holder.phone, confirm_duplicate="True")

    assert response.status_code == 302
    assert ProjectHolder.objects.filter(phone=holder.phone).count() == 2


def test_an_anonymised_record_is_no_duplicate(register, holder):
    phone = holder.phone
    holder.anonymise()

    response = register(phone=phone)

    assert response.status_code == 302


def test_coordinators_are_emailed_about_the_new_holder(register, coordinator):
    register()

    holder = ProjectHolder.objects.get()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [coordinator.email]
    assert "Réparation de vélos solidaire" in message.subject
    assert holder.get_absolute_url() in message.body
    # The e-mail leads to the record behind sign-in: no phone number in it.
    assert holder.phone not in message.body
    holder.refresh_from_db()
    assert holder.coordinators_notified_at is not None


def test_the_holder_is_saved_when_the_email_fails(register, coordinator, settings):
    settings.EMAIL_BACKEND = "tests.project_holders.failing_email.FailingEmailBackend"

    response = register()

    assert response.status_code == 302
    holder = ProjectHolder.objects.get()
    assert holder.coordinators_notified_at is None
    assert len(mail.outbox) == 0
