"""Signing in: e-mail and password, two-factor for coordinators and editors, rate limits, admin."""

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from tests.extranet.factories import (
    PASSWORD,
    CoordinatorFactory,
    EditorFactory,
    MembershipFactory,
    activate_recovery_codes,
    activate_totp,
    totp_code,
)
from tests.extranet.pages import text

pytestmark = pytest.mark.django_db

LOGIN_URL = reverse("account_login")
MFA_URL = reverse("mfa_authenticate")
ACTIVATE_TOTP_URL = reverse("mfa_activate_totp")
EXTRANET_URL = reverse("extranet:home")


def sign_in(client, user, password=PASSWORD, **extra):
    return client.post(LOGIN_URL, {"login": user.email, "password": password, **extra})


def signed_in_user(client):
    return client.get(EXTRANET_URL).wsgi_request.user


class TestSignIn:
    def test_the_sign_in_page_is_in_french_without_sign_up(self, client):
        response = client.get(LOGIN_URL)

        assert response.status_code == 200
        page = text(response)
        assert "Espace membres : se connecter" in page
        assert "Mot de passe oublié ?" in page
        assert reverse("account_signup") not in page
        assert '<meta name="robots" content="noindex">' in page

    def test_a_member_signs_in_with_their_email_and_lands_on_the_extranet(self, client):
        member = MembershipFactory(user__email="aicha@example.org").user

        response = client.post(LOGIN_URL, {"login": " Aicha@Example.ORG ", "password": PASSWORD})

        assert response.status_code == 302
        assert response["Location"] == EXTRANET_URL
        assert signed_in_user(client) == member

    def test_a_wrong_password_is_refused_with_a_message(self, client):
        member = MembershipFactory().user

        response = sign_in(client, member, password="pas-le-bon")

        assert response.status_code == 200
        assert "L’adresse e-mail ou le mot de passe sont incorrects." in text(response)
        assert f'value="{member.email}"' in text(response)
        assert not signed_in_user(client).is_authenticated

    def test_sign_up_is_closed(self, client):
        response = client.post(
            reverse("account_signup"),
            {"email": "nouveau@example.org", "password1": PASSWORD, "password2": PASSWORD},
        )

        assert "L'inscription se fait sur invitation" in text(response)
        assert not get_user_model().objects.filter(email="nouveau@example.org").exists()

    def test_an_unverified_address_must_be_confirmed_first(
        self, client, django_capture_on_commit_callbacks
    ):
        member = MembershipFactory(user__verified_email=False).user

        with django_capture_on_commit_callbacks(execute=True):
            response = sign_in(client, member)

        assert response["Location"] == reverse("account_email_verification_sent")
        [message] = mail.outbox
        assert message.to == [member.email]
        assert not signed_in_user(client).is_authenticated

    def test_password_reset_sends_a_link_in_the_background(
        self, client, django_capture_on_commit_callbacks
    ):
        member = MembershipFactory().user

        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("account_reset_password"), {"email": member.email})

        assert response.status_code == 302
        [message] = mail.outbox
        assert message.to == [member.email]
        assert message.subject.startswith("[Dynamique Emploi]")
        assert "/compte/password/reset/key/" in message.body

    def test_a_removed_member_can_no_longer_sign_in(self, client, coordinator):
        membership = MembershipFactory()
        client.force_login(coordinator)
        client.post(reverse("extranet:remove_member", args=[membership.pk]))
        client.logout()

        response = sign_in(client, membership.user)

        assert not signed_in_user(client).is_authenticated
        assert response.status_code in (200, 302)
        if response.status_code == 302:
            assert response["Location"] == reverse("account_inactive")


