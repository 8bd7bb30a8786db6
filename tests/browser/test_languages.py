"""Arabic pages read right to left: the home page, the offer listing and an offer, on a phone,
with the language switcher back to French; screenshots for people to look at (var/screenshots/)
and axe on each. The translations are made as an editor would, then given Arabic titles.

In every language, the home page, a standard page, the offer listing and an offer, and the
easy-read view of the pages that have one, pass axe on a phone; in Arabic, pictograms that point
along the reading direction are mirrored."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "var" / "screenshots"
EASY_READ = "?lecture=facile"


@pytest.fixture
def arabic_site(site_pages):
    from wagtail.models import Locale

    from tests.home.factories import get_home_page
    from tests.offers.factories import OfferPageFactory, get_offer_index_page

    def translate(page, title, **fields):
        translation = page.copy_for_translation(Locale.objects.get(language_code="ar"))
        translation.title = title
        for name, value in fields.items():
            setattr(translation, name, value)
        translation.save_revision().publish()
        translation.refresh_from_db()
        return translation

    home = get_home_page()
    offer_index = get_offer_index_page()
    offer = OfferPageFactory(parent=offer_index, no_diploma=True, beginner=True)
    return {
        "home": translate(home, "الرئيسية", mission="نقرّب سكان الأحياء من الشركات التي توظّف"),
        "offer listing": translate(offer_index, "عروض العمل"),
        "offer": translate(offer, "عامل نظافة", easy_read="تنظّف المكاتب. تعمل في الصباح."),
        "french offer": offer,
    }


@pytest.mark.parametrize("page_name", ["home", "offer listing", "offer"])
def test_arabic_pages_read_right_to_left(
    new_page, arabic_site, assert_no_axe_violations, page_name
):
    page = new_page("phone")
    response = page.goto(arabic_site[page_name].url)

    assert response.status == 200
    html = page.locator("html")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == ("ar", "rtl")
    heading = page.get_by_role("heading", level=1)
    # Text starts on the right: the heading's right edge is the content's.
    assert page.evaluate("getComputedStyle(document.querySelector('h1')).direction") == "rtl"
    box = heading.bounding_box()
    main = page.locator("main .container").bounding_box()
    assert abs((box["x"] + box["width"]) - (main["x"] + main["width"])) < 40
    # On a phone the other languages are in the menu.
    page.locator(".site-menu__toggle").click()
    assert page.get_by_role("link", name="Français").count() == 1
    page.locator(".site-menu__toggle").click()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"ar-{page_name.replace(' ', '-')}.png", full_page=True)
    assert_no_axe_violations(page)


def test_the_switcher_leads_from_french_to_the_same_offer_in_arabic(new_page, arabic_site):
    page = new_page("phone")
    page.goto(arabic_site["french offer"].url)
    page.locator(".site-menu__toggle").click()
    page.get_by_role("link", name="العربية").click()
    page.wait_for_load_state()
    assert page.url.endswith(arabic_site["offer"].url)
    expect(page.get_by_role("heading", level=1)).to_have_text("عامل نظافة")


def translate(page, language_code, title, **fields):
    """A published translation of `page`, as an editor would make it with wagtail-localize."""
    from wagtail.models import Locale

    translation = page.copy_for_translation(Locale.objects.get(language_code=language_code))
    translation.title = title
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation


# language: (home, standard page, offer listing, offer, easy-read text) titles.
TITLES = {
    "en": ("Home", "The cooperation hub", "Job offers", "Cleaner", "You clean offices."),
    "ar": ("الرئيسية", "قطب التعاون", "عروض العمل", "عامل نظافة", "تنظّف المكاتب."),
}


@pytest.fixture
def three_languages(site_pages):
    """{language: {page name: url}} for the four kinds of page, French and translated."""
    from tests.home.factories import get_home_page
    from tests.offers.factories import OfferPageFactory, get_offer_index_page

    home = get_home_page()
    standard = site_pages["every_block"]
    standard.easy_read = "Le pôle aide les habitants.\nIl aide aussi les entreprises."
    standard.save_revision().publish()
    offer_index = get_offer_index_page()
    offer = OfferPageFactory(
        parent=offer_index, no_diploma=True, beginner=True, easy_read="Vous nettoyez des bureaux."
    )
    urls = {"fr": {"home": home.url, "standard page": standard.url}}
    urls["fr"] |= {"offer listing": offer_index.url, "offer": offer.url}
    for language, (home_title, page_title, listing_title, offer_title, easy) in TITLES.items():
        urls[language] = {
            "home": translate(home, language, home_title).url,
            "standard page": translate(standard, language, page_title, easy_read=easy).url,
            "offer listing": translate(offer_index, language, listing_title).url,
            "offer": translate(offer, language, offer_title, easy_read=easy).url,
        }
    return urls


@pytest.mark.parametrize("language", ["fr", "en", "ar"])
def test_four_kinds_of_page_and_their_easy_read_view_pass_axe_in_each_language(
    new_page, three_languages, assert_no_axe_violations, language
):
    page = new_page("phone")
    urls = three_languages[language]
    visits = [
        *urls.values(),
        urls["standard page"] + EASY_READ,
        urls["offer"] + EASY_READ,
    ]
    for url in visits:
        response = page.goto(url)
        assert response.status == 200, url
        html = page.locator("html")
        assert html.get_attribute("lang") == language
        assert html.get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
        if url.endswith(EASY_READ):
            assert page.locator("#facile-a-lire").count() == 1, url
        assert_no_axe_violations(page)


def test_english_pages_lead_back_to_french_and_on_to_arabic(new_page, three_languages):
    page = new_page("phone")
    page.goto(three_languages["en"]["offer"])
    page.locator(".site-menu__toggle").click()
    page.get_by_role("link", name="العربية").click()
    page.wait_for_load_state()
    assert page.url.endswith(three_languages["ar"]["offer"])
    page.locator(".site-menu__toggle").click()
    page.get_by_role("link", name="English").click()
    page.wait_for_load_state()
    page.locator(".site-menu__toggle").click()
    page.get_by_role("link", name="Français").click()
    page.wait_for_load_state()
    assert page.url.endswith(three_languages["fr"]["offer"])


def mirrored(page, selector):
    """Whether the first element matching `selector` is drawn flipped left to right."""
    return page.evaluate(
        """selector => {
            const transform = getComputedStyle(document.querySelector(selector)).transform;
            return transform.startsWith("matrix(-1");
        }""",
        selector,
    )


def test_pictograms_that_point_along_the_reading_direction_are_mirrored_in_arabic(
    new_page, three_languages
):

    page = new_page("phone")
    contract = '.pictogram:has(use[href$="#contract"])'
    for language, flipped in [("fr", False), ("ar", True)]:
        page.goto(three_languages[language]["offer"])
        assert mirrored(page, contract) is flipped
        # A clock reads the same way in every language.
        assert mirrored(page, '.pictogram:has(use[href$="#time"])') is False
