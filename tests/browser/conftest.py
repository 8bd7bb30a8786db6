"""Playwright's sync API driving Debian's Chromium, one browser per test session.

Never `playwright install`: the browser is the system's /usr/bin/chromium. Each test gets fresh
contexts (cookies, viewport, JavaScript on or off) from the shared browser.
"""

from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# A cheap phone, as most residents have, and an office screen.
VIEWPORTS = {
    "phone": {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1280, "height": 800}},
}
# Only the WCAG 2.1 A and AA rules: what the RGAA requires, without axe's best-practice opinions.
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
# Generous enough for a loaded 2-core machine, short enough that a hang fails quickly.
TIMEOUT_MS = 15_000


@pytest.fixture(scope="session")
def browser(playwright):
    chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()


@contextmanager
def fresh_pages(browser, base_url, **options):
    """Yields `open_page(viewport, javascript=True)`: a page in a fresh context (cookies,
    viewport, JavaScript on or off) at `base_url`; every context is closed at the end."""
    contexts = []

    def open_page(viewport="desktop", *, javascript=True):
        context = browser.new_context(
            base_url=base_url,
            java_script_enabled=javascript,
            locale="fr-FR",
            **options,
            **VIEWPORTS[viewport],
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    try:
        yield open_page
    finally:
        for context in contexts:
            context.close()


@pytest.fixture
def new_page(browser, live_server):
    """`new_page("phone")` opens a page in a fresh context; `javascript=False` turns JS off."""
    with fresh_pages(browser, live_server.url) as open_page:
        yield open_page


@pytest.fixture
def assert_no_axe_violations():
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page):
        # Closed <details> hide their answers from axe's contrast checks: open them all, then
        # close them again, so that the journey goes on with the page as the visitor left it
        # (an open menu would cover the page on a phone).
        page.evaluate(
            "window.__closedByAxe = [...document.querySelectorAll('details:not([open])')];"
            "window.__closedByAxe.forEach(d => { d.open = true; })"
        )
        violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
        page.evaluate("window.__closedByAxe.forEach(d => { d.open = false; })")
        report = []
        for violation in violations:
            report.append(
                f"[{violation['id']}] impact={violation['impact']}: {violation['help']}"
                f" ({violation['helpUrl']})"
            )
            report.extend(
                f"    {', '.join(map(str, node['target']))}: {node['html'][:200]}"
                for node in violation["nodes"]
            )
        if violations:
            pytest.fail(
                f"axe found {len(violations)} violation(s) on {page.url}:\n" + "\n".join(report),
                pytrace=False,
            )

    return check


@pytest.fixture
def private_storage(settings, tmp_path):
    """The files members share in this test's own directory, not in the whole run's (see
    tests/conftest.py), so that none of them is left for the next test's live server."""
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": None},
        },
    }
    return tmp_path / "private"


@pytest.fixture
def site_pages(live_server):
    """A small French site, built on the flushed database of every live-server test.

    Factories rather than `load_demo`: the same pages in a fifth of the time. The home page's
    doors lead to pages of the site (the factories' defaults point to another host, which the
    browser cannot reach).
    """
    from tests.core.factories import SiteSettingsFactory
    from tests.home.factories import (
        HomePagePartnerFactory,
        StandardPageFactory,
        create_site,
        entry_point_data,
        rich_text_data,
    )

    home = create_site(with_hero_image=True)
    jobs = StandardPageFactory(
        parent=home,
        title="Je cherche un emploi",
        introduction="Un conseiller vous reçoit sans rendez-vous et vous aide.",
        in_menu=True,
    )
    sponsorship = StandardPageFactory(
        parent=jobs,
        title="Le parrainage",
        introduction="Un salarié d'une entreprise vous aide à trouver un emploi.",
        body=[rich_text_data("<p>Le parrainage dure six mois. Il est gratuit.</p>")],
        in_menu=True,
        with_listing_image=True,
    )
    recruit = StandardPageFactory(parent=home, title="Je recrute", in_menu=True)
    every_block = StandardPageFactory(
        parent=home, title="Le pôle de coopération", in_menu=True, with_every_block=True
    )
    statement = StandardPageFactory(parent=home, title="Déclaration d'accessibilité")
    home.entry_points = [
        entry_point_data(
            "Je cherche un emploi", "Un conseiller vous aide à trouver un travail.", page=jobs
        ),
        entry_point_data("Je recrute", "Nous vous présentons des candidats.", page=recruit),
        entry_point_data(
            "Je porte un projet ESS", "Nous accompagnons votre projet.", page=every_block
        ),
    ]
    home.save()
    for name in ["Mission locale", "Ville de Saint-Denis"]:
        HomePagePartnerFactory(page=home, name=name)
    SiteSettingsFactory(accessibility_statement_page=statement)
    return {"home": home, "jobs": jobs, "sponsorship": sponsorship, "every_block": every_block}
