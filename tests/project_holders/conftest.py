"""The project holders' tests: two-factor enforced, an accompanying organisation and its member,
and a holder registered by `organisation` (the other people are in tests/extranet/people.py)."""

import pytest
from bs4 import BeautifulSoup

from tests.extranet.factories import MembershipFactory
from tests.organisations.factories import OrganisationFactory
from tests.project_holders.factories import ProjectHolderFactory


@pytest.fixture(autouse=True)
def two_factor_required(settings):
    """As in production: coordinators have set up two-factor authentication (see coordinator)."""
    settings.TWO_FACTOR_REQUIRED = True


@pytest.fixture
def accompanying_organisation(db):
    return OrganisationFactory(name="Coopérative d'activités Ouvre-Boîtes")


@pytest.fixture
def accompanying_member(accompanying_organisation):
    return MembershipFactory(organisation=accompanying_organisation, user__first_name="Élise").user


@pytest.fixture
def holder(organisation, member):
    return ProjectHolderFactory(
        name="Aminata Koné",
        phone="06 12 34 56 78",
        email="aminata@example.org",
        project_name="Traiteur des Francs-Moisins",
        registered_by=member,
        consent_collected_by=member,
        registered_by_organisation=organisation,
    )


def parse(response):
    return BeautifulSoup(response.content, "html.parser")
