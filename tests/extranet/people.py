"""The people of the extranet's tests, shared by every app built on it (extranet, resources,
project holders): two organisations, their members and admins, a coordinator with two-factor
authentication set up, and someone signed in who belongs nowhere.

A pytest plugin (tests/conftest.py lists it in pytest_plugins), so that each app's tests ask
for the same people by the same names.
"""

import pytest

from tests.extranet.factories import (
    CoordinatorFactory,
    MembershipFactory,
    UserFactory,
    activate_totp,
)
from tests.organisations.factories import OrganisationFactory


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Régie de quartier des Francs-Moisins")


@pytest.fixture
def other_organisation(db):
    return OrganisationFactory(name="Entrepôts du Canal")


@pytest.fixture
def org_admin(organisation):
    return MembershipFactory(organisation=organisation, admin=True, user__first_name="Aïcha").user


@pytest.fixture
def member(organisation):
    return MembershipFactory(organisation=organisation, user__first_name="Bruno").user


@pytest.fixture
def other_member(other_organisation):
    return MembershipFactory(organisation=other_organisation, user__first_name="Chloé").user


@pytest.fixture
def other_admin(other_organisation):
    return MembershipFactory(
        organisation=other_organisation, admin=True, user__first_name="Driss"
    ).user


@pytest.fixture
def coordinator(db):
    """A coordinator who has set up two-factor authentication (tests sign in with force_login)."""
    user = CoordinatorFactory(email="coordination@example.org")
    activate_totp(user)
    return user


@pytest.fixture
def outsider(db):
    """Signed in, but in no organisation."""
    return UserFactory()
