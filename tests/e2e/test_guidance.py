"""An editor on a laptop is guided in the branch page's editor, on the site deployed as
documented: « Métiers présentés » offers the French trades only (once 78 checkboxes mixing French,
English and Arabic), under their sectors; fields say what to write, with an example; a date in the
future is refused beside the date field, and nothing typed or checked is lost.

axe checks the sign-in page walked, on a phone and on a laptop, not Wagtail's own admin.
"""

import datetime
import re

from playwright.sync_api import expect

from core.dates import hub_today
from tests.browser import conftest as browser_conftest
from tests.e2e.test_editor import add_page_under, choose, chooser_button, field, sign_in_with_a_code

# tests/browser's fixture, for this module (tests/e2e/conftest.py does not load that conftest).
axe = browser_conftest.assert_no_axe_violations

BRANCH_TITLE = "Les métiers du bâtiment, guidés"
# settings.WAGTAIL_DATE_FORMAT: how the admin's date fields write a date.
ADMIN_DATE = "%d/%m/%Y"


def field_block(page, field_id):
    """The admin form's block around one field: its label, input, help text and errors."""
    return page.locator("[data-field-wrapper]").filter(has=page.locator(f"#{field_id}")).first


def test_the_sign_in_page_is_accessible_on_a_phone_and_a_laptop(deployed, visit, axe):
    for device in ("phone", "desktop"):
        page = visit(device)
        page.goto("/admin/")
        expect(page).to_have_url(re.compile(re.escape("/compte/login/?next=")))
        axe(page)


def test_an_editor_is_guided_through_a_branch_page(deployed, visit):
    content = deployed.content
    editor = visit("desktop")
    sign_in_with_a_code(editor, content["editor_email"], content["editor_totp_secret"])
    add_page_under(editor, content["guidance_branch_index"])

    # The trades of the page's language only, grouped under their sectors.
    trades = editor.locator("#id_trades")
    offered = trades.get_by_role("checkbox")
    expect(offered).to_have_count(len(content["guidance_french_trades"]))
    labels = {label.strip() for label in trades.locator("label").all_inner_texts()}
    assert labels == set(content["guidance_french_trades"])
    assert not labels & set(content["guidance_other_trades"])
    building = trades.get_by_role("group", name=content["guidance_sector"])
    checked_trade = building.get_by_role("checkbox", name=content["guidance_checked_trade"])
    expect(checked_trade).to_be_visible()

    # Help texts with an example.
    expect(field_block(editor, "id_presented_on")).to_contain_text("Ex. : 12/02/2026")
    expect(field_block(editor, "id_pay")).to_contain_text("Ex. : de 1 800 €")
    expect(field_block(editor, "id_trades")).to_contain_text("rangés par filière")

    # A date to come: refused beside the date, what was typed and checked kept.
    field(editor, "Titre").fill(BRANCH_TITLE)
    choose(
        editor, chooser_button(editor, "Choisir Filière"), "bâtiment", content["guidance_sector"]
    )
    checked_trade.check()
    next_week = hub_today() + datetime.timedelta(days=7)
    field(editor, "Date de la dernière présentation").fill(next_week.strftime(ADMIN_DATE))
    editor.get_by_role("button", name="Enregistrer le brouillon").click()

    date_block = field_block(editor, "id_presented_on")
    expect(date_block).to_contain_text("Cette date est à venir")
    expect(field(editor, "Titre")).to_have_value(BRANCH_TITLE)
    expect(field(editor, "Date de la dernière présentation")).to_have_value(
        next_week.strftime(ADMIN_DATE)
    )
    expect(
        editor.locator("#id_trades").get_by_role("checkbox", name=content["guidance_checked_trade"])
    ).to_be_checked()
