"""The coordinator's promise: a project holder erased today is in no backup once the backups
made before have reached BACKUP_RETENTION_DAYS — what docs/backups.md tells the people."""

import datetime
import io
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError

from backups.contents import backups_holding, stream_holds
from tests.project_holders.factories import FollowUpNoteFactory, ProjectHolderFactory

FIRST_DAY = datetime.datetime(2026, 3, 1, 4, 30, tzinfo=datetime.UTC)


def backup_on(day, directory):
    with time_machine.travel(FIRST_DAY + datetime.timedelta(days=day), tick=False):
        out = StringIO()
        call_command("backup", directory=str(directory), stdout=out)
    return Path(out.getvalue().splitlines()[0])


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("passphrase", ["", "phrase de passe des sauvegardes"])
def test_an_erased_project_holder_leaves_the_backups_after_the_retention_days(
    settings, backup_directory, passphrase
):
    settings.BACKUP_RETENTION_DAYS = 7
    settings.BACKUP_ENCRYPTION_PASSPHRASE = passphrase
    holder = ProjectHolderFactory(
        name="Mariama Sauvegardée", email="mariama.sauvegarde@example.org"
    )
    FollowUpNoteFactory(holder=holder, text="Rendez-vous avec Mariama Sauvegardée au local.")
    before = backup_on(0, backup_directory)
    assert backups_holding("Mariama Sauvegardée", backup_directory) == [before]

    holder.anonymise()
    after = backup_on(1, backup_directory)

    # The next backup no longer holds her; the one made before still does, for 7 days.
    for trace in ("Mariama Sauvegardée", "mariama.sauvegarde@example.org"):
        assert backups_holding(trace, backup_directory) == [before]
    backup_on(6, backup_directory)
    assert backups_holding("Mariama Sauvegardée", backup_directory) == [before]

    backup_on(7, backup_directory)
    assert not before.exists()
    assert after.exists()
    for trace in ("Mariama Sauvegardée", "mariama.sauvegarde@example.org"):
        assert backups_holding(trace, backup_directory) == []


@pytest.mark.django_db(transaction=True)
def test_find_lists_the_backups_holding_a_text_and_fails_while_any_does(backup_directory):
    ProjectHolderFactory(name="Awa Retrouvée")
    folder = backup_on(0, backup_directory)

    out = StringIO()
    with pytest.raises(CommandError, match="1 sauvegarde"):
        call_command("backup", directory=str(backup_directory), find="Awa Retrouvée", stdout=out)
    assert out.getvalue().splitlines() == [str(folder)]

    out = StringIO()
    call_command("backup", directory=str(backup_directory), find="Personne d'autre", stdout=out)
    assert out.getvalue().strip() == "Aucune sauvegarde ne contient ce texte."


@pytest.mark.parametrize("size", [1, 2, 3, 5])
def test_a_text_is_found_across_chunks(size):
    stream = io.BytesIO(b"...Mariama Sauvegardee...")
    assert stream_holds(stream, b"Mariama Sauvegardee", chunk=size)
    stream.seek(0)
    assert not stream_holds(stream, b"Awa", chunk=size)
