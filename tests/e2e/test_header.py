"""The phone-first header (issue 14), on the site deployed as documented: on a 360×740 phone the
brand, the search and the « Menu » button take at most a quarter of the first screen on the home
page, the offers listing and an offer, JavaScript on and off; the menu opens without JavaScript
and leads to the other languages and « Espace membres »; « Ça m'intéresse » is on an offer's
first screen; on a desktop the menu is laid out in the header, no button to press. Screenshots of
each phone header are kept in the test's temporary folder; axe checks each page, phone and
desktop."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser import conftest as browser_conftest

# A quarter of a 740 px screen.
HEADER_MAX_HEIGHT = 185
FIRST_SCREEN_HEIGHT = 740

# The browser tests' axe check (WCAG 2.1 A and AA), as a fixture of this module.
assert_no_axe_violations = browser_conftest.assert_no_axe_violations


def header_pages(deployed):
    return {
        "accueil": "/",
        "offres": deployed.content["header_listing_path"],
        "offre": deployed.content["header_offer_path"],
    }


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_the_phone_header_takes_a_quarter_of_the_first_screen(
    deployed, visit, tmp_path, javascript
):
    page = visit("phone", javascript=javascript)
    for name, path in header_pages(deployed).items():
        page.goto(path)
        header = page.locator("header.site-header")
        page.screenshot(path=tmp_path / f"entete-{name}-{'js' if javascript else 'sans-js'}.png")
        height = header.bounding_box()["height"]
        assert height <= HEADER_MAX_HEIGHT, f"{path}: the header is {height} px high"
        # The brand, the search and the button, all on the first screen.
        for part in [
            page.locator(".site-header .brand"),
            page.get_by_role("searchbox", name="Rechercher sur le site"),
            page.get_by_role("button", name="Rechercher"),
            page.locator(".site-menu__toggle"),
        ]:
            expect(part).to_be_visible()
            box = part.bounding_box()
            assert box["y"] + box["height"] <= HEADER_MAX_HEIGHT
        # Folded: the menu's links wait behind the button.
        expect(page.get_by_role("link", name="Espace membres")).to_be_hidden()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_interested_is_on_an_offers_first_screen(deployed, visit, javascript):
    page = visit("phone", javascript=javascript)
    page.goto(deployed.content["header_offer_path"])
    button = page.locator("main").get_by_role("link", name="Ça m'intéresse").first
    expect(button).to_be_visible()
    box = button.bounding_box()
    assert box["y"] + box["height"] <= FIRST_SCREEN_HEIGHT
    button.click()
    expect(page).to_have_url(re.compile("#postuler$"))


def test_the_menu_opens_without_javascript_and_leads_to_languages_and_members(
    deployed, visit, tmp_path
):
    page = visit("phone", javascript=False)
    page.goto(deployed.content["header_listing_path"])
    # <summary> has no ARIA role of its own: browsers expose it as a disclosure button.
    toggle = page.locator("summary", has_text="Menu")
    toggle.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".site-menu")).to_have_attribute("open", "")
    menu = page.get_by_role("navigation", name="Menu principal")
    expect(menu.get_by_role("link", name="Offres d'emploi")).to_be_visible()
    expect(menu.get_by_role("link", name="Offres d'emploi")).to_have_attribute(
        "aria-current", "page"
    )
    expect(page.get_by_role("navigation", name="Langues").get_by_role("link")).to_have_count(2)
    page.screenshot(path=tmp_path / "menu-ouvert.png")

    # The same button closes it.
    toggle.click()
    expect(page.get_by_role("link", name="Espace membres")).to_be_hidden()

    toggle.click()
    page.get_by_role("link", name="العربية").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.locator(".site-menu__toggle").click()
    page.get_by_role("link", name="Français").click()
    page.wait_for_load_state()

    toggle.click()
    page.get_by_role("link", name="Espace membres").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text("Espace membres : se connecter")


def test_on_a_desktop_the_menu_is_laid_out_in_the_header(deployed, visit):
    page = visit("desktop")
    page.goto("/")
    expect(page.locator(".site-menu__toggle")).to_be_hidden()
    expect(page.get_by_role("link", name="Espace membres")).to_be_visible()
    expect(page.get_by_role("navigation", name="Langues").get_by_role("link").first).to_be_visible()
    menu_links = page.get_by_role("navigation", name="Menu principal").get_by_role("link")
    expect(menu_links.first).to_be_visible()
    # One or two rows of links, not a column.
    tops = {round(box["y"]) for box in (link.bounding_box() for link in menu_links.all())}
    assert len(tops) <= 2


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_the_header_pages_pass_axe(deployed, visit, viewport, assert_no_axe_violations):
    # axe runs in the page: JavaScript on.
    page = visit(viewport)
    for path in header_pages(deployed).values():
        page.goto(path)
        assert_no_axe_violations(page)
