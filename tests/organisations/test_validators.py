"""SIRET numbers: 14 digits whose checksum holds, so that a typing mistake is caught."""

import pytest
from django.core.exceptions import ValidationError

from organisations.models import Organisation
from organisations.validators import LA_POSTE_HEAD_OFFICE, validate_siret
from tests.organisations.factories import OrganisationFactory, valid_siret


def error_code(value):
    with pytest.raises(ValidationError) as error:
        validate_siret(value)
    return error.value.code


@pytest.mark.parametrize(
    "siret",
    [
        "73282932000074",  # a real one: Luhn holds
        "732 829 320 00074",  # as people write it, with spaces
        LA_POSTE_HEAD_OFFICE,
        "35600000012346",  # a La Poste establishment: its digits add up to a multiple of 5
    ],
)
def test_valid_sirets(siret):
    validate_siret(siret)


def test_a_wrong_digit_breaks_the_checksum():
    assert error_code("73282932000075") == "siret_checksum"


def test_la_poste_establishments_follow_their_own_rule():
    # Luhn holds, but a La Poste establishment's digits must add up to a multiple of 5.
    assert error_code("35600000010013") == "siret_checksum"


@pytest.mark.parametrize("siret", ["7328293200007", "732829320000745", "7328293200007A", ""])
def test_a_siret_has_fourteen_digits(siret):
    assert error_code(siret) == "siret_length"


def test_the_factory_makes_valid_and_distinct_sirets():
    sirets = {valid_siret(number) for number in range(500)}

    assert len(sirets) == 500
    for siret in sirets:
        validate_siret(siret)


@pytest.mark.django_db
def test_two_organisations_cannot_share_a_siret_but_may_both_have_none():
    OrganisationFactory(siret=valid_siret(1))
    OrganisationFactory(without_siret=True)
    OrganisationFactory(without_siret=True)

    duplicate = Organisation(name="Doublon", kind="entreprise", siret=valid_siret(1))
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()

    assert "existe déjà" in str(error.value)


@pytest.mark.django_db
def test_only_active_public_organisations_are_shown():
    public = OrganisationFactory(public=True)
    OrganisationFactory(not_public=True)
    OrganisationFactory(archived=True)

    assert list(Organisation.objects.shown_publicly()) == [public]
