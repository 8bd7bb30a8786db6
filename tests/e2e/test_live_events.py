"""Live facts stay live, on the site deployed as documented (through nginx, the page cache on in
Redis): a workshop date with three places reads « Il reste 3 places »; a resident takes them all
from their phone, and at once the public pages, their JSON-LD and the .ics files read full; an
editor cancels the date in the admin, and at once they read cancelled. Every such answer tells
shared caches (a CDN, which nothing purges on a registration) to ask again each time, and is
answered from the page cache. axe checks each public page, on a phone and on a laptop."""

import json
import re

from bs4 import BeautifulSoup
from django.urls import reverse
from icalendar import Calendar
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations  # noqa: F401 (a fixture)
from tests.e2e.test_editor import sign_in_with_a_code

LIVE = "public, no-cache"
CANCELLED = "https://schema.org/EventCancelled"
IN_STOCK = "https://schema.org/InStock"
SOLD_OUT = "https://schema.org/SoldOut"
DISCONTINUED = "https://schema.org/Discontinued"


def live_page(deployed, path):
    """The public page as a crawler or a CDN gets it through nginx: the second answer comes from
    the page cache, and says it may not be reused without asking.

    Asked up to three times: the worker may still be finishing an earlier journey's work (an
    e-mail, a date's places), and each such change empties the page cache, as it should."""
    for _attempt in range(3):
        deployed.get(path)
        response = deployed.get(path)
        if response.headers.get("X-Wagtail-Cache") == "hit":
            break
    assert response.status_code == 200, path
    assert response.headers["X-Wagtail-Cache"] == "hit", path
    assert response.headers["Cache-Control"] == LIVE, path
    return response


def fresh(deployed, path):
    """The first answer after a change: what the next visitor reads."""
    response = deployed.get(path)
    assert response.status_code == 200, path
    assert response.headers["Cache-Control"] == LIVE, path
    return response


def soup(response):
    return BeautifulSoup(response.text, "html.parser")


def json_ld(response):
    return json.loads(soup(response).find("script", type="application/ld+json").string)


def the_vevent(response):
    [vevent] = Calendar.from_ical(response.content).walk("VEVENT")
    return vevent


def check_with_axe(visit, check, paths):
    for viewport in ("phone", "desktop"):
        page = visit(viewport)
        for path in paths:
            page.goto(path)
            check(page)


def test_places_and_a_cancellation_are_right_at_once_on_pages_json_ld_and_calendars(
    deployed,
    visit,
    assert_no_axe_violations,  # noqa: F811 (the fixture imported above)
):
    content = deployed.content
    places = content["live_event_places"]
    date_path, event_path = content["live_date_path"], content["live_event_path"]
    pages = [date_path, event_path]
    calendars = [f"{event_path}agenda/", f"{date_path}agenda/"]
    listings = [content["live_index_path"], content["live_month_path"]]

    # Before: three places, everywhere, served from the page cache.
    for path in pages:
        response = live_page(deployed, path)
        assert f"Il reste {places} places." in soup(response).select_one(".registration-box").text
        data = json_ld(response)
        assert data["offers"]["availability"] == IN_STOCK
        assert data["remainingAttendeeCapacity"] == places
    for path in calendars:
        vevent = the_vevent(live_page(deployed, path))
        assert vevent["STATUS"] == "CONFIRMED"
        assert str(vevent["ORGANIZER"]) == "mailto:contact@dynamique-emploi.fr"
        assert f"il reste {places} places" in str(vevent["DESCRIPTION"])
    for path in listings:
        live_page(deployed, path)
    check_with_axe(visit, assert_no_axe_violations, [*pages, *listings])

    # A resident takes every place for her family, from her phone.
    resident = visit("phone")
    resident.goto(date_path)
    resident.get_by_role("link", name="M'inscrire").click()
    resident.get_by_label("Votre nom").fill("Aminata Koné")
    resident.get_by_label("Votre téléphone").fill("06 45 67 89 01")
    resident.get_by_label("Combien de personnes viennent ?").select_option(str(places))
    resident.get_by_role("checkbox").check()
    resident.get_by_role("button", name="Confirmer mon inscription").click()
    expect(resident.get_by_role("heading", level=1)).to_have_text("Merci, vous êtes inscrit·e")

    for path in pages:
        response = fresh(deployed, path)
        assert "C'est complet." in soup(response).select_one(".registration-box").text, path
        data = json_ld(response)
        assert data["offers"]["availability"] == SOLD_OUT, path
        assert data["remainingAttendeeCapacity"] == 0, path
    for path in calendars:
        description = str(the_vevent(fresh(deployed, path))["DESCRIPTION"])
        assert "Complet : inscription sur liste d'attente." in description, path
    card = soup(fresh(deployed, content["live_index_path"])).find(
        "a", string=content["live_event_title"]
    )
    assert "complet" in card.find_parent("article").text

    # An editor cancels the date in the admin (« Dates des événements »).
    editor = visit("desktop")
    sign_in_with_a_code(editor, content["live_editor_email"], content["live_editor_totp_secret"])
    editor.goto(reverse("occurrences:edit", args=[content["live_date_pk"]]))
    editor.get_by_role("checkbox", name="Annulée").check()
    editor.get_by_role("textbox", name="Message aux visiteurs").fill("L'animatrice est malade.")
    editor.get_by_role("button", name="Enregistrer", exact=True).click()
    # Saved: back to the list of dates.
    expect(editor).to_have_url(re.compile(r"/admin/occurrences/(\?.*)?$"))

    for path in pages:
        response = fresh(deployed, path)
        notice = soup(response).select_one(".event-notice")
        assert notice is not None, path
        assert "annulé" in notice.text and "L'animatrice est malade." in notice.text, path
        data = json_ld(response)
        assert data["eventStatus"] == CANCELLED, path
        assert data["offers"]["availability"] == DISCONTINUED, path
    for path in calendars:
        assert the_vevent(fresh(deployed, path))["STATUS"] == "CANCELLED", path
    check_with_axe(visit, assert_no_axe_violations, [*pages, *listings])