class TestRateLimit:
    def test_after_five_failures_even_the_right_password_is_refused(self, client):
        member = MembershipFactory().user

        for _attempt in range(5):
            response = sign_in(client, member, password="pas-le-bon")
            assert "L’adresse e-mail ou le mot de passe sont incorrects." in text(response)
        response = sign_in(client, member)

        assert "Trop de tentatives de connexion échouées" in text(response)
        assert not signed_in_user(client).is_authenticated

    def test_the_limit_is_per_address(self, client):
        member, colleague = MembershipFactory().user, MembershipFactory().user
        for _attempt in range(5):
            sign_in(client, member, password="pas-le-bon")

        response = sign_in(client, colleague)

        assert response.status_code == 302
        assert signed_in_user(client) == colleague

    def test_password_reset_requests_are_limited(self, client):
        member = MembershipFactory().user

        statuses = [
            client.post(reverse("account_reset_password"), {"email": member.email}).status_code
            for _request in range(6)
        ]

        assert statuses[:5] == [302] * 5
        assert statuses[5] == 429


class TestRateLimitBehindTheProxy:
    """Behind the documented nginx every request comes from the proxy's address; the visitor's
    is in X-Real-IP (CLIENT_IP_HEADER). Counting the proxy let ten wrong passwords from anyone
    lock everyone out (the probe's finding 2)."""

    @pytest.fixture(autouse=True)
    def behind_nginx(self, settings):
        settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"

    @staticmethod
    def from_visitor(client, address, email, password):
        return client.post(
            LOGIN_URL,
            {"login": email, "password": password},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_REAL_IP=address,
        )

    def test_one_visitors_failures_do_not_lock_the_others_out(self, client):
        coordinator = CoordinatorFactory()
        activate_totp(coordinator)
        for attempt in range(10):
            self.from_visitor(client, "203.0.113.7", f"essai{attempt}@example.org", "mauvais")
        refused = self.from_visitor(client, "203.0.113.7", "essai99@example.org", "mauvais")
        assert "Trop de tentatives de connexion échouées" in text(refused)

        response = self.from_visitor(client, "198.51.100.20", coordinator.email, PASSWORD)

        assert response.status_code == 302
        assert response["Location"] == MFA_URL

    def test_the_two_factor_step_is_limited_per_account(self, client):
        coordinator = CoordinatorFactory()
        secret = activate_totp(coordinator)
        self.from_visitor(client, "203.0.113.7", coordinator.email, PASSWORD)
        valid = {totp_code(secret, periods_from_now=shift) for shift in (-1, 0, 1)}
        wrong = [code for code in (f"{n:06d}" for n in range(100)) if code not in valid]

        for code in wrong[:5]:
            client.post(MFA_URL, {"code": code}, HTTP_X_REAL_IP="203.0.113.7")
        response = client.post(MFA_URL, {"code": totp_code(secret)}, HTTP_X_REAL_IP="203.0.113.7")

        assert not signed_in_user(client).is_authenticated
        assert response.status_code in (200, 429)

    def test_public_forms_count_the_visitor_too(self, rf):
        from core.client_ip import client_ip

        request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="203.0.113.7")
        assert client_ip(request) == "203.0.113.7"
        # Not through the proxy (a probe on the app server itself): the connection's address.
        assert client_ip(rf.get("/", REMOTE_ADDR="10.0.0.5")) == "10.0.0.5"
        assert client_ip(rf.get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_REAL_IP="junk")) == "10.0.0.5"


