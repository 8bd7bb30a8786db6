"""`manage.py anonymise_project_holders`: closed more than PROJECT_HOLDER_RETENTION_YEARS ago."""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command

from project_holders.enums import HolderStatus, Outcome
from project_holders.models import ProjectHolder
from tests.project_holders.factories import FollowUpNoteFactory, ProjectHolderFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.datetime(2026, 11, 25, 9, tzinfo=datetime.UTC)


@pytest.fixture
def holders():
    return {
        "expired": ProjectHolderFactory(
            name="Ancien Porteur", closed=True, closed_on=datetime.date(2023, 11, 24)
        ),
        "abandoned": ProjectHolderFactory(
            name="Autre Ancien",
            closed=True,
            outcome=Outcome.ABANDONED,
            closed_on=datetime.date(2020, 1, 10),
            supported_on=None,
        ),
        "recent": ProjectHolderFactory(
            name="Récemment Clôturé", closed=True, closed_on=datetime.date(2023, 11, 25)
        ),
        "open": ProjectHolderFactory(
            name="Toujours Suivi",
            status=HolderStatus.SUPPORTED,
            created_at=datetime.datetime(2019, 1, 1, tzinfo=datetime.UTC),
        ),
    }


def run(*args):
    output = io.StringIO()
    call_command("anonymise_project_holders", *args, stdout=output)
    return output.getvalue()


@time_machine.travel(TODAY, tick=False)
def test_dry_run_counts_and_changes_nothing(holders):
    output = run("--dry-run")

    assert "2 porteurs de projet clôturés depuis plus de 3 ans seraient anonymisés." in output
    assert not ProjectHolder.objects.filter(anonymised_at__isnull=False).exists()


@time_machine.travel(TODAY, tick=False)
def test_expired_records_are_anonymised_and_still_counted(holders):
    FollowUpNoteFactory(holder=holders["expired"], text="Coordonnées de sa famille.")

    output = run()

    assert "2 porteurs de projet clôturés depuis plus de 3 ans anonymisés." in output
    expired = ProjectHolder.objects.get(pk=holders["expired"].pk)
    assert (expired.name, expired.phone, expired.email) == ("", "", "")
    assert expired.notes.get().text == ""
    assert not expired.history.exclude(name="").exists()
    assert (expired.status, expired.outcome) == (HolderStatus.CLOSED, Outcome.STRUCTURE_CREATED)
    assert expired.supported_on == datetime.date(2023, 11, 24)
    kept = ProjectHolder.objects.filter(anonymised_at__isnull=True)
    assert set(kept.values_list("name", flat=True)) == {"Récemment Clôturé", "Toujours Suivi"}
    assert ProjectHolder.objects.count() == 4
    # French plural rules: « 0 porteur ».
    assert "0 porteur de projet" in run()


@time_machine.travel(TODAY, tick=False)
def test_the_retention_is_a_setting(holders, settings):
    settings.PROJECT_HOLDER_RETENTION_YEARS = 5

    assert "1 porteur de projet clôturé depuis plus de 5 ans anonymisé." in run()
