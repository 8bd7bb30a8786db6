"""Two-factor enforcement turned on for the extranet's tests; the people are in
tests/extranet/people.py."""

import pytest


@pytest.fixture(autouse=True)
def two_factor_required(settings):
    """As in production (test.py turns it off for the other apps' force_login tests)."""
    settings.TWO_FACTOR_REQUIRED = True
