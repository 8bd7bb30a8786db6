"""Invitations: sent, accepted once, refused when expired, reused, revoked or tampered with."""

import datetime

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone

from extranet.enums import MembershipRole
from extranet.models import INVITATION_TOKEN_SALT, Invitation, Membership
from extranet.tasks import invitation_url
from tests.extranet.factories import PASSWORD, InvitationFactory, MembershipFactory
from tests.extranet.pages import text

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "des-quartiers-qui-recrutent-2026"


def accept_url(invitation):
    return reverse("extranet:accept_invitation", kwargs={"token": invitation.token})


def accept_data(**overrides):
    return {
        "first_name": "Fatou",
        "last_name": "Diallo",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        **overrides,
    }


def link_in(message):
    return next(word for word in message.body.split() if "/extranet/rejoindre/" in word)


def assert_opens(link, invitation):
    """The link is this invitation's, whatever second its token was signed in."""
    base, token = link.rstrip("/").rsplit("/", 1)
    assert f"{base}/" == invitation_url(invitation).rsplit("/", 2)[0] + "/"
    assert Invitation.unsign_token(token) == (invitation.pk, invitation.key)


class TestInviting:
    def test_an_org_admin_invites_a_colleague_who_receives_a_link(
        self, client, org_admin, organisation, django_capture_on_commit_callbacks
    ):
        client.force_login(org_admin)

        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("extranet:invite", args=[organisation.pk]),
                {"email": " Fatou.Diallo@Example.org ", "role": MembershipRole.MEMBER},
                follow=True,
            )

        invitation = Invitation.objects.get()
        assert invitation.email == "fatou.diallo@example.org"
        assert invitation.organisation == organisation
        assert invitation.invited_by == org_admin
        assert invitation.sent_at is not None
        assert "Invitation envoyée à fatou.diallo@example.org" in text(response)
        assert "fatou.diallo@example.org" in text(response)  # in the pending list
        [message] = mail.outbox
        assert message.to == ["fatou.diallo@example.org"]
        assert organisation.name in message.subject
        assert_opens(link_in(message), invitation)
        assert link_in(message) in message.alternatives[0][0]

    def test_a_coordinator_invites_an_organisations_first_admin(
        self, client, coordinator, other_organisation, django_capture_on_commit_callbacks
    ):
        client.force_login(coordinator)
        form_page = client.get(reverse("extranet:invite", args=[other_organisation.pk]))
        # No admin yet: the form suggests making this person the admin.
        assert form_page.context["form"]["role"].value() == MembershipRole.ADMIN

        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                reverse("extranet:invite", args=[other_organisation.pk]),
                {"email": "direction@entrepots.example", "role": MembershipRole.ADMIN},
            )

        invitation = Invitation.objects.get()
        assert invitation.role == MembershipRole.ADMIN
        assert len(mail.outbox) == 1

    def test_bad_addresses_are_refused_next_to_the_field_and_kept(
        self, client, org_admin, organisation
    ):
        MembershipFactory(user__email="deja@example.org")
        InvitationFactory(organisation=organisation, email="attend@example.org")
        client.force_login(org_admin)
        url = reverse("extranet:invite", args=[organisation.pk])

        for email, error in [
            ("pas-une-adresse", "Saisissez une adresse de courriel valide."),
            ("deja@example.org", "déjà un compte dans une organisation membre"),
            ("ATTEND@example.org", "Une invitation attend déjà cette adresse"),
        ]:
            response = client.post(url, {"email": email, "role": MembershipRole.MEMBER})
            assert response.status_code == 200
            assert error in text(response)
            assert f'value="{email}"' in text(response)
        assert Invitation.objects.count() == 1

    def test_the_invitation_is_saved_even_when_the_email_fails(
        self, client, org_admin, organisation, django_capture_on_commit_callbacks, settings
    ):
        settings.EMAIL_BACKEND = "tests.extranet.test_invitations.BrokenEmailBackend"
        client.force_login(org_admin)

        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("extranet:invite", args=[organisation.pk]),
                {"email": "fatou@example.org", "role": MembershipRole.MEMBER},
            )

        assert response.status_code == 302
        invitation = Invitation.objects.get()
        assert invitation.sent_at is None  # it can be resent from the list

    def test_an_org_admin_cannot_invite_into_another_organisation(
        self, client, org_admin, other_organisation
    ):
        client.force_login(org_admin)

        response = client.post(
            reverse("extranet:invite", args=[other_organisation.pk]),
            {"email": "intrus@example.org", "role": MembershipRole.ADMIN},
        )

        assert response.status_code == 404
        assert not Invitation.objects.exists()

    def test_a_member_cannot_invite(self, client, member, organisation):
        client.force_login(member)

        response = client.post(
            reverse("extranet:invite", args=[organisation.pk]),
            {"email": "collegue@example.org", "role": MembershipRole.MEMBER},
        )

        assert response.status_code == 403
        assert "Action réservée aux administrateurs" in text(response)
        assert not Invitation.objects.exists()


class BrokenEmailBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("The mail server is down.")


class TestAccepting:
    def test_accepting_creates_the_account_and_membership_and_signs_in(self, client, organisation):
        invitation = InvitationFactory(
            organisation=organisation, email="fatou@example.org", role=MembershipRole.ADMIN
        )
        page = client.get(accept_url(invitation))
        assert page.status_code == 200
        assert "fatou@example.org" in text(page)
        assert organisation.name in text(page)

        response = client.post(accept_url(invitation), accept_data(), follow=True)

        user = get_user_model().objects.get(email="fatou@example.org")
        assert user.get_full_name() == "Fatou Diallo"
        assert user.check_password(NEW_PASSWORD)
        assert EmailAddress.objects.get(user=user).verified
        membership = Membership.objects.get(user=user)
        assert membership.organisation == organisation
        assert membership.role == MembershipRole.ADMIN
        invitation.refresh_from_db()
        assert invitation.accepted_by == user
        assert response.redirect_chain[-1][0] == reverse("extranet:home")
        assert "Bienvenue Fatou" in text(response)
        assert response.context["user"] == user

    def test_the_new_member_can_then_sign_in_with_their_password(self, client, organisation):
        invitation = InvitationFactory(organisation=organisation, email="fatou@example.org")
        client.post(accept_url(invitation), accept_data())
        client.logout()

        response = client.post(
            reverse("account_login"), {"login": "fatou@example.org", "password": NEW_PASSWORD}
        )

        assert response.status_code == 302
        assert response["Location"] == reverse("extranet:home")

    def test_mistakes_are_shown_next_to_the_fields_and_what_was_typed_is_kept(
        self, client, organisation
    ):
        invitation = InvitationFactory(organisation=organisation)

        response = client.post(
            accept_url(invitation),
            accept_data(first_name="", password1="1234", password2="5678"),
        )

        assert response.status_code == 200
        assert "Champ requis." in text(response)
        assert "Les deux mots de passe ne sont pas identiques." in text(response)
        assert 'value="Diallo"' in text(response)
        response = client.post(
            accept_url(invitation), accept_data(password1="12345678", password2="12345678")
        )
        assert "Ce mot de passe est trop court" in text(response)
        assert not get_user_model().objects.filter(email=invitation.email).exists()

    def test_a_used_link_is_refused(self, client, organisation):
        invitation = InvitationFactory(organisation=organisation)
        client.post(accept_url(invitation), accept_data())
        client.logout()

        for response in (
            client.get(accept_url(invitation)),
            client.post(accept_url(invitation), accept_data(first_name="Autre")),
        ):
            assert response.status_code == 410
            assert "Cette invitation a déjà servi" in text(response)
        assert get_user_model().objects.get(email=invitation.email).first_name == "Fatou"

    def test_an_expired_link_is_refused(self, client, organisation):
        invitation = InvitationFactory(organisation=organisation)

        with time_machine.travel(timezone.now() + datetime.timedelta(days=14, minutes=1)):
            response = client.post(accept_url(invitation), accept_data())

        assert response.status_code == 410
        assert "Cette invitation a expiré" in text(response)
        assert not get_user_model().objects.filter(email=invitation.email).exists()

    def test_a_link_is_still_valid_on_its_thirteenth_day(self, client, organisation):
        invitation = InvitationFactory(organisation=organisation)

        with time_machine.travel(timezone.now() + datetime.timedelta(days=13, hours=23)):
            response = client.get(accept_url(invitation))

        assert response.status_code == 200

    def test_a_revoked_link_is_refused(self, client, organisation):
        invitation = InvitationFactory(organisation=organisation, revoked=True)

        response = client.post(accept_url(invitation), accept_data())

        assert response.status_code == 410
        assert "Cette invitation a été annulée" in text(response)
        assert not get_user_model().objects.filter(email=invitation.email).exists()

    @pytest.mark.parametrize(
        "token",
        [
            "nimporte-quoi",
            "WzEsImFiYyJd:1tGxyz:abcdefghijklmnopqrstuvwxyz0123456789ABCDEF",
            signing.dumps([1, "cle"], salt="autre-chose"),
            signing.dumps("pas-une-liste", salt=INVITATION_TOKEN_SALT),
        ],
        ids=["garbage", "forged", "signed-for-something-else", "not-an-invitation"],
    )
    def test_a_tampered_link_is_refused(self, client, token):
        response = client.get(reverse("extranet:accept_invitation", kwargs={"token": token}))

        assert response.status_code == 400
        assert "Ce lien d'invitation est incomplet" in text(response)

    def test_a_link_to_a_deleted_invitation_is_not_found(self, client, organisation):
        invitation = InvitationFactory(organisation=organisation)
        url = accept_url(invitation)
        invitation.delete()

        response = client.get(url)

        assert response.status_code == 404
        assert "Cette invitation n'existe pas" in text(response)

    def test_someone_already_in_an_organisation_cannot_join_another(
        self, client, other_member, organisation
    ):
        invitation = InvitationFactory(organisation=organisation, email=other_member.email)

        response = client.post(accept_url(invitation), accept_data())

        assert response.status_code == 409
        assert Membership.objects.current().get(user=other_member).organisation != organisation
        other_member.refresh_from_db()
        assert other_member.check_password(PASSWORD)

    def test_a_removed_member_invited_again_gets_their_account_back(
        self, client, coordinator, organisation
    ):
        membership = MembershipFactory(organisation=organisation, user__email="retour@example.org")
        client.force_login(coordinator)
        client.post(reverse("extranet:remove_member", args=[membership.pk]))
        client.logout()
        invitation = InvitationFactory(organisation=organisation, email="retour@example.org")

        client.post(accept_url(invitation), accept_data())

        user = get_user_model().objects.get(email="retour@example.org")
        assert user.is_active
        assert Membership.objects.current().get(user=user).organisation == organisation
        # With the password they had: the link changes no password.
        assert user.check_password(PASSWORD)
        assert not user.check_password(NEW_PASSWORD)


