"""Factories for extranet accounts, memberships and invitations.

member = MembershipFactory()                        # a member of a new organisation
admin = MembershipFactory(admin=True, organisation=member.organisation)
coordinator = CoordinatorFactory()                  # in the « Coordinateurs » group
InvitationFactory(organisation=org, expired=True)   # also accepted=True, revoked=True
AnnouncementFactory(expired=True)                   # from the coordinators, past its last day
secret = activate_totp(coordinator); code = totp_code(secret)

Every account signs in with PASSWORD and has a verified e-mail address, as after an invitation.
"""

import datetime
import time

import factory
from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from core.dates import hub_today
from extranet.enums import MembershipRole
from extranet.models import Announcement, Invitation, Membership
from extranet.permissions import COORDINATORS_GROUP_NAME
from tests.organisations.factories import OrganisationFactory

PASSWORD = "un-mot-de-passe-solide-2026"


class UserFactory(factory.django.DjangoModelFactory):
    """An active account whose e-mail address is verified; signs in with PASSWORD."""

    email = factory.Sequence(lambda n: f"personne{n}@example.org")
    username = factory.SelfAttribute("email")
    first_name = "Camille"
    last_name = factory.Sequence(lambda n: f"Martin {n}")
    password = factory.django.Password(PASSWORD)

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    # False for an account whose address was never confirmed.
    verified_email = True

    @classmethod
    def _create(cls, model_class, *args, verified_email=True, **kwargs):
        user = super()._create(model_class, *args, **kwargs)
        EmailAddress.objects.create(
            user=user, email=user.email, verified=verified_email, primary=True
        )
        return user


def coordinators_group():
    # get_or_create: live-server tests flush the database, the data migration's group with it.
    return Group.objects.get_or_create(name=COORDINATORS_GROUP_NAME)[0]


class CoordinatorFactory(UserFactory):
    """One of the hub's coordinators."""

    first_name = "Nadia"

    @factory.post_generation
    def coordinator(user, create, extracted, **kwargs):
        if create:
            user.groups.add(coordinators_group())


class EditorFactory(UserFactory):
    """Someone who may open the Wagtail admin."""

    first_name = "Éric"

    @factory.post_generation
    def admin_access(user, create, extracted, **kwargs):
        if create:
            user.user_permissions.add(
                Permission.objects.get(
                    content_type__app_label="wagtailadmin", codename="access_admin"
                )
            )


class MembershipFactory(factory.django.DjangoModelFactory):
    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = MembershipRole.MEMBER

    class Meta:
        model = Membership

    class Params:
        admin = factory.Trait(role=MembershipRole.ADMIN)


class InvitationFactory(factory.django.DjangoModelFactory):
    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"invite{n}@example.org")
    role = MembershipRole.MEMBER

    class Meta:
        model = Invitation

    class Params:
        expired = factory.Trait(
            expires_at=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))
        )
        accepted = factory.Trait(accepted_at=factory.LazyFunction(timezone.now))
        revoked = factory.Trait(revoked_at=factory.LazyFunction(timezone.now))


def activate_totp(user):
    """Give the user an authenticator app, as allauth's activation page would; its secret."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def activate_recovery_codes(user):
    """The user's recovery codes (allauth generates ten)."""
    return RecoveryCodes.activate(user).get_unused_codes()


def totp_code(secret, periods_from_now=0):
    """The code the authenticator app shows now (or that many 30-second periods away)."""
    counter = int(time.time()) // mfa_settings.TOTP_PERIOD + periods_from_now
    return format_hotp_value(hotp_value(secret, counter))


class AnnouncementFactory(factory.django.DjangoModelFactory):
    """A current announcement from the coordinators; `expired=True` for one past its last day."""

    title = factory.Sequence(lambda n: f"Annonce {n}")
    text = "Rendez-vous à la Plateforme Emploi Entreprises.\nVenez nombreux."
    link = ""
    visible_until = None

    class Meta:
        model = Announcement

    class Params:
        expired = factory.Trait(
            visible_until=factory.LazyFunction(lambda: hub_today() - datetime.timedelta(days=1))
        )
