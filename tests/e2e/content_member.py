"""The member's and the coordinator's journeys: their people and content, on top of the demo (see
tests/e2e/content.py).

Made with the factories and explicit names, addresses and SIRETs: this runs in a process of its
own, where the factories' sequences start again at 0 and could meet what the demo made. Every
account signs in with tests.extranet.factories.PASSWORD.
"""

from tests.extranet.factories import (
    CoordinatorFactory,
    MembershipFactory,
    UserFactory,
    activate_totp,
)
from tests.organisations.factories import OrganisationFactory, valid_siret
from tests.project_holders.factories import FollowUpNoteFactory, ProjectHolderFactory

DOMAIN = "e2e.dynamique-emploi.fr"
# A name, an address and a note found nowhere in the demo content: the backups are searched
# for them after the erasure, and must not find them anywhere else.
ERASED_HOLDER = {
    "name": "Rokia Tounkara-Vasseur",
    "email": f"rokia.tounkara-vasseur@{DOMAIN}",
    "phone": "01 99 00 47 31",
    "project_name": "Conserverie solidaire des Tilleuls",
}
ERASED_NOTE = "Rencontrée au forum de la Maison des Tilleuls, veut un local partagé."
# Listed in the export beside the erased one, and kept.
KEPT_HOLDER = {
    "name": "Baptiste Ngoma-Leroux",
    "email": f"baptiste.ngoma-leroux@{DOMAIN}",
    "phone": "01 99 00 47 32",
    "project_name": "Garage solidaire de la Plaine",
}


def prepare():
    """Writes what the journeys need; returns what the tests must know (JSON-serialisable)."""
    return {**prepare_member(), **prepare_coordinator()}


def member(organisation, email, first_name, last_name, *, admin=False):
    return MembershipFactory(
        organisation=organisation,
        admin=admin,
        user=UserFactory(email=email, first_name=first_name, last_name=last_name),
    ).user


def prepare_member():
    """An organisation with its admin and a member (who will download the shared file); another
    organisation with a member (who must not see it); the address the admin will invite."""
    tilleuls = OrganisationFactory(
        name="Atelier chantier d'insertion des Tilleuls", insertion=True, siret=valid_siret(91301)
    )
    remparts = OrganisationFactory(name="Boulangerie des Remparts", siret=valid_siret(91302))
    admin = member(tilleuls, f"ines.ferhat@{DOMAIN}", "Inès", "Ferhat", admin=True)
    colleague = member(tilleuls, f"paul.dubreuil@{DOMAIN}", "Paul", "Dubreuil")
    other = member(remparts, f"celine.ogier@{DOMAIN}", "Céline", "Ogier")
    return {
        "member_organisation": tilleuls.name,
        "member_admin_email": admin.email,
        "member_colleague_email": colleague.email,
        "member_other_organisation_email": other.email,
        "member_invited_email": f"amina.bouzid@{DOMAIN}",
    }


def prepare_coordinator():
    """A coordinator with an authenticator app, and two project holders registered by an
    organisation: one the coordinator will erase (with a follow-up note), one kept."""
    coordinator = CoordinatorFactory(
        email=f"coordination@{DOMAIN}", first_name="Hélène", last_name="Marchetti"
    )
    partner = OrganisationFactory(
        name="Couveuse d'activités de la Plaine", association=True, siret=valid_siret(91303)
    )
    erased = ProjectHolderFactory(registered_by_organisation=partner, **ERASED_HOLDER)
    FollowUpNoteFactory(holder=erased, author=coordinator, text=ERASED_NOTE)
    ProjectHolderFactory(registered_by_organisation=partner, **KEPT_HOLDER)
    return {
        "coordinator_email": coordinator.email,
        "coordinator_totp_secret": activate_totp(coordinator),
        "erased_holder": ERASED_HOLDER,
        "erased_holder_path": erased.get_absolute_url(),
        "erased_note": ERASED_NOTE,
        "kept_holder": KEPT_HOLDER,
    }
