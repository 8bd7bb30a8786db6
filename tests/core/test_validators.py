"""core.validators: no direction control character in a web address (issue 12)."""

import pytest
from django.core.exceptions import ValidationError

from core.validators import validate_no_bidi_controls
from events.models import EventPage
from home.models import HomePagePartner
from offers.models import OfferPage
from organisations.models import Organisation
from resources.models import Resource

CONTROLS = [chr(code) for code in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]]


@pytest.mark.parametrize("character", CONTROLS, ids=[f"U+{ord(c):04X}" for c in CONTROLS])
def test_every_direction_control_is_refused_with_a_french_message(character):
    with pytest.raises(ValidationError) as error:
        validate_no_bidi_controls(f"https://www.example.org/{character}gpj.exe")

    assert error.value.code == "bidi_control"
    assert "caractères invisibles" in error.value.messages[0]


@pytest.mark.parametrize(
    "value",
    [
        "",
        "https://www.example.org/guide",
        # Arabic and accented letters are fine: only the invisible controls are refused.
        "https://ar.example.org/دليل",
        "https://www.example.org/métiers?q=été",
    ],
)
def test_addresses_without_them_pass(value):
    validate_no_bidi_controls(value)


@pytest.mark.parametrize(
    ("model", "field"),
    [
        (Resource, "url"),
        (Organisation, "website"),
        (OfferPage, "application_url"),
        (EventPage, "online_url"),
        (HomePagePartner, "url"),
    ],
)
def test_the_web_addresses_editors_and_members_fill_are_checked(model, field):
    """Their admin and extranet forms take the model field's validators."""
    assert validate_no_bidi_controls in model._meta.get_field(field).validators


def test_an_employers_website_with_one_is_refused_by_the_model(db):
    organisation = Organisation(name="Logistique du Canal", website="https://a.example/\u202ex")

    with pytest.raises(ValidationError) as error:
        organisation.full_clean()

    assert "website" in error.value.message_dict
