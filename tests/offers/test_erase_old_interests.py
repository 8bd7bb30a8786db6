"""Residents' details are erased once the retention period their consent names is over."""

import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.test import override_settings

from offers.models import Interest
from tests.home.factories import create_site
from tests.offers.factories import InterestFactory

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
START = datetime.datetime(2026, 1, 5, 10, 0, tzinfo=PARIS)


def erase(*args):
    output = StringIO()
    call_command("erase_old_interests", *args, stdout=output)
    return output.getvalue()


@pytest.fixture
def interests(time_machine):
    """One interest sent on 5 January, one on 5 February, one on 5 March (time-machine)."""
    create_site()
    sent = []
    for month in (1, 2, 3):
        time_machine.move_to(START.replace(month=month), tick=False)
        sent.append(InterestFactory(name=f"Habitant du mois {month}"))
    return sent


@override_settings(INTEREST_RETENTION_DAYS=60)
def test_interests_older_than_the_retention_period_are_erased(interests, time_machine):
    _january, february, march = interests
    # 60 days after 5 January at 10:00 is 6 March at 10:00: January's is one hour past it.
    time_machine.move_to(datetime.datetime(2026, 3, 6, 11, 0, tzinfo=PARIS), tick=False)

    output = erase()

    assert set(Interest.objects.all()) == {february, march}
    assert "1 « Ça m'intéresse » de plus de 60 jours effacé." in output


@override_settings(INTEREST_RETENTION_DAYS=60)
def test_nothing_is_erased_a_minute_early(interests, time_machine):
    time_machine.move_to(datetime.datetime(2026, 3, 6, 9, 59, tzinfo=PARIS), tick=False)

    output = erase()

    assert Interest.objects.count() == 3
    assert "0 « Ça m'intéresse »" in output


@override_settings(INTEREST_RETENTION_DAYS=30)
def test_several_at_once(interests, time_machine):
    time_machine.move_to(datetime.datetime(2026, 4, 1, 8, 0, tzinfo=PARIS), tick=False)

    output = erase()

    assert list(Interest.objects.values_list("name", flat=True)) == ["Habitant du mois 3"]
    assert "2 « Ça m'intéresse » de plus de 30 jours effacés." in output


@override_settings(INTEREST_RETENTION_DAYS=30)
def test_a_dry_run_only_counts(interests, time_machine):
    time_machine.move_to(datetime.datetime(2026, 4, 1, 8, 0, tzinfo=PARIS), tick=False)

    output = erase("--dry-run")

    assert Interest.objects.count() == 3
    assert "2 « Ça m'intéresse » de plus de 30 jours seraient effacés." in output
