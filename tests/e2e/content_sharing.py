"""The sharing journey's people and pages (issue 14: e-mails, sitemap, robots.txt), on top of the
demo (see tests/e2e/content.py).

A member who asks for a new password (an account e-mail through the worker), and where the demo
put the « Je porte un projet ESS » form and its coordinator, who gets the new holder's e-mail.
Explicit names, addresses and SIRET: the factories' sequences start again in this process.
"""

from extranet.demo import COORDINATOR
from project_holders.models import ProjectProposalPage
from tests.extranet.factories import MembershipFactory, UserFactory
from tests.organisations.factories import OrganisationFactory, valid_siret

DOMAIN = "e2e.dynamique-emploi.fr"


def prepare():
    """Writes what the journey needs; returns what its tests must know (JSON-serialisable)."""
    organisation = OrganisationFactory(
        name="Médiathèque des Quatre-Chemins", association=True, siret=valid_siret(91341)
    )
    member = MembershipFactory(
        organisation=organisation,
        user=UserFactory(email=f"yanis.amrani@{DOMAIN}", first_name="Yanis", last_name="Amrani"),
    ).user
    form_page = ProjectProposalPage.objects.live().filter(locale__language_code="fr").get()
    return {
        "sharing_member_email": member.email,
        "sharing_ess_form_path": form_page.url,
        "sharing_coordinator_email": COORDINATOR[0],
    }
