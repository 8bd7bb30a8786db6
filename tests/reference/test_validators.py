"""The codes editors type for trades (ROME fiche) and neighbourhoods (QPV)."""

import pytest
from django.core.exceptions import ValidationError

from reference.enums import RomeDomain
from reference.models import Trade, qpv_code_validator, rome_code_validator
from tests.reference.factories import SectorFactory

pytestmark = pytest.mark.django_db


def test_the_rome_has_fourteen_grands_domaines_from_a_to_n():
    assert [domain.value for domain in RomeDomain] == list("ABCDEFGHIJKLMN")


@pytest.mark.parametrize("code", ["N1103", "A1203", "K2204"])
def test_rome_codes_are_a_domain_letter_and_four_digits(code):
    rome_code_validator(code)


@pytest.mark.parametrize("code", ["n1103", "O1103", "Z1234", "N110", "N11034", "N 1103", "1103N"])
def test_other_rome_codes_are_refused(code):
    with pytest.raises(ValidationError):
        rome_code_validator(code)


def test_an_editor_is_told_what_a_rome_code_looks_like():
    trade = Trade(rome_code="N11", label="Magasinage", sector=SectorFactory())

    with pytest.raises(ValidationError) as error:
        trade.full_clean()

    assert "par exemple N1103" in error.value.message_dict["rome_code"][0]


@pytest.mark.parametrize("code", ["QP093001", "QN09300A"])
def test_qpv_codes(code):
    qpv_code_validator(code)


@pytest.mark.parametrize("code", ["QP93001", "QX093001", "qp093001"])
def test_other_qpv_codes_are_refused(code):
    with pytest.raises(ValidationError):
        qpv_code_validator(code)
