"""The site's name in e-mails (issue 14 read « Bonjour, c'est  ! »): allauth's account e-mails
greet and sign with it in every language; the Site record is never left without one
(`set_site_address`), and the production checks say when it is."""

import logging
from pathlib import Path

import allauth
import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Site

from core import production_checks
from extranet.tasks import send_account_email
from tests.extranet.factories import MembershipFactory
from tests.home.factories import create_site

pytestmark = pytest.mark.django_db

SITE_NAME = "Dynamique Emploi dans les Quartiers"
GREETINGS = {
    "fr": f"Bonjour, c'est {SITE_NAME} !",
    "en": f"Hello from {SITE_NAME}!",
}
ALLAUTH_TEMPLATES = Path(allauth.__file__).parent / "templates"
# Every e-mail allauth may send here (no social accounts), by its template prefix.
ACCOUNT_EMAILS = sorted(
    str(path.relative_to(ALLAUTH_TEMPLATES)).removesuffix("_message.txt")
    for folder in ["account/email", "mfa/email"]
    for path in (ALLAUTH_TEMPLATES / folder).glob("*_message.txt")
    if path.name != "base_message.txt"
)


def assert_names_the_site(message, language):
    first_line = message.body.splitlines()[0]
    if language in GREETINGS:
        assert first_line == GREETINGS[language]
    assert SITE_NAME in first_line
    assert SITE_NAME in message.body.splitlines()[-2]  # « Merci d'utiliser … ! »
    assert " !" not in first_line.replace(f"{SITE_NAME} !", "")
    assert "[" not in message.body


def test_the_list_of_account_emails_is_read_from_allauth():
    assert "account/email/password_reset_key" in ACCOUNT_EMAILS
    assert "mfa/email/totp_activated" in ACCOUNT_EMAILS


@pytest.mark.parametrize("language", ["fr", "en", "ar"])
@pytest.mark.parametrize("template_prefix", ACCOUNT_EMAILS)
def test_every_account_email_greets_with_the_sites_name(template_prefix, language):
    user = MembershipFactory(user__email="karim@example.org").user

    send_account_email(template_prefix, user.email, {"user": user}, language)

    [message] = mail.outbox
    assert_names_the_site(message, language)


def test_a_password_reset_asked_on_the_site_names_it(client, django_capture_on_commit_callbacks):
    member = MembershipFactory(user__email="karim@example.org").user

    # The adapter queues the e-mail once the request's transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": member.email})

    [message] = mail.outbox
    assert_names_the_site(message, "fr")
    assert message.subject == "[Dynamique Emploi] E-mail de réinitialisation de mot de passe"


def test_an_unnamed_site_record_is_named_by_set_site_address(settings, capsys):
    settings.SITE_URL = "https://www.dynamique-emploi.fr"
    create_site(site_name="")

    call_command("set_site_address")

    assert f"Nom du site : « {SITE_NAME} »." in capsys.readouterr().out
    site = Site.objects.get(is_default_site=True)
    assert site.site_name == SITE_NAME == settings.WAGTAIL_SITE_NAME
    assert site.hostname == "www.dynamique-emploi.fr"


def test_set_site_address_keeps_the_name_an_editor_chose(capsys):
    create_site(site_name="PTCE Dynamique Emploi")

    call_command("set_site_address")

    assert Site.objects.get(is_default_site=True).site_name == "PTCE Dynamique Emploi"
    assert "déjà" in capsys.readouterr().out


def test_the_production_checks_warn_about_an_unnamed_site(caplog):
    from django.db import connection

    create_site(site_name="")

    site = production_checks.default_site(connection)
    [warning] = production_checks.site_name_warnings(site)
    assert "n'a pas de nom" in warning
    assert "set_site_address" in warning
    with caplog.at_level(logging.WARNING, logger="core.production_checks"):
        problems = production_checks.startup_problems()
    # A warning, not a reason to refuse to start.
    assert not any("nom" in problem for problem in problems)
    assert "n'a pas de nom" in caplog.text


def test_a_named_site_gets_no_warning():
    from django.db import connection

    create_site()

    assert production_checks.site_name_warnings(production_checks.default_site(connection)) == []


def test_the_site_name_is_settings_own():
    assert settings.WAGTAIL_SITE_NAME == SITE_NAME
