"""The resources' demo content: 30 tagged documents and links of the member organisations.

Run by `manage.py load_demo` through the LOAD_DEMO_HOOK (resources/wagtail_hooks.py), after the
extranet's step, whose organisations and members share them; without members, the first active
organisations do. Files are small real ones made here (PDF, PNG, OpenDocument, Word), shared
through resources.sharing's own add_version. Needs the factories of tests/ (dev dependencies).

Idempotent like every demo step: a resource whose title exists is left alone.
"""

import datetime
import itertools

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from core.dates import hub_today
from extranet.models import Membership
from organisations.models import Organisation
from resources.enums import Audience, ResourceKind
from resources.files import detect_type
from resources.models import Resource
from resources.sharing import add_version
from tests.core.factories import pdf_bytes
from tests.resources.factories import docx_bytes, odt_bytes, png_bytes

K = ResourceKind
A = Audience
FRANCE_TRAVAIL = "https://www.francetravail.fr"
# (title, kind, audience, tags, file: pdf/png/odt/docx or a URL, days of validity left or None)
RESOURCES = [
    (
        "Guide de l'accueil des demandeurs d'emploi",
        K.GUIDE,
        A.ALL_MEMBERS,
        ["accueil", "emploi"],
        "pdf",
        None,
    ),
    (
        "Modèle de fiche de poste",
        K.TEMPLATE,
        A.ALL_MEMBERS,
        ["recrutement", "modèle"],
        "docx",
        None,
    ),
    (
        "Compte-rendu du comité de pilotage de janvier",
        K.MINUTES,
        A.ALL_MEMBERS,
        ["gouvernance"],
        "odt",
        None,
    ),
    (
        "Support de formation : entretien d'embauche",
        K.TRAINING_MATERIAL,
        A.ALL_MEMBERS,
        ["formation", "recrutement"],
        "pdf",
        None,
    ),
    ("Affiche du forum de l'emploi", K.TOOL, A.ALL_MEMBERS, ["forum", "communication"], "png", -30),
    ("Carte des quartiers prioritaires", K.TOOL, A.ALL_MEMBERS, ["qpv", "territoire"], "png", None),
    (
        "Grille d'entretien de diagnostic",
        K.TEMPLATE,
        A.ORGANISATION,
        ["accompagnement"],
        "odt",
        None,
    ),
    ("Planning des permanences", K.TOOL, A.ORGANISATION, ["organisation interne"], "odt", 60),
    (
        "Bilan annuel pour les financeurs",
        K.MINUTES,
        A.COORDINATORS,
        ["financement", "bilan"],
        "pdf",
        None,
    ),
    (
        "Guide de la clause sociale dans les marchés publics",
        K.GUIDE,
        A.ALL_MEMBERS,
        ["clause sociale", "marchés publics"],
        "pdf",
        None,
    ),
    (
        "Le site de France Travail pour les employeurs",
        K.TOOL,
        A.ALL_MEMBERS,
        ["recrutement", "emploi"],
        f"{FRANCE_TRAVAIL}/employeur/",
        None,
    ),
    (
        "Fiches métiers ROME",
        K.TOOL,
        A.ALL_MEMBERS,
        ["métiers"],
        f"{FRANCE_TRAVAIL}/candidat/decouvrir-le-marche-du-travail/les-fiches-metiers.html",
        None,
    ),
    (
        "Modèle de convention de parrainage",
        K.TEMPLATE,
        A.ALL_MEMBERS,
        ["parrainage", "modèle"],
        "docx",
        None,
    ),
    (
        "Compte-rendu de la réunion des parrains",
        K.MINUTES,
        A.CHOSEN_ORGANISATIONS,
        ["parrainage"],
        "pdf",
        -10,
    ),
    (
        "Support : mobilité et permis de conduire",
        K.TRAINING_MATERIAL,
        A.ALL_MEMBERS,
        ["mobilité", "formation"],
        "pdf",
        None,
    ),
    (
        "Annuaire des structures d'insertion",
        K.TOOL,
        A.ALL_MEMBERS,
        ["insertion", "annuaire"],
        "odt",
        180,
    ),
    (
        "Guide de l'alternance pour les petites entreprises",
        K.GUIDE,
        A.ALL_MEMBERS,
        ["alternance", "recrutement"],
        "pdf",
        None,
    ),
    (
        "Tableau de suivi des candidatures",
        K.TOOL,
        A.ORGANISATION,
        ["suivi", "recrutement"],
        "docx",
        None,
    ),
    (
        "Photos de la journée portes ouvertes",
        K.OTHER,
        A.ALL_MEMBERS,
        ["communication"],
        "png",
        None,
    ),
    ("Charte de coopération du pôle", K.OTHER, A.ALL_MEMBERS, ["gouvernance"], "pdf", None),
    (
        "Guide RGPD pour les associations",
        K.GUIDE,
        A.ALL_MEMBERS,
        ["rgpd", "données personnelles"],
        "pdf",
        None,
    ),
    (
        "La CNIL : les bons réflexes",
        K.GUIDE,
        A.ALL_MEMBERS,
        ["rgpd"],
        "https://www.cnil.fr/fr/rgpd-par-ou-commencer",
        None,
    ),
    (
        "Support : créer une structure de l'ESS",
        K.TRAINING_MATERIAL,
        A.ALL_MEMBERS,
        ["ess", "création"],
        "pdf",
        None,
    ),
    (
        "Modèle de lettre de motivation",
        K.TEMPLATE,
        A.ALL_MEMBERS,
        ["candidature", "modèle"],
        "docx",
        None,
    ),
    (
        "Compte-rendu du groupe de travail mobilité",
        K.MINUTES,
        A.ORGANISATION,
        ["mobilité"],
        "odt",
        None,
    ),
    (
        "Notes de la coordination sur les financements 2026",
        K.MINUTES,
        A.COORDINATORS,
        ["financement"],
        "docx",
        None,
    ),
    (
        "Logo du pôle pour vos documents",
        K.TOOL,
        A.ALL_MEMBERS,
        ["communication", "logo"],
        "png",
        None,
    ),
    ("Calendrier des jobs dating", K.TOOL, A.ALL_MEMBERS, ["forum", "recrutement"], "pdf", -90),
    (
        "Le portail de l'économie sociale et solidaire",
        K.OTHER,
        A.ALL_MEMBERS,
        ["ess"],
        "https://www.economie.gouv.fr/leconomie-sociale-et-solidaire",
        None,
    ),
    (
        "Guide de l'accueil des jeunes en service civique",
        K.GUIDE,
        A.ALL_MEMBERS,
        ["jeunes", "accueil"],
        "pdf",
        365,
    ),
]

