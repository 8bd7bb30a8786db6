"""The resources journey's people and files (issue 14: tag suggestions, audience labels,
« Organisations choisies »), on top of the demo (see tests/e2e/content.py).

Three organisations: the sharer's, the one it will choose, one it will not; a member in each; a
coordinator of their own with an authenticator app (a code is refused once used: not the member
journey's coordinator). Two resources already there: one shared with all members, whose tags the
sharer will be offered; one shared with the chosen organisation, for the axe checks of its pages.
Explicit names, addresses and SIRETs: the factories' sequences start again in this process.
"""

from resources.enums import Audience
from tests.extranet.factories import (
    CoordinatorFactory,
    MembershipFactory,
    UserFactory,
    activate_totp,
)
from tests.organisations.factories import OrganisationFactory, valid_siret
from tests.resources.factories import ResourceFactory

DOMAIN = "e2e.dynamique-emploi.fr"
# Found nowhere in the demo: the sharer is offered them, typing two tags.
EXISTING_TAGS = ["chantiers d'insertion", "espaces verts"]


def member(organisation, email, first_name, last_name):
    return MembershipFactory(
        organisation=organisation,
        user=UserFactory(email=email, first_name=first_name, last_name=last_name),
    ).user


def prepare():
    """Writes what the journey needs; returns what its tests must know (JSON-serialisable)."""
    coteaux = OrganisationFactory(
        name="Régie de quartier des Coteaux", insertion=True, siret=valid_siret(91601)
    )
    val = OrganisationFactory(
        name="Maison de l'emploi du Val", association=True, siret=valid_siret(91602)
    )
    lilas = OrganisationFactory(name="Épicerie solidaire des Lilas", siret=valid_siret(91603))
    sharer = member(coteaux, f"malik.haddad@{DOMAIN}", "Malik", "Haddad")
    chosen = member(val, f"sophie.renaud@{DOMAIN}", "Sophie", "Renaud")
    unchosen = member(lilas, f"ana.pereira@{DOMAIN}", "Ana", "Pereira")
    coordinator = CoordinatorFactory(
        email=f"coordination.ressources@{DOMAIN}", first_name="Yasmine", last_name="Benkirane"
    )
    ResourceFactory(
        organisation=val,
        shared_by=chosen,
        title="Calendrier des chantiers du Val",
        audience=Audience.ALL_MEMBERS,
        tags=EXISTING_TAGS,
        file=False,
        url="https://www.example.org/chantiers-du-val",
    )
    shared = ResourceFactory(
        organisation=coteaux,
        shared_by=sharer,
        title="Fiche d'accueil des salariés en insertion",
        audience=Audience.CHOSEN_ORGANISATIONS,
    )
    shared.shared_with.set([val])
    return {
        "resources_sharer_email": sharer.email,
        "resources_sharer_organisation": coteaux.name,
        "resources_chosen_email": chosen.email,
        "resources_chosen_organisation": val.name,
        "resources_unchosen_email": unchosen.email,
        "resources_unchosen_organisation": lilas.name,
        "resources_coordinator_email": coordinator.email,
        "resources_coordinator_totp_secret": activate_totp(coordinator),
        "resources_existing_tags": EXISTING_TAGS,
        "resources_shared_path": shared.get_absolute_url(),
    }
