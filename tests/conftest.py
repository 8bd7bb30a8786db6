"""Fixtures shared by the whole suite."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings
from django.utils import translation

from tests.storages import local_storages

# The extranet's people (organisations, members, admins, a coordinator), shared by every app
# built on the extranet.
pytest_plugins = ["tests.extranet.people"]


@pytest.fixture(scope="session", autouse=True)
def media_in_a_temporary_directory(tmp_path_factory):
    """Images and documents the tests upload, and the files members share (private storage), go
    to directories deleted with the test run's."""
    media_root = tmp_path_factory.mktemp("media")
    private_root = tmp_path_factory.mktemp("private")
    with override_settings(
        MEDIA_ROOT=media_root,
        PRIVATE_MEDIA_ROOT=private_root,
        STORAGES={
            **local_storages(media_root, private_root),
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    ):
        yield media_root


@pytest.fixture(autouse=True)
def empty_cache():
    """Wagtail caches site root paths and renditions, and the search its vocabulary (two tests'
    pages may share a count and a date): a test must not see another's."""
    from search.vocabulary import forget_vocabularies

    cache.clear()
    forget_vocabularies()
    yield
    cache.clear()
    forget_vocabularies()


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    """Tests change content between two requests without publishing it: the page cache would
    answer the second one from the first. The `page_cache` fixture turns it on."""
    settings.PAGE_CACHE = False


@pytest.fixture
def page_cache(settings):
    """The page cache on, as in production, with its production lifetimes."""
    settings.PAGE_CACHE = True
    settings.PAGE_CACHE_MAX_AGE = 60
    settings.PAGE_CACHE_SHARED_MAX_AGE = 300
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture(autouse=True)
def french_by_default():
    """Each test starts in French, whatever language the previous test's requests activated."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture
def client():
    """Django's test client, with a force_login that includes the two-factor step
    (tests/clients.py)."""
    from tests.clients import SignInClient

    return SignInClient()


@pytest.fixture(scope="session")
def playwright():
    """Playwright's sync API, once per test process: tests/browser and tests/e2e each launch
    their Chromium from it (two would not run in one thread). Debian's /usr/bin/chromium, never
    a downloaded browser."""
    import os

    from tests.browser.conftest import CHROMIUM, TIMEOUT_MS

    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: install Debian's chromium package."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)

    from playwright.sync_api import expect, sync_playwright

    # `expect` waits 5 s by default, whatever the contexts say: as long as an action may take.
    expect.set_options(timeout=TIMEOUT_MS)
    # Playwright's sync API keeps an event loop running in the main thread, where the tests also
    # use the ORM (the browser tests build their data, later tests of the process theirs):
    # Django would refuse that without this.
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as running:
            yield running