FILE_MAKERS = {
    "pdf": lambda title: (pdf_bytes(title, [_("Document de démonstration.")]), "pdf"),
    "png": lambda title: (png_bytes(size=(64, 40)), "png"),
    "odt": lambda title: (odt_bytes(title), "odt"),
    "docx": lambda title: (docx_bytes(title), "docx"),
}


def sharers():
    """(organisation, user) pairs to share in turn: the demo's members, else organisations."""
    memberships = list(
        Membership.objects.current()
        .filter(organisation__is_archived=False)
        .select_related("organisation", "user")
        .order_by("organisation__name", "user__email")
    )
    if memberships:
        return [(membership.organisation, membership.user) for membership in memberships]
    return [(organisation, None) for organisation in Organisation.objects.active()[:4]]


def chosen_for(organisation, pairs, count=2):
    """The organisations a demo resource with « Organisations choisies » is shared with: the
    first others among the sharers'."""
    others = {sharer.pk: sharer for sharer, _user in pairs if sharer.pk != organisation.pk}
    return list(others.values())[:count]


def load_resources_demo(demo):
    existing = set(Resource.objects.values_list("title", flat=True))
    pairs = sharers()
    if not pairs:
        demo.log(_("Aucune organisation : pas de ressources de démonstration."))
        return
    today = hub_today()
    created = 0
    for (title, kind, audience, tags, source, days_left), (organisation, user) in zip(
        RESOURCES, itertools.cycle(pairs), strict=False
    ):
        if title in existing:
            continue
        is_link = source.startswith("https://")
        resource = Resource.objects.create(
            title=title,
            description=_("Partagé par %(name)s pour les membres du pôle.")
            % {"name": organisation.name},
            kind=kind,
            audience=audience,
            url=source if is_link else "",
            organisation=organisation,
            shared_by=user,
            valid_until=today + datetime.timedelta(days=days_left) if days_left else None,
        )
        resource.tags.add(*tags)
        if audience == A.CHOSEN_ORGANISATIONS:
            resource.shared_with.set(chosen_for(organisation, pairs))
        if not is_link:
            data, extension = FILE_MAKERS[source](title)
            upload = ContentFile(data, name=f"{title[:60]}.{extension}")
            add_version(resource, upload, detect_type(upload), uploaded_by=user)
        created += 1
    if created:
        demo.count(_("ressources"), created)
        demo.log(_("%(count)d ressources partagées créées.") % {"count": created})
    else:
        demo.log(_("Les ressources partagées existent déjà."))
