"""`manage.py check` says, at deployment, what would make the nightly backup fail or keep erased
data longer than the site does."""

from backups.checks import backup_settings


def ids(settings):
    return [problem.id for problem in backup_settings(None)]


def test_the_default_settings_raise_nothing(settings):
    settings.BACKUP_RETENTION_DAYS = 30
    settings.BACKUP_ENCRYPTION_KEY_FILE = ""
    assert ids(settings) == []


def test_a_missing_public_key_file_is_an_error(settings, tmp_path):
    settings.BACKUP_ENCRYPTION_KEY_FILE = str(tmp_path / "absente.asc")
    assert "backups.E002" in ids(settings)


def test_backups_kept_longer_than_personal_data_are_a_warning(settings):
    settings.EVENT_REGISTRATION_RETENTION_DAYS = 90
    settings.INTEREST_RETENTION_DAYS = 365
    settings.BACKUP_RETENTION_DAYS = 91
    assert ids(settings) == ["backups.W001"]
    settings.BACKUP_RETENTION_DAYS = -1
    assert ids(settings) == ["backups.E003"]
