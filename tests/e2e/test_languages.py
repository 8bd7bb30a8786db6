"""A resident who reads Arabic finds every offer, on the site deployed as documented (issue 14).

On a 360×740 phone the Arabic listing (right to left) shows the offers nobody has translated yet,
in French and marked so, beside the translated ones; the resident opens one, reads the notice
that it is not translated, its French text (lang="fr") inside the Arabic interface, and sends
« Ça m'intéresse » in Arabic; the advisers get the e-mail. axe checks each page, phone and
desktop. The offers: the demo's (tests/e2e/content_languages.py).
"""

import pytest
from django.utils.translation import gettext, override
from playwright.sync_api import expect

from tests.browser import conftest as browser_conftest

# The browser tests' axe check (WCAG 2.1 A and AA), as a fixture of this module.
assert_no_axe_violations = browser_conftest.assert_no_axe_violations


def arabic(text):
    with override("ar"):
        return gettext(text)


def test_an_arabic_reader_opens_an_untranslated_offer_and_says_interested(
    deployed, visit, assert_no_axe_violations
):
    content = deployed.content
    page = visit("phone")
    page.goto(content["languages_listing_ar"])
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    assert_no_axe_violations(page)

    # Both offers are listed: the translated one in Arabic, the other in French, marked.
    cards = page.locator(".offer-cards .card")
    expect(cards.filter(has_text=content["languages_translated_title"])).to_have_count(1)
    untranslated_card = cards.filter(has_text=content["languages_untranslated_title"]).first
    expect(untranslated_card.locator(".offer-card__language")).to_be_visible()
    link = untranslated_card.locator(".card__title a")
    assert link.get_attribute("lang") == "fr"
    link.click()
    page.wait_for_load_state()

    assert page.url.endswith(content["languages_untranslated_path"])
    assert page.locator("html").get_attribute("lang") == "ar"
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(content["languages_untranslated_title"])
    assert heading.get_attribute("lang") == "fr"
    notice = page.locator(".offer-language")
    expect(notice).to_be_visible()
    expect(notice.locator("a")).to_have_attribute("href", content["languages_french_path"])
    assert page.locator(".offer .prose").first.get_attribute("lang") == "fr"
    # The phone's first screen offers « Ça m'intéresse », in Arabic.
    jump = page.locator(".offer__jump a")
    expect(jump).to_have_text(arabic("Ça m'intéresse"))
    expect(jump).to_be_in_viewport()
    assert_no_axe_violations(page)

    jump.click()
    form = page.locator("form.interest-form")
    form.locator("[name=name]").fill("Nadia Rahmani")
    form.locator("[name=phone]").fill("06 12 34 56 78")
    form.locator("[name=consent]").check()
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        arabic("Merci, votre demande est bien envoyée")
    )
    assert_no_axe_violations(page)

    message = deployed.mailbox.wait_for(content["advisers_email"], "Nadia Rahmani")
    assert content["languages_untranslated_title"] in message["Subject"]


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_the_english_and_arabic_offer_pages_pass_axe(
    deployed, visit, viewport, assert_no_axe_violations
):
    content = deployed.content
    page = visit(viewport)
    for path in [
        content["languages_listing_ar"],
        content["languages_untranslated_path"],
        content["languages_listing_en"],
        content["languages_untranslated_path_en"],
    ]:
        response = page.goto(path)
        assert response.status == 200, path
        assert_no_axe_violations(page)