class TestTwoFactor:
    def test_a_coordinator_without_totp_is_sent_to_set_it_up(self, client):
        coordinator = CoordinatorFactory()

        response = sign_in(client, coordinator)
        assert response["Location"] == EXTRANET_URL
        response = client.get(EXTRANET_URL)

        assert response.status_code == 302
        assert response["Location"] == ACTIVATE_TOTP_URL
        assert client.get(reverse("wagtailadmin_home"))["Location"] == ACTIVATE_TOTP_URL
        page = client.get(ACTIVATE_TOTP_URL)
        assert page.status_code == 200
        assert "Activer l'application d'authentification" in text(page)
        assert "obligatoire pour l'équipe de coordination" in text(page)

    def test_setting_totp_up_opens_the_extranet(self, client):
        coordinator = CoordinatorFactory()
        sign_in(client, coordinator)
        client.get(ACTIVATE_TOTP_URL)
        secret = client.session["mfa.totp.secret"]

        # Typing the app's first code counts as this session's two-factor step.
        response = client.post(ACTIVATE_TOTP_URL, {"code": totp_code(secret)})

        assert response.status_code == 302
        assert Authenticator.objects.filter(user=coordinator, type=Authenticator.Type.TOTP).exists()
        assert client.get(EXTRANET_URL).status_code == 200

    def test_an_editor_without_totp_is_sent_to_set_it_up(self, client):
        editor = EditorFactory()
        sign_in(client, editor)

        response = client.get(reverse("wagtailadmin_home"))

        assert response["Location"] == ACTIVATE_TOTP_URL

    def test_a_member_is_offered_two_factor_but_not_forced(self, client):
        member = MembershipFactory().user
        sign_in(client, member)

        assert client.get(EXTRANET_URL).status_code == 200
        assert client.get(ACTIVATE_TOTP_URL).status_code == 200

    def test_a_coordinator_with_totp_enters_a_code_after_the_password(self, client):
        coordinator = CoordinatorFactory()
        secret = activate_totp(coordinator)

        response = sign_in(client, coordinator)
        assert response["Location"] == MFA_URL
        assert not signed_in_user(client).is_authenticated

        response = client.post(MFA_URL, {"code": totp_code(secret)})

        assert response["Location"] == EXTRANET_URL
        assert signed_in_user(client) == coordinator
        assert client.get(EXTRANET_URL).status_code == 200

    def test_a_wrong_code_is_refused(self, client):
        coordinator = CoordinatorFactory()
        secret = activate_totp(coordinator)
        sign_in(client, coordinator)
        # Not the code of this period nor of the ones just before and after (the tolerance).
        valid = {totp_code(secret, periods_from_now=shift) for shift in (-1, 0, 1)}
        wrong = next(code for code in ("000000", "111111", "222222", "333333") if code not in valid)

        response = client.post(MFA_URL, {"code": wrong})

        assert response.status_code == 200
        assert "Code incorrect." in text(response)
        assert not signed_in_user(client).is_authenticated

    def test_a_recovery_code_works_once(self, client):
        coordinator = CoordinatorFactory()
        activate_totp(coordinator)
        code = activate_recovery_codes(coordinator)[0]

        sign_in(client, coordinator)
        response = client.post(MFA_URL, {"code": code})
        assert response["Location"] == EXTRANET_URL
        assert signed_in_user(client) == coordinator

        client.logout()
        sign_in(client, coordinator)
        response = client.post(MFA_URL, {"code": code})
        assert "Code incorrect." in text(response)

    def test_a_coordinator_cannot_turn_totp_off(self, client):
        coordinator = CoordinatorFactory()
        secret = activate_totp(coordinator)
        sign_in(client, coordinator)
        client.post(MFA_URL, {"code": totp_code(secret)})

        client.post(reverse("mfa_deactivate_totp"), {})

        assert Authenticator.objects.filter(user=coordinator, type=Authenticator.Type.TOTP).exists()


class TestAdminSignIn:
    def test_the_admin_sends_anonymous_visitors_to_the_sign_in(self, client):
        response = client.get(reverse("wagtailadmin_home"), follow=True)

        url = response.redirect_chain[-1][0]
        assert url.startswith(LOGIN_URL)
        assert "next=%2Fadmin%2F" in url or "next=/admin/" in url

    def test_the_admins_own_login_page_redirects_too(self, client):
        response = client.get("/admin/login/?next=/admin/pages/")

        assert response.status_code == 302
        assert response["Location"] == f"{LOGIN_URL}?next=%2Fadmin%2Fpages%2F"

    def test_an_editor_signs_in_through_it_and_reaches_the_admin(self, client):
        editor = EditorFactory()
        secret = activate_totp(editor)

        response = client.post(
            f"{LOGIN_URL}?next=/admin/",
            {"login": editor.email, "password": PASSWORD, "next": "/admin/"},
        )
        assert response["Location"] == MFA_URL
        response = client.post(MFA_URL, {"code": totp_code(secret)})

        assert response["Location"] == "/admin/"
        assert client.get("/admin/").status_code == 200

    def test_signing_out_of_the_admin_works(self, client):
        editor = EditorFactory()
        activate_totp(editor)
        client.force_login(editor)

        response = client.post(reverse("wagtailadmin_logout"))

        assert response.status_code == 302
        assert not signed_in_user(client).is_authenticated
        assert client.get("/admin/", follow=True).redirect_chain[-1][0].startswith(LOGIN_URL)

    def test_a_link_to_the_admins_sign_out_signs_nobody_out(self, client):
        """Wagtail's sign-out drops the session cookie even on a GET it refuses: a link on any
        site would sign an editor out (found by tests/security/test_every_url.py)."""
        editor = EditorFactory()
        activate_totp(editor)
        client.force_login(editor)

        response = client.get(reverse("wagtailadmin_logout"))

        assert response.status_code == 405
        assert signed_in_user(client) == editor

    def test_someone_signed_in_without_admin_rights_is_told_so_without_a_loop(self, client):
        member = MembershipFactory().user
        client.force_login(member)

        response = client.get("/admin/", follow=True)

        assert len(response.redirect_chain) <= 2
        assert response.status_code == 403
        assert "Votre compte n'ouvre pas l'administration du site." in text(response)


