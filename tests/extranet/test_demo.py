"""The extranet part of `manage.py load_demo`: a coordinator and members of two organisations."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from extranet.enums import MembershipRole
from extranet.models import Invitation, Membership
from extranet.permissions import is_coordinator
from tests.home.demo_tests import LoadDemoTwiceTestCase


def content_counts():
    return {
        "users": get_user_model().objects.count(),
        "memberships": Membership.objects.count(),
        "invitations": Invitation.objects.count(),
        "addresses": EmailAddress.objects.count(),
    }


class TestExtranetDemo(LoadDemoTwiceTestCase):
    content_counts = staticmethod(content_counts)

    def test_a_coordinator_and_admins_and_members_of_two_organisations(self):
        coordinator = get_user_model().objects.get(email="coordination@dynamique-emploi.fr")
        assert is_coordinator(coordinator)
        memberships = Membership.objects.current().select_related("organisation")
        organisations = {membership.organisation.name for membership in memberships}
        assert len(organisations) >= 2
        for name in organisations:
            roles = {m.role for m in memberships if m.organisation.name == name}
            assert roles == {MembershipRole.ADMIN, MembershipRole.MEMBER}
        assert Invitation.objects.pending().count() == 1

    def test_every_demo_account_can_sign_in_with_a_verified_address(self):
        for user in get_user_model().objects.all():
            assert EmailAddress.objects.filter(user=user, verified=True, primary=True).exists()

    def test_the_password_is_printed_once(self):
        assert "Comptes de l'espace membres créés" in self.first_output
        assert "mot de passe :" in self.first_output
        assert "Comptes de l'espace membres déjà en place." in self.second_output

    def test_a_second_run_adds_nothing(self):
        assert self.counts_after_second_run == self.counts_after_first_run
