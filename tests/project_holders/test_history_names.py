"""A holder's history names what a field pointed at, even when that record is gone or was never
set: never django-simple-history's « Deleted Organisation (pk=None) »."""

import pytest

from project_holders.history import holder_entries
from tests.organisations.factories import OrganisationFactory
from tests.project_holders.factories import ProjectHolderFactory

pytestmark = pytest.mark.django_db

LABEL = "Organisation qui accompagne"


def accompanying_changes(holder):
    return [
        (change.old, change.new)
        for entry in holder_entries(holder)
        for change in entry.changes
        if change.label == LABEL
    ]


def test_an_organisation_chosen_where_there_was_none_reads_from_a_dash():
    holder = ProjectHolderFactory(accompanying_organisation=None)
    holder.accompanying_organisation = OrganisationFactory(name="Coopérative Ouvre-Boîtes")
    holder.save()

    assert accompanying_changes(holder) == [("—", "Coopérative Ouvre-Boîtes")]


def test_a_deleted_organisation_reads_organisation_supprimee():
    holder = ProjectHolderFactory(accompanying_organisation=None)
    first = OrganisationFactory(name="Coopérative Ouvre-Boîtes")
    holder.accompanying_organisation = first
    holder.save()
    holder.accompanying_organisation = OrganisationFactory(name="Pépinière ESS 93")
    holder.save()
    first.delete()

    changes = accompanying_changes(holder)

    assert changes == [
        ("—", "organisation supprimée"),
        ("organisation supprimée", "Pépinière ESS 93"),
    ]
    assert not any("Deleted" in text or "pk=" in text for change in changes for text in change)
