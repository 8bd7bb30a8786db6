"""The adviser's journey: an adviser in the « Conseillers » group with an authenticator app, a
member who may not open the admin, and the offer a resident says « Ça m'intéresse » to (a demo
offer answered through the advisers). See tests/e2e/content.py.

Every account signs in with tests.extranet.factories.PASSWORD.
"""

from django.contrib.auth.models import Group

from extranet.permissions import ADVISERS_GROUP_NAME
from offers.models import OfferPage
from tests.extranet.factories import MembershipFactory, UserFactory, activate_totp
from tests.organisations.factories import OrganisationFactory, valid_siret

DOMAIN = "e2e.dynamique-emploi.fr"
ADVISER_EMAIL = f"conseil@{DOMAIN}"
MEMBER_EMAIL = f"sans-admin@{DOMAIN}"


def prepare():
    adviser = UserFactory(email=ADVISER_EMAIL, first_name="Inès", last_name="Conseil")
    adviser.groups.add(Group.objects.get(name=ADVISERS_GROUP_NAME))
    MembershipFactory(
        organisation=OrganisationFactory(
            name="Atelier chantier d'insertion du Canal", siret=valid_siret(91401)
        ),
        user=UserFactory(email=MEMBER_EMAIL, first_name="Hugo", last_name="Sans-Admin"),
    )
    offer = next(
        offer
        for offer in OfferPage.objects.current()
        .filter(locale__language_code="fr")
        .order_by("title")
        if offer.applies_through_advisers
    )
    return {
        "adviser_email": ADVISER_EMAIL,
        "adviser_totp_secret": activate_totp(adviser),
        "no_admin_member_email": MEMBER_EMAIL,
        "adviser_offer_path": offer.get_url(),
        "adviser_offer_title": offer.title,
    }
