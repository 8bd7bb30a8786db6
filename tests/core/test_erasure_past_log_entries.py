"""Erased before the admin's log stopped naming people: the migrations relabel those entries."""

import importlib

import pytest
from django.apps import apps
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, Site

from tests.events.factories import EventPageFactory, RegistrationFactory
from tests.home.factories import create_site
from tests.offers.factories import InterestFactory

pytestmark = pytest.mark.django_db

NAME = "Zénobie Quartzfeld"


def run_migration(app_label, name):
    migration = importlib.import_module(f"{app_label}.migrations.{name}")
    migration.relabel_log_entries(apps, None)


def logged_then_erased(record):
    """A log entry as Wagtail wrote it before: the name in its label and data. The record is then
    deleted the way the retention command did, without a word to the log."""
    entry = log(record, "wagtail.edit", title=f"{NAME} – …", data={"name": NAME})
    pk = record.pk
    type(record).objects.filter(pk=pk).delete()
    return entry, pk


def test_past_entries_of_interests_name_no_one():
    create_site()
    entry, pk = logged_then_erased(InterestFactory(name=NAME))
    other_entry = log(Site.objects.get(), "wagtail.edit")

    run_migration("offers", "0008_anonymous_log_labels")

    entry.refresh_from_db()
    assert (entry.label, entry.data) == (f"« Ça m'intéresse » n° {pk}", {})
    assert ModelLogEntry.objects.get(pk=other_entry.pk).label == other_entry.label


def test_past_entries_of_registrations_name_no_one():
    create_site()
    occurrence = EventPageFactory(registration=True).occurrences.get()
    entry, pk = logged_then_erased(RegistrationFactory(occurrence=occurrence, name=NAME))

    run_migration("events", "0007_anonymous_log_labels")

    entry.refresh_from_db()
    assert (entry.label, entry.data) == (f"Inscription n° {pk}", {})