class TestAnExistingAccount:
    """An organisation admin may invite any address, a coordinator's or an editor's too: the
    link must neither replace that account's password nor sign anyone in (probe's finding 4)."""

    @pytest.fixture
    def invited_coordinator(self, coordinator, org_admin, organisation):
        return InvitationFactory(
            organisation=organisation, email=coordinator.email, invited_by=org_admin
        )

    def test_the_link_asks_for_no_password(self, client, invited_coordinator):
        page = client.get(accept_url(invited_coordinator))

        assert page.status_code == 200
        assert "Un compte existe déjà" in text(page)
        assert 'type="password"' not in text(page)

    def test_following_it_keeps_the_password_and_signs_nobody_in(
        self, client, coordinator, invited_coordinator
    ):
        response = client.post(accept_url(invited_coordinator), accept_data())

        coordinator.refresh_from_db()
        assert coordinator.check_password(PASSWORD)
        assert not coordinator.check_password(NEW_PASSWORD)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
        assert not client.get(reverse("account_login")).wsgi_request.user.is_authenticated
        admin = client.get("/admin/", follow=True)
        assert admin.redirect_chain[-1][0].startswith(reverse("account_login"))

    def test_the_owner_then_signs_in_with_their_own_password_and_code(
        self, client, coordinator, invited_coordinator
    ):
        client.post(accept_url(invited_coordinator), accept_data())

        response = client.post(
            reverse("account_login"), {"login": coordinator.email, "password": PASSWORD}
        )

        assert response["Location"] == reverse("mfa_authenticate")


class TestResendingAndRevoking:
    def test_resending_sends_a_new_link_with_a_new_expiry_and_kills_the_old_one(
        self, client, org_admin, organisation, django_capture_on_commit_callbacks
    ):
        invitation = InvitationFactory(
            organisation=organisation,
            expires_at=timezone.now() - datetime.timedelta(days=1),
        )
        old_url = accept_url(invitation)
        client.force_login(org_admin)

        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("extranet:resend_invitation", args=[invitation.pk]), follow=True
            )

        assert "Invitation renvoyée" in text(response)
        invitation.refresh_from_db()
        assert invitation.expires_at > timezone.now() + datetime.timedelta(days=13)
        [message] = mail.outbox
        assert_opens(link_in(message), invitation)
        client.logout()
        old = client.get(old_url)
        assert old.status_code == 410
        assert "Ce lien a été remplacé" in text(old)
        assert client.get(accept_url(invitation)).status_code == 200

    def test_revoking_closes_the_invitation(self, client, org_admin, organisation):
        invitation = InvitationFactory(organisation=organisation)
        client.force_login(org_admin)

        response = client.post(
            reverse("extranet:revoke_invitation", args=[invitation.pk]), follow=True
        )

        assert "révoquée" in text(response)
        invitation.refresh_from_db()
        assert invitation.revoked_by == org_admin
        pending = client.get(reverse("extranet:invitations", args=[organisation.pk]))
        assert invitation.email not in text(pending)
        client.logout()
        assert client.get(accept_url(invitation)).status_code == 410

    def test_resend_and_revoke_change_nothing_on_a_get(self, client, org_admin, organisation):
        invitation = InvitationFactory(organisation=organisation)
        key = invitation.key
        client.force_login(org_admin)

        for name in ("extranet:resend_invitation", "extranet:revoke_invitation"):
            assert client.get(reverse(name, args=[invitation.pk])).status_code == 405
        invitation.refresh_from_db()
        assert invitation.key == key
        assert invitation.revoked_at is None
