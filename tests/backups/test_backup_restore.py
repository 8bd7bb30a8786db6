"""`manage.py backup` then `manage.py restore`: the same content and the same files, and the
site's files replaced only when the site's own database is restored — on PostgreSQL
(pg_dump / pg_restore) and on SQLite."""

import json
import tarfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.storage import storages
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.backups.conftest import PRIVATE_FILE, PUBLIC_FILE, other_engine_url, store, stored_text
from tests.home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db(transaction=True)


def backup(directory):
    out = StringIO()
    call_command("backup", directory=str(directory), stdout=out)
    return Path(out.getvalue().splitlines()[0])


def restore(folder, **options):
    call_command("restore", str(folder), yes=True, stdout=StringIO(), **options)


def change_the_live_files(stored_files):
    storages["default"].delete(PUBLIC_FILE)
    storages["private"].delete(PRIVATE_FILE)
    store("private", PRIVATE_FILE, "écrasé")
    store("default", "images/envoyee-apres.txt", "arrivée après la sauvegarde")


def test_a_backup_holds_the_database_every_stored_file_and_a_manifest(
    stored_files, backup_directory
):
    folder = backup(backup_directory)
    assert {path.name for path in folder.iterdir()} == {
        "database.dump",
        "media.tar.gz",
        "manifest.json",
    }
    with tarfile.open(folder / "media.tar.gz") as archive:
        names = {member.name for member in archive.getmembers()}
        assert archive.extractfile(f"private/{PRIVATE_FILE}").read() == b"un compte-rendu"
    assert names == {f"media/{PUBLIC_FILE}", f"private/{PRIVATE_FILE}"}
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["encrypted"] is False
    assert manifest["stored_files"] == {"media": 1, "private": 1}


def test_restoring_into_another_database_leaves_the_site_files_alone(
    stored_files, backup_directory, fresh_database
):
    StandardPageFactory(title="Page à sauvegarder", live=True)
    folder = backup(backup_directory)
    change_the_live_files(stored_files)

    restore(folder, database_url=fresh_database.url)

    assert "Page à sauvegarder" in fresh_database.page_titles()
    # The live files are as they were just before the restore, not as in the backup.
    assert not storages["default"].exists(PUBLIC_FILE)
    assert stored_text("private", PRIVATE_FILE) == "écrasé"
    assert stored_text("default", "images/envoyee-apres.txt") == "arrivée après la sauvegarde"


def test_restoring_into_another_database_can_put_the_files_in_a_folder(
    stored_files, backup_directory, fresh_database, tmp_path
):
    folder = backup(backup_directory)
    change_the_live_files(stored_files)
    target = tmp_path / "fichiers-restaures"

    restore(folder, database_url=fresh_database.url, files_to=str(target))

    assert (target / "media" / PUBLIC_FILE).read_text() == "une image"
    assert (target / "private" / PRIVATE_FILE).read_text() == "un compte-rendu"
    for path in [target, *target.rglob("*")]:
        assert path.stat().st_mode & 0o777 == (0o700 if path.is_dir() else 0o600), path
    assert stored_text("private", PRIVATE_FILE) == "écrasé"


@pytest.mark.parametrize("inside", ["media", "private", "."])
def test_files_are_never_extracted_over_the_live_files(
    stored_files, backup_directory, fresh_database, own_storages, inside
):
    media_root, private_root = own_storages
    folder = backup(backup_directory)
    target = {"media": media_root / "verif", "private": private_root, ".": media_root.parent}

    with pytest.raises(CommandError, match="touche aux fichiers du site"):
        restore(folder, database_url=fresh_database.url, files_to=str(target[inside]))
    # Refused before anything was restored.
    assert fresh_database.table_count() == 0


def test_restoring_the_site_database_puts_the_site_files_back(stored_files, backup_directory):
    StandardPageFactory(title="Page à sauvegarder", live=True)
    folder = backup(backup_directory)
    StandardPageFactory(title="Page créée après", live=True)
    change_the_live_files(stored_files)

    restore(folder)

    from wagtail.models import Page

    titles = set(Page.objects.values_list("title", flat=True))
    assert "Page à sauvegarder" in titles
    assert "Page créée après" not in titles
    assert stored_text("default", PUBLIC_FILE) == "une image"
    assert stored_text("private", PRIVATE_FILE) == "un compte-rendu"
    # A file the restored database does not know of is gone: the storages are the backup's.
    assert not storages["default"].exists("images/envoyee-apres.txt")
    private_path = Path(storages["private"].path(PRIVATE_FILE))
    assert private_path.stat().st_mode & 0o777 == 0o600


def test_a_folder_that_is_not_a_backup_is_refused(tmp_path):
    with pytest.raises(CommandError, match="n'est pas une sauvegarde"):
        restore(tmp_path)


def test_a_backup_of_another_engine_is_refused(backup_directory):
    folder = backup(backup_directory)
    with pytest.raises(CommandError, match="Cette sauvegarde est celle d'une base"):
        restore(folder, database_url=other_engine_url())


def test_a_backup_made_by_the_previous_version_still_restores(
    stored_files, backup_directory, fresh_database, tmp_path
):
    folder = backup(backup_directory)
    # As the previous version wrote them: whole folders archived (with their own entries), and
    # a manifest without `encrypted`.
    old_style = tmp_path / "ancienne"
    (old_style / "media" / "images").mkdir(parents=True)
    (old_style / "media" / PUBLIC_FILE).write_text("une image")
    (old_style / "private").mkdir()
    with tarfile.open(folder / "media.tar.gz", "w:gz") as archive:
        archive.add(old_style / "media", arcname="media")
        archive.add(old_style / "private", arcname="private")
    manifest = json.loads((folder / "manifest.json").read_text())
    del manifest["encrypted"], manifest["stored_files"], manifest["format"]
    (folder / "manifest.json").write_text(json.dumps(manifest))
    target = tmp_path / "fichiers"

    restore(folder, database_url=fresh_database.url, files_to=str(target))

    assert (target / "media" / PUBLIC_FILE).read_text() == "une image"
    assert fresh_database.table_count() > 0
