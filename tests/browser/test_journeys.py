"""What a resident does with the site on a cheap phone, with and without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_a_resident_finds_the_sponsorship_page_from_the_home_page(new_page, site_pages, javascript):
    page = new_page("phone", javascript=javascript)

    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text(site_pages["home"].mission)
    page.locator(".entry-points").get_by_role("link", name="Je cherche un emploi").click()

    expect(page).to_have_url(re.compile(re.escape(site_pages["jobs"].url) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Je cherche un emploi")

    page.get_by_role("searchbox", name="Rechercher sur le site").fill("parrainage")
    page.get_by_role("search", name="Rechercher sur le site").get_by_role(
        "button", name="Rechercher"
    ).click()

    expect(page).to_have_url(re.compile(r"/recherche/\?q=parrainage$"))
    results = page.locator("ol.results")
    expect(results.get_by_role("link")).to_have_count(1)
    results.get_by_role("link", name="Le parrainage").click()

    expect(page).to_have_url(re.compile(re.escape(site_pages["sponsorship"].url) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Le parrainage")
    expect(page.get_by_text("Le parrainage dure six mois.")).to_be_visible()


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_the_skip_link_is_the_first_stop_and_leads_to_the_content(new_page, site_pages, viewport):
    page = new_page(viewport)
    page.goto(site_pages["sponsorship"].url)

    page.keyboard.press("Tab")

    skip_link = page.get_by_role("link", name="Aller au contenu")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()

    page.keyboard.press("Enter")

    expect(page.locator("main")).to_be_focused()
    expect(page).to_have_url(re.compile("#contenu$"))
