"""axe-core finds no WCAG 2.1 A/AA violation on the main pages, on a phone and on a desktop."""

from urllib.parse import quote

import pytest

pytestmark = pytest.mark.browser

PAGES = {
    "home": lambda site_pages: "/",
    "standard page with every block": lambda site_pages: site_pages["every_block"].url,
    "page with child pages": lambda site_pages: site_pages["jobs"].url,
    "search results": lambda site_pages: "/recherche/?q=" + quote("emploi"),
    "search without results": lambda site_pages: "/recherche/?q=" + quote("xylophone"),
    "page not found": lambda site_pages: "/page-qui-nexiste-pas/",
}


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("page_name", PAGES)
def test_no_accessibility_violation(
    new_page, site_pages, assert_no_axe_violations, viewport, page_name
):
    page = new_page(viewport)

    response = page.goto(PAGES[page_name](site_pages))

    assert response.status == (404 if page_name == "page not found" else 200)
    assert_no_axe_violations(page)
