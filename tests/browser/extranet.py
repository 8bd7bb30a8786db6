"""What the extranet's browser tests do again and again, as a person would: sign in through the
sign-in form (with a code from an authenticator app for coordinators), move a project holder along
the pipeline. Each waits for the page it leads to before returning."""

import re

from playwright.sync_api import expect

EXTRANET_HOME = re.compile(re.escape("/extranet/") + "$")


def sign_in(page, user):
    """Through /compte/login/, with the factories' password; lands on the extranet's home."""
    from tests.extranet.factories import PASSWORD

    page.goto("/compte/login/")
    page.get_by_label("E-mail").fill(user.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page).to_have_url(EXTRANET_HOME)


def sign_in_with_a_code(page, user, secret, assert_no_axe_violations):
    """Password, then a wrong code (refused, the page checked with axe), then the right one."""
    from tests.extranet.factories import PASSWORD, totp_code

    page.goto("/compte/login/")
    page.get_by_label("E-mail").fill(user.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page).to_have_url(re.compile(re.escape("/compte/2fa/")))

    page.get_by_label("Code").fill("000000" if totp_code(secret) != "000000" else "111111")
    page.get_by_role("button", name="Connexion").click()
    expect(page.locator("body")).to_contain_text("Code incorrect.")
    assert_no_axe_violations(page)

    page.get_by_label("Code").fill(totp_code(secret))
    page.get_by_role("button", name="Connexion").click()
    expect(page).to_have_url(EXTRANET_HOME)


def move_to(page, status, outcome=None):
    """From a holder's page, through « Changer le statut », back to the holder's page."""
    page.get_by_role("link", name="Changer le statut").click()
    page.get_by_label(status, exact=True).check()
    if outcome:
        page.get_by_label(outcome, exact=True).check()
    page.get_by_role("button", name="Enregistrer le statut").click()
    expect(page.locator("body")).to_contain_text(f"Statut enregistré : {status}.")
