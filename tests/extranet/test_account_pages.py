"""Every allauth page a person can reach renders in the site's layout, in French."""

import pytest
from django.urls import reverse

from tests.extranet.factories import (
    PASSWORD,
    MembershipFactory,
    activate_recovery_codes,
    activate_totp,
    totp_code,
)
from tests.extranet.pages import text

pytestmark = pytest.mark.django_db

ANONYMOUS_PAGES = [
    ("account_login", "Espace membres : se connecter"),
    ("account_signup", "L'inscription se fait sur invitation"),
    ("account_reset_password", "Réinitialisation du mot de passe"),
    ("account_reset_password_done", "Réinitialisation du mot de passe"),
    ("account_email_verification_sent", "Vérifiez votre adresse e-mail"),
    ("account_inactive", "Compte inactif"),
]
SIGNED_IN_PAGES = [
    ("account_logout", "Se déconnecter"),
    ("account_change_password", "Modifier le mot de passe"),
    ("account_email", "Adresses e-mail"),
    ("mfa_index", "Authentification à deux facteurs"),
    ("mfa_deactivate_totp", "Désactiver l'application d'authentification"),
    ("mfa_view_recovery_codes", "Codes de récupération"),
    ("mfa_generate_recovery_codes", "Codes de récupération"),
    ("account_reauthenticate", "Confirmer l'accès"),
]


def assert_in_site_layout(response, heading):
    assert response.status_code == 200
    page = text(response)
    assert '<html lang="fr"' in page
    assert 'class="site-header"' in page
    assert "css/main.css" in page
    assert heading.lower() in page.lower(), heading


@pytest.mark.parametrize(("url_name", "heading"), ANONYMOUS_PAGES)
def test_pages_before_signing_in(client, url_name, heading):
    assert_in_site_layout(client.get(reverse(url_name)), heading)


@pytest.mark.parametrize(("url_name", "heading"), SIGNED_IN_PAGES)
def test_pages_of_a_signed_in_member(client, url_name, heading):
    member = MembershipFactory().user
    secret = activate_totp(member)
    activate_recovery_codes(member)
    # Signing in for real: allauth lets two-factor settings change only just after a sign-in.
    client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})

    assert_in_site_layout(client.get(reverse(url_name)), heading)


def test_a_broken_password_reset_link_is_explained(client):
    response = client.get(
        reverse("account_reset_password_from_key", kwargs={"uidb36": "zz", "key": "cle-cassee"}),
        follow=True,
    )

    assert_in_site_layout(response, "Mauvais jeton d'identification")
