"""The end-to-end suite: the site deployed as docs/deploy.md says (tests/e2e/stack.py), walked
in Chromium by each persona, e-mails included.

One stack for the whole suite, started once (about a minute and a half) in the PostgreSQL pass of
`make test`; its tests share one xdist group, so they run in one process, one after the other.
"""

import os

import pytest

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, fresh_pages

POSTGRES_URL = os.environ.get("DATABASE_URL", "")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Before xdist's own hook, which reads the groups (--dist loadgroup)."""
    for item in items:
        if "tests/e2e/" in str(item.path):
            item.add_marker(pytest.mark.xdist_group("e2e"))
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def deployed(tmp_path_factory):
    if not POSTGRES_URL.startswith(("postgres://", "postgresql://")):
        pytest.skip("runs with the PostgreSQL pass of `make test` (DATABASE_URL=postgres://…)")
    from tests.e2e.stack import Stack

    stack = Stack(tmp_path_factory.mktemp("e2e"))
    try:
        stack.start()
        yield stack
    finally:
        stack.stop()


@pytest.fixture(scope="session")
def e2e_browser(deployed, playwright):
    """A Chromium of its own: its resolver sends the site's names to the stack's nginx."""
    chromium = playwright.chromium.launch(
        executable_path=str(CHROMIUM),
        args=[*CHROMIUM_ARGS, f"--host-resolver-rules={deployed.host_rules()}"],
    )
    yield chromium
    chromium.close()


@pytest.fixture
def visit(deployed, e2e_browser):
    """`visit("phone")`: a page in a fresh browser context at https://www.dynamique-emploi.fr,
    `javascript=False` to turn scripts off. The certificate is the test's own: not trusted."""
    from tests.e2e.stack import ORIGIN

    with fresh_pages(e2e_browser, ORIGIN, ignore_https_errors=True) as open_page:
        yield open_page
