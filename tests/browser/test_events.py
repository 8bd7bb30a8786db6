"""A resident finds the next sponsorship meeting and takes it into their phone's calendar; axe
finds no WCAG 2.1 A/AA violation on the agenda's pages."""

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def events_site(site_pages):
    """The site of conftest.site_pages with an agenda: a monthly meeting (one date cancelled),
    a training and a past event."""
    from events.models import Occurrence
    from tests.events.factories import EventPageFactory, get_event_index_page

    index = get_event_index_page()
    parrainage = EventPageFactory(recurring_monthly=True)
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


def test_a_resident_finds_the_next_sponsorship_meeting_and_downloads_it(new_page, events_site):
    page = new_page("phone")
    page.goto(events_site["index"].url)

    page.get_by_role("link", name=events_site["parrainage"].title).first.click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == events_site["parrainage"].title

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Ajouter à mon agenda").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".ics")
    assert "BEGIN:VCALENDAR" in Path(download.path()).read_text(encoding="utf-8")


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
