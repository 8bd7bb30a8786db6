"""An adviser on a laptop, on the site deployed as documented: a resident says « Ça m'intéresse »
on a phone; the advisers' e-mail arrives; the adviser follows its link, signs in with a code from
an authenticator app, lands on the request in the admin and marks it followed. And a member
without admin rights who opens /admin/ is told so on a plain page, once (no redirect loop).

axe checks the public pages walked (the offer, the confirmation, the sign-in, the refusal), not
Wagtail's own admin.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser import conftest as browser_conftest
from tests.e2e.mailbox import links_in
from tests.e2e.stack import ORIGIN
from tests.extranet.factories import PASSWORD, totp_code

# tests/browser's fixture, for this module (tests/e2e/conftest.py does not load that conftest).
axe = browser_conftest.assert_no_axe_violations

RESIDENT_NAME = "Mariam Keïta-Dubois"
INTEREST_LINK = re.compile(r"/admin/interests/inspect/\d+/$")


def sign_in(page, email, secret=None):
    """On allauth's sign-in page (where the admin sent the person): password, then the code."""
    expect(page).to_have_url(re.compile(re.escape("/compte/login/?next=")))
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    if secret:
        expect(page).to_have_url(re.compile(re.escape("/compte/2fa/")))
        page.get_by_label("Code").fill(totp_code(secret))
        page.get_by_role("button", name="Connexion").click()
    page.wait_for_load_state()


def test_an_adviser_follows_the_emails_link_to_a_residents_request_and_marks_it_followed(
    deployed, visit, axe
):
    content = deployed.content
    for device in ("desktop", "phone"):
        offer = visit(device)
        offer.goto(content["adviser_offer_path"])
        axe(offer)

    # The resident, on a phone: the button leads to the form further down the offer.
    resident = visit("phone")
    resident.goto(content["adviser_offer_path"])
    resident.locator("main").get_by_role("link", name="Ça m'intéresse").click()
    resident.get_by_label("Votre nom").fill(RESIDENT_NAME)
    resident.get_by_label("Votre téléphone").fill("06 12 34 56 78")
    resident.get_by_label(re.compile("^J'accepte que la Plateforme")).check()
    resident.get_by_role("button", name="Envoyer ma demande").click()
    resident.wait_for_load_state()
    expect(resident.get_by_role("heading", level=1)).to_contain_text("Merci")
    axe(resident)

    message = deployed.mailbox.wait_for(content["advisers_email"], RESIDENT_NAME)
    (interest_url,) = [link for link in links_in(message) if INTEREST_LINK.search(link)]
    assert interest_url.startswith(f"{ORIGIN}/")

    # The adviser opens the link from her mail client, signs in, and lands on the request.
    adviser = visit("desktop")
    adviser.goto(interest_url)
    axe(adviser)
    sign_in(adviser, content["adviser_email"], content["adviser_totp_secret"])
    expect(adviser).to_have_url(interest_url)
    main = adviser.locator("main")
    expect(main).to_contain_text(RESIDENT_NAME)
    expect(main).to_contain_text(content["adviser_offer_title"])
    expect(main).to_contain_text("Personne n'a encore marqué cette demande comme suivie.")

    main.get_by_role("button", name="Marquer comme suivie").click()
    expect(adviser.get_by_text("La demande est marquée comme suivie.")).to_be_visible()
    expect(main).to_contain_text("Suivie le")
    expect(main).to_contain_text("Inès Conseil")

    # Her menu leads to the listing, where the request shows when it was followed.
    adviser.goto("/admin/interests/")
    row = adviser.get_by_role("row").filter(has_text=RESIDENT_NAME)
    expect(row).to_have_count(1)
    expect(adviser.get_by_role("columnheader", name="Suivie le")).to_be_visible()


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_a_member_without_admin_rights_opening_the_admin_is_told_so_once(
    deployed, visit, axe, device
):
    page = visit(device)
    page.goto("/admin/")
    sign_in(page, deployed.content["no_admin_member_email"])

    responses = []
    page.on(
        "response",
        lambda response: (
            responses.append(response) if response.request.resource_type == "document" else None
        ),
    )
    answer = page.goto("/admin/")

    assert answer.status == 403
    # One hop (Wagtail sends whoever it refuses to its sign-in), then the plain page.
    assert [response.status for response in responses] == [302, 403]
    expect(page.get_by_role("heading", level=1)).to_have_text("Action réservée")
    expect(page.locator("main")).to_contain_text("n'ouvre pas l'administration du site")
    expect(page.get_by_role("link", name="Retour à l'espace membres")).to_be_visible()
    axe(page)
