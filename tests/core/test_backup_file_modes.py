"""A backup holds everybody's data: only the site's account may read it (issue 12). Lives here
rather than in tests/backups/ for the time of issue 12 (one helper per folder)."""

import os
import stat

import pytest

from backups.archive import make_backup, restore_files


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def files(settings, tmp_path):
    """A public upload and a private file left 0644 by an older private storage."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    public = settings.MEDIA_ROOT / "images" / "affiche.txt"
    private = settings.PRIVATE_MEDIA_ROOT / "ressources" / "compte-rendu.txt"
    previous = os.umask(0o022)
    try:
        for path in (public, private):
            path.parent.mkdir(parents=True)
            path.write_text("contenu", encoding="utf-8")
    finally:
        os.umask(previous)
    return public, private


@pytest.fixture
def loose_umask():
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_a_backup_is_readable_by_the_sites_account_only(db, files, tmp_path, loose_umask):
    folder = make_backup(tmp_path / "sauvegardes")

    assert mode(tmp_path / "sauvegardes") == 0o700
    assert mode(folder) == 0o700
    assert {path.name: mode(path) for path in folder.iterdir()} == {
        "database.dump": 0o600,
        "media.tar.gz": 0o600,
        "manifest.json": 0o600,
    }


def test_restored_private_files_are_the_sites_accounts_only(db, files, tmp_path, loose_umask):
    public, private = files
    folder = make_backup(tmp_path / "sauvegardes")

    restore_files(folder)

    assert private.read_text(encoding="utf-8") == "contenu"
    assert mode(private) == 0o600
    assert mode(private.parent) == 0o700
    assert mode(private.parent.parent) == 0o700
    # Public uploads are served by the web server: they keep their modes.
    assert mode(public) == 0o644
