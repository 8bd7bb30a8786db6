"""Factories for the organisations of the hub's network (employers, insertion structures…).

employer = OrganisationFactory()                     # a public company with a valid SIRET
OrganisationFactory(not_public=True)                 # never named on the public site
OrganisationFactory(insertion=True, name="Régie de quartier")
siret = valid_siret(42)                              # 14 digits whose Luhn checksum holds
"""

import factory

from organisations.enums import OrganisationKind
from organisations.models import Organisation
from organisations.validators import LA_POSTE_SIREN, luhn_is_valid


def with_luhn_digit(first_thirteen_digits):
    """The 14-digit SIRET whose last digit makes the Luhn checksum hold."""
    for check_digit in "0123456789":
        candidate = f"{first_thirteen_digits}{check_digit}"
        if luhn_is_valid(candidate):
            return candidate
    raise AssertionError("One of ten check digits always completes a Luhn number.")


def valid_siret(number):
    """A made-up but valid SIRET, different for each number (never one of La Poste's)."""
    first_thirteen = f"8{number:012d}"
    assert not first_thirteen.startswith(LA_POSTE_SIREN)
    return with_luhn_digit(first_thirteen)


class OrganisationFactory(factory.django.DjangoModelFactory):
    """A company of the network that agreed to be named on the public site."""

    name = factory.Sequence(lambda n: f"Entreprise {n}")
    kind = OrganisationKind.COMPANY
    siret = factory.Sequence(valid_siret)
    address = "12 rue des Tisserands"
    commune = "Saint-Denis"
    description = "Une entreprise du territoire qui recrute près de chez vous."
    website = "https://example.org/"
    is_public = True
    is_archived = False

    class Meta:
        model = Organisation

    class Params:
        public = factory.Trait(is_public=True)
        not_public = factory.Trait(is_public=False)
        archived = factory.Trait(is_archived=True)
        insertion = factory.Trait(kind=OrganisationKind.INSERTION)
        local_authority = factory.Trait(kind=OrganisationKind.LOCAL_AUTHORITY)
        association = factory.Trait(kind=OrganisationKind.ASSOCIATION)
        without_siret = factory.Trait(siret="")
