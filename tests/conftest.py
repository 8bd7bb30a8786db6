"""Fixtures shared by the whole suite."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings
from django.utils import translation


@pytest.fixture(scope="session", autouse=True)
def media_in_a_temporary_directory(tmp_path_factory):
    """Images and documents the tests upload go to a directory deleted with the test run's."""
    media_root = tmp_path_factory.mktemp("media")
    with override_settings(
        MEDIA_ROOT=media_root,
        STORAGES={
            "default": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": media_root},
            },
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    ):
        yield media_root


@pytest.fixture(autouse=True)
def empty_cache():
    """Wagtail caches site root paths and renditions: a test must not see another's rows."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def french_by_default():
    """Each test starts in French, whatever language the previous test's requests activated."""
    with translation.override(settings.LANGUAGE_CODE):
        yield
