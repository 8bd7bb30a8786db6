"""The extranet part of `manage.py load_demo`: 20 member organisations of every kind (offers.demo
creates them, as employers), a coordinator and members of two of them, the directory's contacts,
the coordinators' announcements."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from core.dates import hub_today
from extranet.enums import MembershipRole
from extranet.models import Announcement, Invitation, Membership
from extranet.permissions import is_coordinator
from organisations.enums import OrganisationKind
from organisations.models import Organisation
from tests.home.demo_tests import LoadDemoTwiceTestCase


def content_counts():
    return {
        "users": get_user_model().objects.count(),
        "memberships": Membership.objects.count(),
        "invitations": Invitation.objects.count(),
        "addresses": EmailAddress.objects.count(),
        "announcements": Announcement.objects.count(),
        "contacts": Organisation.objects.exclude(contact_email="", contact_phone="").count(),
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

    def test_twenty_member_organisations_of_every_kind_in_the_directory(self):
        organisations = Organisation.objects.in_directory()
        assert organisations.count() == Organisation.objects.count() == 20
        kinds = set(organisations.values_list("kind", flat=True))
        assert kinds == set(OrganisationKind.values)

    def test_every_demo_account_can_sign_in_with_a_verified_address(self):
        for user in get_user_model().objects.all():
            assert EmailAddress.objects.filter(user=user, verified=True, primary=True).exists()

    def test_the_password_is_printed_once(self):
        assert "Comptes de l'espace membres créés" in self.first_output
        assert "mot de passe :" in self.first_output
        assert "Comptes de l'espace membres déjà en place." in self.second_output

    def test_a_second_run_adds_nothing(self):
        assert self.counts_after_second_run == self.counts_after_first_run

    def test_most_organisations_show_a_contact_in_the_directory_and_some_do_not(self):
        organisations = Organisation.objects.active()
        shown = [
            organisation for organisation in organisations if organisation.has_directory_contact
        ]
        assert len(shown) >= organisations.count() * 2 // 3
        assert len(shown) < organisations.count()
        hidden = organisations.get(name="Mission locale Objectif Emploi")
        assert hidden.contact_email and not hidden.directory_contact_shown

    def test_three_current_announcements_from_the_coordination(self):
        announcements = list(Announcement.objects.current(hub_today()))
        assert len(announcements) == 3
        assert {announcement.created_by.email for announcement in announcements} == {
            "coordination@dynamique-emploi.fr"
        }
        titles = " ".join(announcement.title for announcement in announcements)
        assert "parrainage" in titles
        assert "Rencontres pour l'emploi" in titles
        assert "guide" in titles
        # Each points at its event or resource.
        assert all(announcement.link for announcement in announcements)

    def test_the_directory_and_the_home_show_them(self):
        member = Membership.objects.current().select_related("user").first().user
        self.client.force_login(member)

        home = self.client.get("/extranet/").content.decode()
        directory = self.client.get("/extranet/annuaire/").content.decode()

        assert "Rencontre collective de parrainage du mois" in home
        assert "Julien Moreau" in directory
        assert "Sophie Durand" not in directory
