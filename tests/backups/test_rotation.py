"""The backup command deletes the backups made BACKUP_RETENTION_DAYS days ago or more, and
nothing else: not the backup it just made, not what else is in the folder, nothing when it
failed."""

import datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db(transaction=True)

FIRST_DAY = datetime.datetime(2026, 3, 1, 3, 30, tzinfo=datetime.UTC)


def backup_on(day, directory):
    with time_machine.travel(FIRST_DAY + datetime.timedelta(days=day), tick=False):
        out = StringIO()
        call_command("backup", directory=str(directory), stdout=out)
    lines = out.getvalue().splitlines()
    return lines[0], lines[1:]


def names(directory):
    return sorted(path.name for path in directory.iterdir())


def test_backups_are_kept_retention_days_then_deleted(settings, backup_directory):
    settings.BACKUP_RETENTION_DAYS = 3
    backup_directory.mkdir()
    (backup_directory / "notes.txt").write_text("à garder")
    (backup_directory / "20200101-ancienne-copie").mkdir()

    for day in range(3):
        backup_on(day, backup_directory)
    assert names(backup_directory) == [
        "20200101-ancienne-copie",
        "20260301-033000",
        "20260302-033000",
        "20260303-033000",
        "notes.txt",
    ]

    newest, deleted = backup_on(3, backup_directory)

    assert newest.endswith("20260304-033000")
    assert deleted == [f"Supprimée (plus de 3 jours) : {backup_directory / '20260301-033000'}"]
    assert names(backup_directory) == [
        "20200101-ancienne-copie",
        "20260302-033000",
        "20260303-033000",
        "20260304-033000",
        "notes.txt",
    ]


def test_zero_days_keeps_only_the_backup_just_made(settings, backup_directory):
    settings.BACKUP_RETENTION_DAYS = 0
    backup_on(0, backup_directory)
    backup_on(0, backup_directory)  # same second: a folder of its own
    assert names(backup_directory) == ["20260301-033000-2"]
    backup_on(1, backup_directory)
    assert names(backup_directory) == ["20260302-033000"]


def test_what_a_failed_backup_left_is_deleted_the_next_day(settings, backup_directory):
    settings.BACKUP_RETENTION_DAYS = 30
    backup_directory.mkdir()
    (backup_directory / "20260301-033000.incomplete").mkdir()
    (backup_directory / "20260302-010000.incomplete").mkdir()
    backup_on(1, backup_directory)
    # Today's may be a backup still being written; yesterday's is a failure's leftover.
    assert names(backup_directory) == ["20260302-010000.incomplete", "20260302-033000"]


def test_a_failed_backup_deletes_nothing(settings, backup_directory):
    settings.BACKUP_RETENTION_DAYS = 1
    backup_on(0, backup_directory)
    settings.BACKUP_ENCRYPTION_KEY_FILE = str(backup_directory / "missing-key.asc")
    with pytest.raises(CommandError, match="gpg a échoué"):
        backup_on(5, backup_directory)
    # The last good backup stays, and the failed one leaves nothing behind.
    assert names(backup_directory) == ["20260301-033000"]


def test_list_says_when_each_backup_goes(settings, backup_directory):
    settings.BACKUP_RETENTION_DAYS = 30
    backup_on(0, backup_directory)
    out = StringIO()
    call_command("backup", directory=str(backup_directory), list_only=True, stdout=out)
    line = out.getvalue().strip()
    assert line.startswith(str(backup_directory / "20260301-033000"))
    assert "non chiffrée" in line
    assert "supprimée par la sauvegarde du 2026-03-31 ou d'après" in line