class TestOneDoorIn:
    """Every way in asks for the TOTP code of those who have one (the probe's finding 1)."""

    @pytest.mark.parametrize("prefix", ["", "/en", "/ar"])
    def test_wagtails_private_page_login_leads_to_the_sign_in(self, client, prefix):
        coordinator = CoordinatorFactory()
        activate_totp(coordinator)

        response = client.get(f"{prefix}/_util/login/?next=/extranet/")
        assert response.status_code == 302
        assert response["Location"].endswith("?next=%2Fextranet%2F")
        assert "/compte/login/" in response["Location"]

        # Posting a password to it as to Django's LoginView signs nobody in.
        response = client.post(
            f"{prefix}/_util/login/", {"username": coordinator.email, "password": PASSWORD}
        )
        assert not signed_in_user(client).is_authenticated

    def test_the_admins_password_reset_pages_lead_to_allauths(self, client):
        for url in (
            "/admin/password_reset/",
            "/admin/password_reset/done/",
            "/admin/password_reset/confirm/MQ/set-password/",
            "/admin/password_reset/complete/",
        ):
            response = client.get(url)
            assert response.status_code == 302, url
            assert response["Location"] == reverse("account_reset_password"), url

    def test_a_session_without_the_code_does_not_open_the_admin_nor_the_extranet(self, client):
        """A session signed in by the password alone (any door that skipped the TOTP step, or
        two-factor required since) is asked for a code before anything private."""
        coordinator = CoordinatorFactory(is_superuser=True)
        secret = activate_totp(coordinator)
        client.force_login(coordinator, two_factor=False)

        for url in ("/admin/", "/extranet/", "/extranet/porteurs-de-projet/export/csv/"):
            response = client.get(url)
            assert response.status_code == 302, url
            assert response["Location"].startswith(reverse("mfa_reauthenticate")), url

        response = client.post(
            f"{reverse('mfa_reauthenticate')}?next=/admin/", {"code": totp_code(secret)}
        )
        assert response["Location"] == "/admin/"
        assert client.get("/admin/").status_code == 200
        assert client.get("/extranet/").status_code == 200

    def test_a_member_needs_no_code(self, client):
        member = MembershipFactory().user
        client.force_login(member, two_factor=False)

        assert client.get(EXTRANET_URL).status_code == 200

    def test_a_password_reset_link_never_signs_in(self, client, django_capture_on_commit_callbacks):
        coordinator = CoordinatorFactory()
        activate_totp(coordinator)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("account_reset_password"), {"email": coordinator.email})
        [message] = mail.outbox
        link = next(word for word in message.body.split() if "/password/reset/key/" in word)
        path = "/" + link.split("/", 3)[3]

        response = client.get(path, follow=True)
        new_password = "Un-nouveau-mot-de-passe-2026"
        response = client.post(
            response.redirect_chain[-1][0] if response.redirect_chain else path,
            {"password1": new_password, "password2": new_password},
        )

        assert response.status_code == 302
        assert not signed_in_user(client).is_authenticated
        # Signing in with the new password still asks for the code.
        response = sign_in(client, coordinator, password=new_password)
        assert response["Location"] == MFA_URL
