"""The project holders' demo content: « Je porte un projet ESS » and 15 holders at every stage.

Run by `manage.py load_demo` through the LOAD_DEMO_HOOK (project_holders/wagtail_hooks.py), after
the extranet's step, whose organisations, members and coordinator it uses; it needs the factories
of tests/ (dev dependencies). Some holders move along the pipeline as a member would (status
changes and notes by named people), so that their history pages have something to show.

Idempotent like every demo step: a holder whose e-mail exists is left alone, and so is the page.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from wagtail.models import Locale

from core.dates import hub_today
from extranet.demo import COORDINATOR, MEMBERS
from organisations.models import Organisation
from project_holders.enums import AgeBand, HolderStatus, LegalForm, Need, Outcome, ProjectStage
from project_holders.models import FollowUpNote, ProjectHolder, ProjectProposalPage
from reference.models import Neighbourhood, Sector

REGIE, ENTREPOTS = list(MEMBERS)
PROPOSAL_PAGE_SLUG = "proposer-mon-projet-ess"
# The home app's editorial page (home.demo.content).
ESS_PAGE_SLUG = "je-porte-un-projet-ess"
# (name, project, stage, legal form, needs, status, outcome, registered by, accompanied by)
HOLDERS = [
    (
        "Aminata Koné",
        "Traiteur des Francs-Moisins",
        ProjectStage.IDEA,
        LegalForm.SCOP,
        [Need.FUNDING, Need.PREMISES],
        HolderStatus.TO_QUALIFY,
        "",
        None,
        None,
    ),
    (
        "Yacine Belkacem",
        "Réparation de vélos solidaire",
        ProjectStage.IDEA,
        LegalForm.ASSOCIATION,
        [Need.PREMISES, Need.NETWORK],
        HolderStatus.TO_QUALIFY,
        "",
        None,
        None,
    ),
    (
        "Mariama Sow",
        "Crèche parentale du Cosmonaute",
        ProjectStage.STUDY,
        LegalForm.ASSOCIATION,
        [Need.LEGAL, Need.FUNDING],
        HolderStatus.RECEIVED,
        "",
        REGIE,
        None,
    ),
    (
        "Thomas Lefèvre",
        "Ressourcerie de la Plaine",
        ProjectStage.STUDY,
        LegalForm.SCIC,
        [Need.PREMISES],
        HolderStatus.RECEIVED,
        "",
        ENTREPOTS,
        None,
    ),
    (
        "Nour El Amrani",
        "Couture et retouches",
        ProjectStage.IDEA,
        LegalForm.OTHER,
        [Need.TRAINING, Need.COMMUNICATION],
        HolderStatus.RECEIVED,
        "",
        REGIE,
        None,
    ),
    (
        "Samuel Mendy",
        "Jardins partagés sur les toits",
        ProjectStage.STUDY,
        LegalForm.ASSOCIATION,
        [Need.NETWORK, Need.FUNDING],
        HolderStatus.DIAGNOSIS,
        "",
        REGIE,
        REGIE,
    ),
    (
        "Inès Carvalho",
        "Conciergerie de quartier",
        ProjectStage.CREATION,
        LegalForm.SAS_ESUS,
        [Need.LEGAL, Need.FUNDING],
        HolderStatus.DIAGNOSIS,
        "",
        ENTREPOTS,
        ENTREPOTS,
    ),
    (
        "Moussa Cissé",
        "Auto-école sociale",
        ProjectStage.CREATION,
        LegalForm.SCIC,
        [Need.FUNDING, Need.PREMISES, Need.LEGAL],
        HolderStatus.DIAGNOSIS,
        "",
        REGIE,
        None,
    ),
    (
        "Leïla Haddad",
        "Café des parents",
        ProjectStage.CREATION,
        LegalForm.ASSOCIATION,
        [Need.PREMISES, Need.COMMUNICATION],
        HolderStatus.SUPPORTED,
        "",
        REGIE,
        REGIE,
    ),
    (
        "Kevin Nguyen",
        "Logistique du dernier kilomètre à vélo",
        ProjectStage.DEVELOPMENT,
        LegalForm.SCOP,
        [Need.FUNDING, Need.NETWORK],
        HolderStatus.SUPPORTED,
        "",
        ENTREPOTS,
        ENTREPOTS,
    ),
    (
        "Awa Traoré",
        "Épicerie solidaire",
        ProjectStage.CREATION,
        LegalForm.ASSOCIATION,
        [Need.FUNDING, Need.TRAINING],
        HolderStatus.SUPPORTED,
        "",
        REGIE,
        None,
    ),
    (
        "Julien Martin",
        "Recyclerie numérique",
        ProjectStage.DEVELOPMENT,
        LegalForm.SAS_ESUS,
        [Need.COMMUNICATION],
        HolderStatus.SUPPORTED,
        "",
        ENTREPOTS,
        ENTREPOTS,
    ),
    (
        "Sofia Benali",
        "Atelier de cuisine du monde",
        ProjectStage.DEVELOPMENT,
        LegalForm.ASSOCIATION,
        [Need.PREMISES],
        HolderStatus.CLOSED,
        Outcome.STRUCTURE_CREATED,
        REGIE,
        REGIE,
    ),
    (
        "Ibrahim Diarra",
        "Transport solidaire",
        ProjectStage.STUDY,
        LegalForm.OTHER,
        [Need.NETWORK],
        HolderStatus.CLOSED,
        Outcome.REDIRECTED,
        ENTREPOTS,
        None,
    ),
    (
        "Claire Dubois",
        "Boutique de créateurs",
        ProjectStage.IDEA,
        LegalForm.OTHER,
        [Need.FUNDING],
        HolderStatus.CLOSED,
        Outcome.ABANDONED,
        REGIE,
        REGIE,
    ),
]
NOTES = [
    "Premier rendez-vous à la Plateforme : l'idée est claire, le modèle économique reste à écrire.",
    "Diagnostic fait avec la chargée de mission ESS : besoin d'un local et d'un prêt d'honneur.",
    "Présenté au comité des partenaires : deux membres proposent un local à loyer modéré.",
]


def pipeline_steps(status, outcome):
    """The statuses a holder went through after « reçu », before its current one (if closed)."""
    if status == HolderStatus.DIAGNOSIS or outcome == Outcome.ABANDONED:
        return [HolderStatus.DIAGNOSIS]
    return [HolderStatus.DIAGNOSIS, HolderStatus.SUPPORTED]


def demo_email(index):
    return f"porteur.demo{index + 1}@example.org"


def demo_phone(index):
    return f"06 45 12 {index + 10:02d} {(index * 7) % 90 + 10:02d}"


def load_project_holders_demo(demo):
    from tests.project_holders.factories import ProjectHolderFactory, ProjectProposalPageFactory

    if demo.home_page is not None and not ProjectProposalPage.objects.exists():
        # Under the home app's editorial page « Je porte un projet ESS », which presents the
        # support and then lists this page, the form, among its children.
        parent = demo.home_page.get_children().filter(slug=ESS_PAGE_SLUG).first()
        page, created = demo.child_page(
            parent.specific if parent else demo.home_page,
            ProjectProposalPageFactory,
            PROPOSAL_PAGE_SLUG,
            title="Proposer mon projet ESS",
        )
        if created:
            demo.publish(page)

    user_model = get_user_model()
    coordinator = user_model.objects.filter(email=COORDINATOR[0]).first()
    organisations = {
        organisation.name: organisation
        for organisation in Organisation.objects.filter(name__in=MEMBERS)
    }
    members = {
        name: user_model.objects.filter(email=people[-1][0]).first()
        for name, people in MEMBERS.items()
    }
    locale = Locale.get_default()
    neighbourhoods = list(Neighbourhood.objects.filter(locale=locale).order_by("pk"))
    sectors = list(Sector.objects.filter(locale=locale).order_by("pk"))
    today = hub_today()
    created = 0
    for index, row in enumerate(HOLDERS):
        name, project, stage, legal_form, needs, status, outcome, registrar, follower = row
        if ProjectHolder.objects.filter(email=demo_email(index)).exists():
            continue
        registering = organisations.get(registrar) if registrar else None
        author = members.get(registrar) if registrar else None
        holder = ProjectHolderFactory(
            name=name,
            phone=demo_phone(index),
            email=demo_email(index),
            project_name=project,
            stage=stage,
            legal_form=legal_form,
            needs=[need.value for need in needs],
            neighbourhood=neighbourhoods[index % len(neighbourhoods)] if neighbourhoods else None,
            sector=sectors[index % len(sectors)] if sectors else None,
            age_band=list(AgeBand)[index % len(AgeBand)].value,
            self_registered=registering is None,
            registered_by=author,
            consent_collected_by=author,
            registered_by_organisation=registering,
            status=HolderStatus.TO_QUALIFY if registering is None else HolderStatus.RECEIVED,
            created_at=datetime.datetime.now(tz=datetime.UTC) - datetime.timedelta(days=90 - index),
        )
        created += 1
        if status in (HolderStatus.TO_QUALIFY, HolderStatus.RECEIVED):
            continue
        # Moved along the pipeline by a coordinator, then by the accompanying organisation.
        holder.accompanying_organisation = organisations.get(follower) if follower else None
        holder.accompanying_coordinator = None if follower else coordinator
        for step, next_status in enumerate(pipeline_steps(status, outcome), start=1):
            holder.move_to(next_status, today=today - datetime.timedelta(days=60 - 10 * step))
            holder._history_user = coordinator if step == 1 else (author or coordinator)
            holder.save()
            FollowUpNote.objects.create(
                holder=holder,
                author=holder._history_user,
                author_organisation=registering if step > 1 else None,
                date=today - datetime.timedelta(days=60 - 10 * step),
                text=NOTES[step - 1],
            )
        if status == HolderStatus.CLOSED:
            holder.move_to(status, outcome=outcome, today=today - datetime.timedelta(days=5))
            holder._history_user = coordinator
            holder.save()
    if created:
        demo.count(_("porteurs de projet"), created)
