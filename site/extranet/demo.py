"""The extranet's demo content: a coordinator, and admins and members of two organisations.

Run by `manage.py load_demo` through the LOAD_DEMO_HOOK (extranet/wagtail_hooks.py), after the
offers' step, which creates the organisations. Accounts get DEMO_PASSWORD, or one password
generated for this run and printed once; an account that exists is left alone (its password is
never reset), so a second run changes nothing. The home app's editor gets a verified address,
since allauth asks every account to confirm its address before signing in.
"""

import secrets

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils.translation import gettext as _

from extranet.enums import MembershipRole
from extranet.models import Invitation, Membership
from extranet.permissions import COORDINATORS_GROUP_NAME
from organisations.models import Organisation

COORDINATOR = ("coordination@dynamique-emploi.fr", "Nadia", "Benali")
# Organisation name (from offers.demo) → its people: (e-mail, first name, last name, role).
MEMBERS = {
    "Régie de quartier des Francs-Moisins": [
        ("samia.haddad@regie-francs-moisins.example", "Samia", "Haddad", MembershipRole.ADMIN),
        ("karim.traore@regie-francs-moisins.example", "Karim", "Traoré", MembershipRole.MEMBER),
    ],
    "Entrepôts du Canal": [
        ("julien.moreau@entrepots-canal.example", "Julien", "Moreau", MembershipRole.ADMIN),
        ("lea.nguyen@entrepots-canal.example", "Léa", "Nguyen", MembershipRole.MEMBER),
    ],
}
# A first admin invited by the coordinator, who has not answered yet.
PENDING_INVITATION = ("Les Jardins de la Source", "direction@jardins-de-la-source.example")


class DemoAccounts:
    """Creates accounts with one password for the run, and says which password they got."""

    def __init__(self, demo):
        self.demo = demo
        self.password = settings.DEMO_PASSWORD or secrets.token_urlsafe(12)
        self.created = []

    def get_or_create(self, email, first_name, last_name):
        user_model = get_user_model()
        user = user_model.objects.filter(email__iexact=email).first()
        if user is None:
            user = user_model.objects.create_user(
                username=email,
                email=email,
                password=self.password,
                first_name=first_name,
                last_name=last_name,
            )
            self.created.append(email)
            self.demo.count("users")
        verify_email(user)
        return user

    def report(self):
        if not self.created:
            self.demo.log(_("Comptes de l'espace membres déjà en place."))
            return
        if settings.DEMO_PASSWORD:
            self.demo.log(
                _("Comptes de l'espace membres créés (mot de passe de DEMO_PASSWORD) : %(emails)s")
                % {"emails": ", ".join(self.created)}
            )
        else:
            self.demo.log(
                _(
                    "Comptes de l'espace membres créés : %(emails)s, mot de passe : %(password)s "
                    "(notez-le, il ne sera plus affiché)."
                )
                % {"emails": ", ".join(self.created), "password": self.password}
            )
        self.demo.log(
            _(
                "La coordinatrice (%(email)s) et l'éditeur activent la double authentification "
                "à leur première connexion."
            )
            % {"email": COORDINATOR[0]}
        )


def verify_email(user):
    if not EmailAddress.objects.filter(user=user, email__iexact=user.email).exists():
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)


def load_extranet_demo(demo):
    from home.demo.content import EDITOR_EMAIL

    accounts = DemoAccounts(demo)
    coordinators, _created = Group.objects.get_or_create(name=COORDINATORS_GROUP_NAME)
    coordinator = accounts.get_or_create(*COORDINATOR)
    coordinator.groups.add(coordinators)

    organisations = {
        organisation.name: organisation
        for organisation in Organisation.objects.filter(name__in=[*MEMBERS, PENDING_INVITATION[0]])
    }
    for name, people in MEMBERS.items():
        organisation = organisations.get(name)
        if organisation is None:
            continue
        for email, first_name, last_name, role in people:
            user = accounts.get_or_create(email, first_name, last_name)
            if not Membership.objects.current().filter(user=user).exists():
                Membership.objects.create(user=user, organisation=organisation, role=role)

    name, email = PENDING_INVITATION
    if name in organisations and not Invitation.objects.filter(email=email).exists():
        # Saved without an e-mail: the demo never writes to anyone.
        Invitation.objects.create(
            organisation=organisations[name],
            email=email,
            role=MembershipRole.ADMIN,
            invited_by=coordinator,
        )

    if editor := get_user_model().objects.filter(username=EDITOR_EMAIL).first():
        verify_email(editor)
    accounts.report()
    demo.log(_("Espace membres : %(url)s") % {"url": settings.SITE_URL.rstrip("/") + "/extranet/"})
