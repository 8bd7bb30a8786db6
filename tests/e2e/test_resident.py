"""A resident on a 360×740 phone, JavaScript on and off, on the site deployed as documented:
finds an offer with the words they type, says « Ça m'intéresse »; registers for a workshop,
follows the e-mail's link and cancels, and the next person waiting gets the place and the
e-mail; the public date page shows each change at once (the page cache is emptied)."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.mailbox import links_in
from tests.e2e.stack import ORIGIN

# What residents type: no accents, a typo, the everyday word.
SEARCHES = [
    ("preparateur de commande", re.compile(r"^Préparateur de commandes")),
    ("carist", re.compile(r"Cariste")),
]


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_resident_finds_an_offer_with_the_words_they_type_and_says_interested(
    deployed, visit, javascript
):
    page = visit("phone", javascript=javascript)
    page.goto("/recherche/")
    query, expected_title = SEARCHES[0] if javascript else SEARCHES[1]
    page.locator("main").get_by_role("searchbox").fill(query)
    page.locator("main").get_by_role("searchbox").press("Enter")
    page.wait_for_load_state()

    first_result = page.locator("main").get_by_role("link", name=expected_title).first
    expect(first_result).to_be_visible()
    first_result.click()
    page.wait_for_load_state()
    offer_title = page.get_by_role("heading", level=1).inner_text()
    assert expected_title.search(offer_title)
    # The offer, its form included, is the same page for everyone: the next visitor gets it
    # from the page cache, and its form still goes through (no token to go stale, core.csrf).
    response = page.reload()
    assert response.headers.get("x-wagtail-cache") == "hit"
    assert page.locator("input[name=csrfmiddlewaretoken]").count() == 0

    name = "Yasmine Benali" if javascript else "Kevin Morel"
    page.get_by_label("Votre nom").fill(name)
    page.get_by_label("Votre téléphone").fill("06 23 45 67 89" if javascript else "0734567890")
    page.get_by_label(re.compile("^J'accepte que la Plateforme")).check()
    page.get_by_role("button", name="Envoyer ma demande").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Merci")

    # The advisers are told, by the worker, through the SMTP server.
    message = deployed.mailbox.wait_for(deployed.content["advisers_email"], name)
    assert offer_title in message["Subject"]
    assert all(link.startswith(f"{ORIGIN}/") for link in links_in(message))


def register(page, name, email):
    page.get_by_role("link", name="M'inscrire").click()
    page.get_by_label("Votre nom").fill(name)
    page.get_by_label("Votre e-mail").fill(email)
    page.get_by_role("checkbox").check()
    page.get_by_role("button", name="Confirmer mon inscription").click()
    page.wait_for_load_state()


def registration_box(visit, path):
    """The public date page as a new visitor sees it (from the page cache when it can)."""
    page = visit("phone", javascript=False)
    page.goto(path)
    return page.locator(".registration-box").inner_text()


def cancel_from_the_email(visit, message, javascript):
    """Opens the e-mail's link to the registration, as from a phone's mail app, and cancels."""
    (manage_url,) = [link for link in links_in(message) if "/la-mienne/" in link]
    assert manage_url.startswith(f"{ORIGIN}/")
    page = visit("phone", javascript=javascript)
    page.goto(manage_url)
    page.get_by_role("button", name="Annuler mon inscription").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text("Votre inscription est annulée")


def test_residents_register_cancel_from_the_email_and_the_waitlist_moves_up(deployed, visit):
    date_path = deployed.content["workshop_date_path"]
    title = deployed.content["workshop_title"]
    assert "Il reste 1 place." in registration_box(visit, date_path)

    # Awa takes the last place, with JavaScript on.
    awa = visit("phone")
    awa.goto(date_path)
    register(awa, "Awa Diallo", "awa.diallo@example.org")
    expect(awa.get_by_role("heading", level=1)).to_have_text("Merci, vous êtes inscrit·e")
    confirmed = deployed.mailbox.wait_for("awa.diallo@example.org", "inscription est confirmée")
    assert title in confirmed["Subject"]
    assert "C'est complet." in registration_box(visit, date_path)

    # Sofiane, without JavaScript, goes on the waiting list.
    sofiane = visit("phone", javascript=False)
    sofiane.goto(date_path)
    register(sofiane, "Sofiane Haddad", "sofiane.haddad@example.org")
    expect(sofiane.get_by_role("heading", level=1)).to_have_text(
        "Merci, vous êtes sur la liste d'attente"
    )
    waiting = deployed.mailbox.wait_for("sofiane.haddad@example.org", "liste d'attente")

    # Awa cannot come: she cancels from her e-mail's link in Chromium (JavaScript on), which
    # once sent `Origin: null` and was refused. Sofiane gets the place and an e-mail.
    cancel_from_the_email(visit, confirmed, javascript=True)
    promoted = deployed.mailbox.wait_for("sofiane.haddad@example.org", "place s'est libérée")
    assert title in promoted["Subject"]
    assert "C'est complet." in registration_box(visit, date_path)

    # Sofiane cancels too, without JavaScript, from the first e-mail's link: one place is free,
    # and the public page says so at once.
    cancel_from_the_email(visit, waiting, javascript=False)
    assert "Il reste 1 place." in registration_box(visit, date_path)
