"""What crawlers and mailboxes get from the site deployed as documented (issue 14).

Through nginx, as a crawler asks: robots.txt closes the members' and editors' areas in every
language, and the sitemap gives each translated page its x-default and lists the « Je porte un
projet ESS » form. Through the worker and the SMTP server: a resident's project reaches the
coordinators with its needs in words, and a member's password reset greets with the site's name;
neither e-mail shows a list's brackets. axe checks the pages walked, phone and desktop.

People and pages: tests/e2e/content_sharing.py.
"""

import re
from xml.etree import ElementTree

import pytest
from playwright.sync_api import expect

from tests.browser import conftest as browser_conftest
from tests.e2e.mailbox import links_in, text_of
from tests.e2e.stack import ORIGIN

# tests/browser's fixture, for this module (tests/e2e/conftest.py does not load that conftest).
axe = browser_conftest.assert_no_axe_violations

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
SITE_NAME = "Dynamique Emploi dans les Quartiers"
PROJECT_NAME = "Repair café des Quatre-Chemins"


def sitemap_entries(deployed):
    """{location: {hreflang: href}} of the deployed sitemap."""
    response = deployed.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    return {
        url.find(f"{SITEMAP}loc").text: {
            link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")
        }
        for url in root.findall(f"{SITEMAP}url")
    }


def test_robots_txt_closes_the_private_areas_in_every_language(deployed):
    response = deployed.get("/robots.txt")

    assert response.status_code == 200
    lines = response.text.splitlines()
    disallowed = {line.removeprefix("Disallow: ") for line in lines if line.startswith("Disallow:")}
    for area in ("compte", "extranet"):
        assert {f"/{area}/", f"/en/{area}/", f"/ar/{area}/"} <= disallowed
    assert "/admin/" in disallowed
    assert f"Sitemap: {ORIGIN}/sitemap.xml" in lines
    # The sign-in page really is where robots.txt says, in English too.
    assert deployed.get("/en/compte/login/").status_code == 200


def test_the_sitemap_names_an_x_default_and_lists_the_ess_form(deployed):
    entries = sitemap_entries(deployed)

    assert entries[f"{ORIGIN}/"] == {
        "fr": f"{ORIGIN}/",
        "en": f"{ORIGIN}/en/",
        "ar": f"{ORIGIN}/ar/",
        "x-default": f"{ORIGIN}/",
    }
    translated = {location: links for location, links in entries.items() if links}
    assert translated
    for location, links in translated.items():
        assert links["x-default"] == links["fr"], location
    assert ORIGIN + deployed.content["sharing_ess_form_path"] in entries


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_the_ess_form_is_indexable_and_passes_axe(deployed, visit, axe, device):
    path = deployed.content["sharing_ess_form_path"]
    response = deployed.get(path)
    assert response.status_code == 200
    assert "X-Robots-Tag" not in response.headers

    page = visit(device)
    page.goto(path)
    expect(page.locator('meta[name="robots"]')).to_have_count(0)
    axe(page)


def test_a_new_project_reaches_the_coordinators_with_its_needs_in_words(deployed, visit, axe):
    resident = visit("phone")
    resident.goto(deployed.content["sharing_ess_form_path"])
    resident.get_by_label("Votre nom").fill("Awa Diakité")
    resident.get_by_label("Votre e-mail").fill("awa.diakite@e2e.dynamique-emploi.fr")
    resident.get_by_label("Le nom de votre projet").fill(PROJECT_NAME)
    resident.get_by_label("Financement", exact=True).check()
    resident.get_by_label("Local", exact=True).check()
    resident.get_by_label("J'accepte que le pôle").check()
    resident.get_by_role("button", name="Envoyer mon projet").click()
    expect(resident.get_by_role("heading", level=1)).to_have_text(
        "Merci, votre projet est bien envoyé"
    )
    axe(resident)

    message = deployed.mailbox.wait_for(deployed.content["sharing_coordinator_email"], PROJECT_NAME)
    body = text_of(message)
    assert "Besoins : Financement, Local" in body.splitlines()
    html = message.get_body(preferencelist=("html",)).get_content()
    for text in (body, html):
        assert "[" not in text
        assert "'Financement'" not in text


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_the_password_reset_page_passes_axe(visit, axe, device):
    page = visit(device)
    page.goto("/compte/password/reset/")
    axe(page)


def test_an_account_email_greets_with_the_sites_name(deployed, visit):
    email = deployed.content["sharing_member_email"]
    member = visit("desktop")
    member.goto("/compte/password/reset/")
    member.get_by_label("E-mail").fill(email)
    member.get_by_role("button", name="Réinitialiser mon mot de passe").click()
    member.wait_for_load_state()

    message = deployed.mailbox.wait_for(email, "réinitialisation")
    lines = text_of(message).strip().splitlines()
    assert lines[0] == f"Bonjour, c'est {SITE_NAME} !"
    assert f"Merci d'utiliser {SITE_NAME} !" in lines
    assert "[" not in text_of(message)
    assert str(message["Subject"]).strip().startswith("[Dynamique Emploi] ")
    assert any(
        re.match(re.escape(f"{ORIGIN}/compte/password/reset/key/"), link)
        for link in links_in(message)
    )
