"""The extranet's demo content: a coordinator, admins and members of two organisations, the
contacts the organisations show in the member directory, and the coordinators' announcements.

Run by `manage.py load_demo` through the LOAD_DEMO_HOOK (extranet/wagtail_hooks.py), after the
offers' step, which creates the organisations. Accounts get DEMO_PASSWORD, or one password
generated for this run and printed once; an account that exists is left alone (its password is
never reset), so a second run changes nothing. The home app's editor gets a verified address,
since allauth asks every account to confirm its address before signing in. A directory contact
is set only on an organisation that has none yet; an announcement whose title exists is left alone.
"""

import datetime

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.translation import gettext as _

from core.addresses import absolute_url
from core.dates import HUB_TIME_ZONE, hub_today
from extranet.enums import MembershipRole
from extranet.models import Announcement, Invitation, Membership
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

# Organisation name → the contact it shows in the member directory: (name, role, e-mail, phone,
# shown). Phone numbers are in 01 99 00, the range ARCEP keeps for fiction. Organisations not
# listed show none; the mission locale filled one in but keeps it hidden.
DIRECTORY_CONTACTS = {
    "Entrepôts du Canal": (
        "Julien Moreau",
        "Responsable du recrutement",
        "recrutement@entrepots-canal.example",
        "01 99 00 12 01",
        True,
    ),
    "Colis Express 93": ("", "Service du personnel", "rh@colis-express.example", "", True),
    "Net Plaine Services": (
        "Fatima Ouali",
        "Cheffe d'équipe",
        "",
        "01 99 00 12 03",
        True,
    ),
    "Bâtir Ensemble": (
        "Mehdi Lakhal",
        "Conducteur de travaux",
        "contact@batir-ensemble.example",
        "01 99 00 12 04",
        True,
    ),
    "Saveurs du Monde Traiteur": (
        "Aminata Koné",
        "Gérante",
        "bonjour@saveurs-du-monde.example",
        "",
        True,
    ),
    "Régie de quartier des Francs-Moisins": (
        "Samia Haddad",
        "Directrice",
        "accueil@regie-francs-moisins.example",
        "01 99 00 12 08",
        True,
    ),
    "Les Jardins de la Source": (
        "",
        "Encadrant technique",
        "chantier@jardins-de-la-source.example",
        "01 99 00 12 09",
        True,
    ),
    "Atelier Conditionnement Services": (
        "Paul Lefèvre",
        "Chargé d'insertion",
        "insertion@atelier-conditionnement.example",
        "",
        True,
    ),
    "Aide et Domicile Plaine Commune": (
        "Nathalie Roux",
        "Responsable de secteur",
        "",
        "01 99 00 12 11",
        True,
    ),
    "Ville de Saint-Denis": (
        "",
        "Direction des ressources humaines",
        "recrutement@ville-saint-denis.example",
        "",
        True,
    ),
    "Plaine Commune, direction de l'emploi": (
        "Thomas Girard",
        "Chargé de mission emploi",
        "emploi@plaine-commune.example",
        "01 99 00 12 13",
        True,
    ),
    "Mission locale Objectif Emploi": (
        "Sophie Durand",
        "Conseillère",
        "sophie.durand@mission-locale.example",
        "",
        False,
    ),
    "Centre de formation Plaine Métiers": (
        "Youssef Amrani",
        "Responsable des formations",
        "formations@plaine-metiers.example",
        "01 99 00 12 15",
        True,
    ),
    "École de la deuxième chance 93": (
        "",
        "Accueil",
        "accueil@e2c93.example",
        "01 99 00 12 16",
        True,
    ),
    "Coopérative d'activités Ouvre-Boîtes": (
        "Claire Petit",
        "Accompagnatrice de projets ESS",
        "projets@ouvre-boites.example",
        "01 99 00 12 17",
        True,
    ),
    "Association Femmes Relais": (
        "Khadija Benali",
        "Médiatrice",
        "",
        "01 99 00 12 18",
        True,
    ),
}

