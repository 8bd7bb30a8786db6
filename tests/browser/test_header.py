"""On a 360 px phone no word is cut in the middle (issue 14): the key figures' long French words
fit their box, and the agenda's month reads as a list of days whose event titles wrap between
words, not letter by letter. The header itself is measured on the deployed site
(tests/e2e/test_header.py)."""

import pytest
from playwright.sync_api import expect

# The words of `selector`'s text that the browser laid out on more than one line.
WORDS_CUT_ACROSS_LINES = """(selector) => {
  const cut = [];
  for (const element of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const word of node.textContent.matchAll(/[^\\s\\u00a0]+/g)) {
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        const boxes = [...range.getClientRects()].filter((rect) => rect.width > 0);
        const lines = new Set(boxes.map((rect) => Math.round(rect.top)));
        if (lines.size > 1) cut.push(word[0]);
      }
    }
  }
  return cut;
}"""
# The elements whose content is wider than their box (a word that neither fits nor breaks).
OVERFLOWING = """(selector) => [...document.querySelectorAll(selector)]
  .filter((element) => element.scrollWidth > element.clientWidth + 1)
  .map((element) => element.textContent.trim())"""


@pytest.fixture
def long_words(site_pages):
    from tests.events.factories import EventPageFactory, days_from_now_at, get_event_index_page
    from tests.home.factories import StandardPageFactory, key_figure_data, key_figures_data

    figures = StandardPageFactory(
        parent=site_pages["home"],
        title="Nos résultats",
        body=[
            key_figures_data(
                [
                    key_figure_data("434", "demandeurs d'emploi accompagnés", "en 2015"),
                    key_figure_data("78 %", "ont trouvé un emploi", "parmi les 178 sorties"),
                    key_figure_data("65 %", "d'accompagnement réussis", "d'accompagnement"),
                    key_figure_data("1 250", "entreprises partenaires", "chaque année"),
                ],
                heading="Les personnes accompagnées",
            )
        ],
    )
    event = EventPageFactory(
        parent=get_event_index_page(),
        title="Rencontre collective de parrainage",
        start=days_from_now_at(3, 14),
        end=days_from_now_at(3, 16),
    )
    return {"figures": figures, "event": event}


def test_key_figures_never_cut_a_word_on_a_phone(new_page, long_words, assert_no_axe_violations):
    page = new_page("phone")
    page.goto(long_words["figures"].url)
    expect(page.locator(".key-figures")).to_be_visible()
    assert page.evaluate(WORDS_CUT_ACROSS_LINES, ".key-figures") == []
    assert page.evaluate(OVERFLOWING, ".key-figures > li, .key-figures > li > *") == []
    assert_no_axe_violations(page)


def test_the_month_reads_as_a_list_of_days_on_a_phone(
    new_page, long_words, assert_no_axe_violations
):
    occurrence = long_words["event"].occurrences.get()
    page = new_page("phone")
    page.goto(long_words["event"].get_parent().url + occurrence.start.strftime("mois/%Y-%m/"))
    link = page.locator(".event-month").get_by_role("link", name="Rencontre collective")
    expect(link).to_be_visible()
    assert page.evaluate(WORDS_CUT_ACROSS_LINES, ".event-month") == []
    # The day is named in full above its events; the days without any are left out.
    day = page.locator(".event-month td", has=page.get_by_role("link", name="Rencontre collective"))
    expect(day.locator(".event-month__day")).to_contain_text(
        occurrence.start.strftime("%d").lstrip("0")
    )
    assert day.locator(".event-month__day").bounding_box()["width"] > 100
    assert_no_axe_violations(page)
