"""Arabic pages read right to left: the home page, the offer listing and an offer, on a phone,
with the language switcher back to French; screenshots for people to look at (var/screenshots/)
and axe on each. The translations are made as an editor would, then given Arabic titles."""

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


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
    assert page.get_by_role("link", name="Français").count() == 1
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"ar-{page_name.replace(' ', '-')}.png", full_page=True)
    assert_no_axe_violations(page)


def test_the_switcher_leads_from_french_to_the_same_offer_in_arabic(new_page, arabic_site):
    page = new_page("phone")
    page.goto(arabic_site["french offer"].url)
    page.get_by_role("link", name="العربية").click()
    page.wait_for_load_state()
    assert page.url.endswith(arabic_site["offer"].url)
    assert page.get_by_role("heading", level=1).inner_text() == "عامل نظافة"
