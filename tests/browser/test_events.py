"""A resident finds the next sponsorship meeting, registers with only a phone number and takes
it into their phone's calendar; axe finds no WCAG 2.1 A/AA violation on the agenda's pages, the
registration form (with its errors shown) and the registrant's own page."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def events_site(site_pages):
    """The site of conftest.site_pages with an agenda: a monthly meeting (one date cancelled),
    a training and a past event."""
    from events.models import Occurrence
    from tests.events.factories import EventPageFactory, get_event_index_page

    index = get_event_index_page()
    parrainage = EventPageFactory(recurring_monthly=True, registration=True)
    cancelled = parrainage.occurrences.order_by("start")[1]
    Occurrence.objects.filter(pk=cancelled.pk).update(
        is_cancelled=True, changed_by_editor=True, note="Annulée : grève des transports"
    )
    EventPageFactory(title="Recruter sans discriminer", event_type="formation")
    EventPageFactory(title="Information collective de septembre", past=True)
    first = parrainage.occurrences.order_by("start").first()
    return {
        "index": index,
        "parrainage": parrainage,
        "first_date": first,
        "cancelled_date": cancelled,
    }


def test_a_resident_registers_for_the_next_sponsorship_meeting_with_a_phone_number(
    new_page, events_site, assert_no_axe_violations
):
    from events.models import Registration

    page = new_page("phone")
    page.goto(events_site["index"].url)

    # The list shows each date: the first link is the next meeting's own page.
    page.get_by_role("link", name=events_site["parrainage"].title).first.click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text(events_site["parrainage"].title)
    assert "Il reste 10 places." in page.locator(".registration-box").inner_text()

    page.get_by_role("link", name="M'inscrire").click()
    page.get_by_label("Votre nom").fill("Awa Diallo")
    page.get_by_label("Votre téléphone").fill("06 12 34 56 78")
    page.get_by_role("checkbox").check()
    page.get_by_role("button", name="Confirmer mon inscription").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Merci, vous êtes inscrit·e")
    expect(page.locator("body")).to_contain_text("Gardez cette page dans vos favoris")
    registration = Registration.objects.get()
    assert (registration.phone, registration.email) == ("06 12 34 56 78", "")
    assert_no_axe_violations(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Ajouter à mon agenda").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".ics")
    calendar = Path(download.path()).read_text(encoding="utf-8")
    assert "BEGIN:VEVENT" in calendar
    assert events_site["parrainage"].title in calendar


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_the_registration_form_with_errors_has_no_accessibility_violation(
    new_page, events_site, assert_no_axe_violations, viewport
):
    page = new_page(viewport)
    page.goto(events_site["first_date"].get_registration_url())

    page.get_by_label("Votre nom").fill("Awa Diallo")
    page.get_by_role("button", name="Confirmer mon inscription").click()

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("2 erreurs")
    # What was typed is still there.
    assert page.get_by_label("Votre nom").input_value() == "Awa Diallo"
    assert_no_axe_violations(page)


AGENDA_PAGES = {
    "upcoming list": lambda site: site["index"].url,
    "month view": lambda site: f"{site['index'].url}mois/{site['first_date'].local_date:%Y-%m}/",
    "archive": lambda site: f"{site['index'].url}archives/",
    "repeating event": lambda site: site["parrainage"].url,
    "cancelled date": lambda site: site["cancelled_date"].get_url(),
}


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("page_name", AGENDA_PAGES)
def test_no_accessibility_violation_on_the_agenda(
    new_page, events_site, assert_no_axe_violations, viewport, page_name
):
    page = new_page(viewport)

    response = page.goto(AGENDA_PAGES[page_name](events_site))

    assert response.status == 200
    assert_no_axe_violations(page)


def test_a_resident_reads_the_easy_version_and_listens_to_it(
    new_page, events_site, assert_no_axe_violations
):
    from tests.events.factories import EventPageFactory

    event = EventPageFactory(
        title="Atelier CV", easy_read="Vous écrivez votre CV. Un conseiller vous aide."
    )
    page = new_page("phone")
    # Speech synthesis records what it is asked to say: headless Chromium has no voice.
    page.add_init_script(
        """
        window.spoken = [];
        window.speechSynthesis.speak = (utterance) => window.spoken.push(
            {text: utterance.text, lang: utterance.lang});
        window.speechSynthesis.cancel = () => {};
        """
    )
    page.goto(event.url)
    page.get_by_role("link", name="Facile à lire").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "fr"
    assert_no_axe_violations(page)

    page.locator("#facile-a-lire").get_by_role("button", name="Écouter").click()
    assert page.evaluate("window.spoken") == [
        {"text": "Vous écrivez votre CV. Un conseiller vous aide.", "lang": "fr"}
    ]
    assert page.locator("#facile-a-lire .listen-button").inner_text().strip() == (
        "Arrêter la lecture"
    )

    without_javascript = new_page("phone", javascript=False)
    without_javascript.goto(f"{event.url}?lecture=facile")
    assert without_javascript.get_by_role("button", name="Écouter").count() == 0
    assert "Un conseiller vous aide." in without_javascript.locator("#facile-a-lire").inner_text()