# Events (by their demo slug, see events.demo) and a resource (by title, see resources.demo) the
# announcements point at, when the demo has them.
SPONSORSHIP_EVENT = "rencontre-collective-de-parrainage"
JOB_FAIR_EVENT = "rencontres-pour-l-emploi"
NEW_GUIDE = "Guide de la clause sociale dans les marchés publics"


class DemoAccounts:
    """Creates accounts with one password for the run, and says which password they got."""

    def __init__(self, demo):
        self.demo = demo
        self.password = demo.password
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
    load_directory_contacts(demo)
    accounts.report()
    demo.log(_("Espace membres : %(url)s") % {"url": absolute_url("/extranet/")})


def load_directory_contacts(demo):
    organisations = Organisation.objects.filter(
        name__in=DIRECTORY_CONTACTS,
        contact_name="",
        contact_role="",
        contact_email="",
        contact_phone="",
    )
    for organisation in organisations:
        name, role, email, phone, shown = DIRECTORY_CONTACTS[organisation.name]
        organisation.contact_name = name
        organisation.contact_role = role
        organisation.contact_email = email
        organisation.contact_phone = phone
        organisation.directory_contact_shown = shown
        organisation.full_clean()
        organisation.save()
        demo.count(_("contacts de l'annuaire"))


def next_occurrence(slug):
    """The event's next date that is not cancelled, or None when the demo has no such event."""
    from events.models import Occurrence

    return (
        Occurrence.objects.upcoming()
        .filter(event__slug=slug, is_cancelled=False)
        .select_related("event")
        .first()
    )


def day_of(occurrence):
    return occurrence.start.astimezone(HUB_TIME_ZONE).date()


def demo_announcements(today):
    """(title, text, link, visible until, days ago it was published), from the hub's facts."""
    from resources.models import Resource

    sponsorship = next_occurrence(SPONSORSHIP_EVENT)
    job_fair = next_occurrence(JOB_FAIR_EVENT)
    guide = Resource.objects.filter(title=NEW_GUIDE).first()
    return [
        (
            "Nouveau dans les ressources : le guide de la clause sociale",
            "Comment répondre à un marché public avec une clause d'insertion, et quelles "
            "structures du réseau peuvent vous aider à la mettre en œuvre.\n"
            "Vos remarques sont les bienvenues : elles serviront à la prochaine version.",
            absolute_url(guide.get_absolute_url()) if guide else "",
            None,
            0,
        ),
        (
            "Rencontre collective de parrainage du mois",
            "Une fois par mois, parrains, marraines et demandeurs d'emploi des quartiers se "
            "retrouvent à la Plateforme Emploi Entreprises.\n"
            "Proposez à vos salariés de devenir parrain ou marraine : il suffit d'avoir un peu "
            "de temps et l'envie de partager son réseau.",
            absolute_url(sponsorship.event.get_url()) if sponsorship else "",
            day_of(sponsorship) if sponsorship else today + datetime.timedelta(days=30),
            2,
        ),
        (
            "Rencontres pour l'emploi : inscrivez vos postes à pourvoir",
            "Les rencontres pour l'emploi de la Plateforme reviennent. Entreprises du réseau, "
            "venez avec vos postes à pourvoir ; structures d'insertion et de formation, "
            "préparez vos candidats.\n"
            "Écrivez à la coordination pour réserver votre stand.",
            absolute_url(job_fair.event.get_url()) if job_fair else "",
            day_of(job_fair) if job_fair else today + datetime.timedelta(days=90),
            5,
        ),
    ]


def load_announcements(demo):
    """Runs after the events' and the resources' steps (see extranet/wagtail_hooks.py)."""
    coordinator = get_user_model().objects.filter(email__iexact=COORDINATOR[0]).first()
    existing = set(Announcement.objects.values_list("title", flat=True))
    now = timezone.now()
    for title, text, link, visible_until, days_ago in demo_announcements(hub_today()):
        if title in existing:
            continue
        announcement = Announcement(
            title=title,
            text=text,
            link=link,
            visible_until=visible_until,
            created_at=now - datetime.timedelta(days=days_ago),
            created_by=coordinator,
        )
        announcement.full_clean()
        announcement.save()
        demo.count(_("annonces"))
