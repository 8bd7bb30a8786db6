"""A private storage of each test's own (the people are in tests/extranet/people.py)."""

import pytest


@pytest.fixture(autouse=True)
def private_storage_in_a_temporary_directory(settings, tmp_path):
    """Each test's private files in its own directory, next to a MEDIA_ROOT of its own.

    tests/conftest.py gives the whole run one; here each test gets its own, so that a test
    can check exactly which files are stored. Its other options (the files' and folders'
    permissions) are the run's, themselves those of the settings.
    """
    configured = settings.STORAGES["private"].get("OPTIONS", {})
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "media"},
        },
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {**configured, "location": tmp_path / "private", "base_url": None},
        },
    }
    return tmp_path / "private"
