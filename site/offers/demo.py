"""The offers app's demo content: a territory, its employers, about sixty offers, three branches.

Run by `manage.py load_demo` through the LOAD_DEMO_HOOK (offers/wagtail_hooks.py), after the home
app's steps; it needs the factories of tests/ (dev dependencies). The six communes are real towns of
Seine-Saint-Denis, but the neighbourhoods' QPV codes (QP0939xx, a range no real QPV uses), the
organisations, their SIRET numbers, the addresses and the offers are made up.

Idempotent like every demo step: what exists (same slug, name or code) is left alone, so a second
run only reads. `load_demo --offers N` adds N more live offers for benchmarks, in bulk, each time.
"""

import datetime
import time
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.dates import hub_today
from home.demo.content import french_spacing
from offers.enums import ApplicationMethod, ContractType, FrenchLevel, SalaryPeriod, WorkingTime
from offers.models import OFFER_LIFETIME_DAYS
from organisations.enums import OrganisationKind
from organisations.models import Organisation
from reference.loading import load_reference_data
from reference.models import Neighbourhood, Sector, Trade
from tests.core.factories import get_default_locale
from tests.offers.factories import (
    SMIC_HOURLY,
    SMIC_MONTHLY,
    BranchIndexPageFactory,
    BranchPageFactory,
    OfferIndexPageFactory,
    OfferPageFactory,
    brochure_data,
    create_offers_in_bulk,
    key_fact_data,
)
from tests.organisations.factories import with_luhn_digit
from tests.reference.factories import NeighbourhoodFactory

OFFER_INDEX_SLUG = "offres"
BRANCH_INDEX_SLUG = "metiers"


# --- The territory -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Place:
    name: str
    commune: str
    postal_code: str
    qpv_code: str
    transport_access: str


NEIGHBOURHOODS = {
    "francs-moisins": Place(
        "Les Francs-Moisins",
        "Saint-Denis",
        "93200",
        "QP093901",
        "Bus 255, arrêt Francs-Moisins ; métro ligne 13, station Saint-Denis – Porte de Paris",
    ),
    "floreal-saussaie": Place(
        "Floréal – La Saussaie",
        "Saint-Denis",
        "93200",
        "QP093902",
        "Tramway T1, station Saint-Denis – Floréal",
    ),
    "saint-denis-centre": Place(
        "Centre-ville", "Saint-Denis", "93200", "", "Métro ligne 13, station Basilique"
    ),
    "la-maladrerie": Place(
        "La Maladrerie",
        "Aubervilliers",
        "93300",
        "QP093903",
        "Métro ligne 7, station Fort d'Aubervilliers",
    ),
    "clos-saint-lazare": Place(
        "Le Clos Saint-Lazare", "Stains", "93240", "QP093904", "Bus 150, arrêt Clos Saint-Lazare"
    ),
    "les-poetes": Place(
        "Les Poètes",
        "Pierrefitte-sur-Seine",
        "93380",
        "QP093905",
        "Bus 268, arrêt Les Poètes",
    ),
    "les-4000": Place(
        "Les 4000",
        "La Courneuve",
        "93120",
        "QP093906",
        "RER B, gare La Courneuve – Aubervilliers, puis 10 minutes à pied",
    ),
    "la-source": Place(
        "La Source – Les Presles",
        "Épinay-sur-Seine",
        "93800",
        "QP093907",
        "Tramway T8, arrêt Les Presles",
    ),
}


# --- Employers -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Employer:
    name: str
    kind: str
    sector: str
    place: str
    description: str
    is_public: bool = True


ORGANISATIONS = {
    "entrepots-canal": Employer(
        "Entrepôts du Canal",
        OrganisationKind.COMPANY,
        "logistique",
        "francs-moisins",
        "Un entrepôt qui prépare les commandes de magasins d'Île-de-France.",
    ),
    "colis-express": Employer(
        "Colis Express 93",
        OrganisationKind.COMPANY,
        "logistique",
        "les-4000",
        "Une entreprise de livraison de colis dans le nord de Paris.",
    ),
    "net-plaine": Employer(
        "Net Plaine Services",
        OrganisationKind.COMPANY,
        "proprete",
        "la-maladrerie",
        "Une entreprise de nettoyage de bureaux, d'écoles et de magasins.",
    ),
    "batir-ensemble": Employer(
        "Bâtir Ensemble",
        OrganisationKind.COMPANY,
        "btp",
        "clos-saint-lazare",
        "Une entreprise de maçonnerie et de rénovation de logements.",
    ),
    "saveurs-du-monde": Employer(
        "Saveurs du Monde Traiteur",
        OrganisationKind.COMPANY,
        "restauration",
        "la-source",
        "Un traiteur qui cuisine pour les cantines d'entreprise et les fêtes.",
    ),
    "marche-couvert": Employer(
        "Supermarché du Marché Couvert",
        OrganisationKind.COMPANY,
        "commerce",
        "les-poetes",
        "Un supermarché de quartier ouvert 7 jours sur 7.",
    ),
    "clinique-du-parc": Employer(
        "Clinique du Parc",
        OrganisationKind.COMPANY,
        "sante",
        "la-source",
        "Une clinique de soins de suite et de rééducation.",
    ),
    "vigilance-nord": Employer(
        "Vigilance Nord Sécurité",
        OrganisationKind.COMPANY,
        "securite",
        "saint-denis-centre",
        "Une entreprise de sécurité pour les magasins et les événements.",
        # Its offers say « une entreprise de la filière Sécurité ».
        is_public=False,
    ),
    "regie-francs-moisins": Employer(
        "Régie de quartier des Francs-Moisins",
        OrganisationKind.INSERTION,
        "proprete",
        "francs-moisins",
        "La régie entretient le quartier et embauche ses habitants pour un premier emploi.",
    ),
    "jardins-de-la-source": Employer(
        "Les Jardins de la Source",
        OrganisationKind.INSERTION,
        "espaces-verts",
        "la-source",
        "Un chantier d'insertion qui entretient les parcs et cultive un jardin partagé.",
    ),
    "atelier-conditionnement": Employer(
        "Atelier Conditionnement Services",
        OrganisationKind.INSERTION,
        "industrie",
        "les-poetes",
        "Une entreprise d'insertion qui emballe et étiquette des produits pour des marques.",
    ),
    "aide-domicile": Employer(
        "Aide et Domicile Plaine Commune",
        OrganisationKind.ASSOCIATION,
        "aide-a-la-personne",
        "les-4000",
        "Une association qui aide les personnes âgées et les familles chez elles.",
    ),
    "ville-saint-denis": Employer(
        "Ville de Saint-Denis",
        OrganisationKind.LOCAL_AUTHORITY,
        "administratif",
        "saint-denis-centre",
        "La mairie recrute pour ses écoles, ses centres de loisirs et ses accueils.",
    ),
    # Members of the network that publish no offer in the demo: they share resources in the
    # extranet, register project holders, come to the meetings (20 organisations in all).
    "plaine-commune": Employer(
        "Plaine Commune, direction de l'emploi",
        OrganisationKind.LOCAL_AUTHORITY,
        "administratif",
        "saint-denis-centre",
        "L'établissement public territorial finance le pôle et suit ses résultats.",
    ),
    "mission-locale": Employer(
        "Mission locale Objectif Emploi",
        OrganisationKind.ASSOCIATION,
        "administratif",
        "floreal-saussaie",
        "Elle accompagne les jeunes de 16 à 25 ans vers l'emploi et la formation.",
    ),
    "afpa-plaine": Employer(
        "Centre de formation Plaine Métiers",
        OrganisationKind.TRAINING,
        "logistique",
        "la-maladrerie",
        "Un organisme de formation aux métiers de la logistique et de la propreté.",
    ),
    "ecole-deuxieme-chance": Employer(
        "École de la deuxième chance 93",
        OrganisationKind.TRAINING,
        "administratif",
        "les-4000",
        "Une école pour les jeunes sortis du système scolaire sans diplôme.",
    ),
    "cooperative-ouvre-boites": Employer(
        "Coopérative d'activités Ouvre-Boîtes",
        OrganisationKind.OTHER,
        "administratif",
        "clos-saint-lazare",
        "Une coopérative d'activité et d'emploi qui accompagne les créateurs de l'ESS.",
    ),
    "femmes-relais": Employer(
        "Association Femmes Relais",
        OrganisationKind.ASSOCIATION,
        "aide-a-la-personne",
        "francs-moisins",
        "Des médiatrices qui accompagnent les habitantes vers les services et l'emploi.",
    ),
    "recyclerie-du-canal": Employer(
        "La Recyclerie du Canal",
        OrganisationKind.INSERTION,
        "industrie",
        "les-poetes",
        "Un atelier d'insertion qui répare et revend des objets et des vélos.",
    ),
}


def demo_siret(number):
    # 9300… : a prefix the factories' made-up SIRETs (8…) never use.
    return with_luhn_digit(f"9300{number:09d}")


# --- Offers --------------------------------------------------------------------------------------
# How a resident names each trade of the data file (reference/data/rome.json).
RESIDENT_TITLES = {
    "N1103": "Préparateur de commandes (H/F)",
    "N1101": "Cariste (H/F)",
    "N1105": "Manutentionnaire (H/F)",
    "N4105": "Livreur (H/F)",
    "K2204": "Agent de propreté (H/F)",
    "K2303": "Agent de propreté de la ville (H/F)",
    "F1703": "Maçon (H/F)",
    "F1606": "Peintre en bâtiment (H/F)",
    "F1602": "Électricien (H/F)",
    "F1704": "Manœuvre sur chantier (H/F)",
    "K1302": "Aide à domicile (H/F)",
    "K1303": "Garde d'enfants (H/F)",
    "K1304": "Employé de ménage chez les particuliers (H/F)",
    "G1602": "Commis de cuisine (H/F)",
    "G1603": "Employé de restauration (H/F)",
    "G1803": "Serveur (H/F)",
    "D1507": "Employé de mise en rayon (H/F)",
    "D1505": "Hôte de caisse (H/F)",
    "D1106": "Vendeur en boulangerie (H/F)",
    "K2503": "Agent de sécurité (H/F)",
    "A1203": "Jardinier (H/F)",
    "M1601": "Agent d'accueil (H/F)",
    "M1602": "Employé administratif (H/F)",
    "J1501": "Aide-soignant (H/F)",
    "I1203": "Agent d'entretien des bâtiments (H/F)",
    "H3302": "Opérateur d'emballage (H/F)",
}

BENCHMARK_TITLES = {
    "N1103": ["Préparateur de commandes (H/F)", "Magasinier (H/F)"],
    "N1101": ["Cariste (H/F)", "Magasinier cariste (H/F)"],
    "K2204": ["Agent de propreté (H/F)", "Agent d'entretien (H/F)"],
}

# What the work is, in a few plain sentences, for each trade.
DESCRIPTIONS = {
    "N1103": "<p>Vous préparez les commandes des magasins. Vous prenez les produits dans les "
    "rayons de l'entrepôt, vous les mettez dans des cartons et sur des palettes.</p>"
    "<ul><li>Vous utilisez un scanner qui vous dit quoi prendre.</li>"
    "<li>Vous êtes formé à votre arrivée.</li></ul>",
    "N1101": "<p>Vous conduisez un chariot élévateur. Vous déchargez les camions et vous rangez "
    "les palettes en hauteur.</p><ul><li>Le CACES 1, 3 et 5 est demandé.</li></ul>",
    "N1105": "<p>Vous chargez et déchargez les camions. Vous portez des cartons et vous triez "
    "les colis.</p><ul><li>C'est un travail physique, debout.</li></ul>",
    "N4105": "<p>Vous livrez des colis chez les particuliers et dans les commerces, avec une "
    "camionnette de l'entreprise. Une tournée dure environ 7 heures.</p>",
    "K2204": "<p>Vous nettoyez des bureaux, des écoles ou des magasins : sols, poubelles, "
    "sanitaires. Vous utilisez une autolaveuse et des produits adaptés.</p>",
    "K2303": "<p>Vous gardez les rues et les places du quartier propres. Vous ramassez les "
    "déchets et vous videz les corbeilles, en équipe.</p>",
    "F1703": "<p>Vous montez des murs, vous coulez des dalles en béton et vous faites des "
    "finitions. Vous travaillez en équipe sur des chantiers de logements.</p>",
    "F1606": "<p>Vous préparez les murs et les plafonds, puis vous peignez. Vous protégez le sol "
    "et les meubles avant de commencer.</p>",
    "F1602": "<p>Vous posez les câbles, les prises et les tableaux électriques dans des "
    "logements en rénovation.</p><ul><li>L'habilitation électrique est un plus.</li></ul>",
    "F1704": "<p>Vous aidez les maçons : vous portez les matériaux, vous préparez le béton et "
    "vous nettoyez le chantier. Vous apprenez le métier sur place.</p>",
    "K1302": "<p>Vous aidez des personnes âgées chez elles : faire les courses, préparer le "
    "repas, aider à la toilette. Vous allez chez plusieurs personnes dans la journée.</p>",
    "K1303": "<p>Vous gardez des enfants après l'école : vous allez les chercher, vous les "
    "faites goûter, vous les aidez pour les devoirs.</p>",
    "K1304": "<p>Vous faites le ménage et le repassage chez des particuliers du quartier. Vous "
    "avez les mêmes clients chaque semaine.</p>",
    "G1602": "<p>Vous aidez le cuisinier : vous lavez et coupez les légumes, vous préparez les "
    "entrées et vous gardez la cuisine propre.</p>",
    "G1603": "<p>Vous préparez les plateaux, vous servez les clients au comptoir et vous "
    "nettoyez la salle. Vous changez de poste selon les jours.</p>",
    "G1803": "<p>Vous accueillez les clients, vous prenez les commandes et vous servez les "
    "plats en salle.</p>",
    "D1507": "<p>Vous remplissez les rayons du magasin, vous vérifiez les dates et vous aidez "
    "les clients à trouver les produits.</p>",
    "D1505": "<p>Vous tenez une caisse : vous passez les articles, vous encaissez et vous dites "
    "bonjour et au revoir aux clients avec le sourire.</p>",
    "D1106": "<p>Vous vendez le pain et les gâteaux, vous encaissez et vous gardez la vitrine "
    "belle et propre.</p>",
    "K2503": "<p>Vous surveillez l'entrée d'un magasin ou d'un bâtiment. Vous faites des rondes "
    "et vous aidez les clients.</p><ul><li>La carte professionnelle (CQP APS) est demandée."
    "</li></ul>",
    "A1203": "<p>Vous entretenez les parcs et les jardins : tondre, tailler, planter, "
    "ramasser les feuilles. Vous travaillez dehors, en équipe.</p>",
    "M1601": "<p>Vous accueillez le public, vous répondez au téléphone et vous orientez les "
    "personnes vers le bon service.</p>",
    "M1602": "<p>Vous classez des dossiers, vous saisissez des informations sur l'ordinateur et "
    "vous répondez aux courriels simples.</p>",
    "J1501": "<p>Vous aidez les patients dans leur vie de tous les jours : toilette, repas, "
    "déplacements. Vous travaillez avec les infirmiers.</p><ul><li>Le diplôme d'aide-soignant "
    "est demandé.</li></ul>",
    "I1203": "<p>Vous faites les petites réparations dans des immeubles : changer une ampoule, "
    "réparer une porte, repeindre un couloir.</p>",
    "H3302": "<p>Vous emballez et étiquetez des produits sur une ligne de conditionnement. Vous "
    "vérifiez que chaque carton est complet.</p>",
}

CDI = (ContractType.CDI, "")
CDD_6 = (ContractType.CDD, "6 mois")
CDD_3 = (ContractType.CDD, "3 mois")
TEMPORARY = (ContractType.TEMPORARY, "1 mois, renouvelable")
CDDI = (ContractType.INSERTION, "4 mois, renouvelable jusqu'à 2 ans")
PEC = (ContractType.PEC, "9 mois")
APPRENTICESHIP = (ContractType.APPRENTICESHIP, "2 ans")
PROFESSIONALISATION = (ContractType.PROFESSIONALISATION, "12 mois")
SEASONAL = (ContractType.SEASONAL, "2 mois (juillet et août)")

SMIC = (SMIC_MONTHLY, SMIC_MONTHLY, SalaryPeriod.MONTH)
SMIC_PER_HOUR = (SMIC_HOURLY, SMIC_HOURLY, SalaryPeriod.HOUR)


def monthly(low, high):
    return (Decimal(low), Decimal(high), SalaryPeriod.MONTH)


def hourly(low, high):
    return (Decimal(low), Decimal(high), SalaryPeriod.HOUR)


@dataclass(frozen=True)
class DemoOffer:
    rome_code: str
    # A key of ORGANISATIONS, or the plain name of an employer that isn't a member.
    employer: str
    place: str
    contract: tuple = CDI
    title: str = ""
    hours: int = 35
    schedule: str = ""
    salary: tuple | None = SMIC
    no_diploma: bool = False
    beginner: bool = False
    licence: bool = False
    vehicle: bool = False
    french: str = FrenchLevel.SPOKEN
    positions: int = 1
    published_days_ago: int = 5
    # Days from today; by default the usual lifetime after publication.
    expires_in_days: int | None = None
    easy_read: str = ""
    anonymous: bool = False
    apply: str = ApplicationMethod.ADVISERS
    how_to_apply: str = ""
    start_in_days: int | None = None
    address: str = ""


EASY_READ_WAREHOUSE = (
    "Vous travaillez dans un entrepôt. Vous préparez des colis. "
    "On vous apprend le travail le premier jour. Pas besoin de diplôme."
)
EASY_READ_CLEANING = (
    "Vous faites le ménage dans des bureaux. Vous travaillez tôt le matin. "
    "Pas besoin de diplôme. On vous donne les produits et une tenue."
)
EASY_READ_INSERTION = (
    "Ce contrat est fait pour reprendre le travail. Vous êtes payé. "
    "Une personne vous aide pour la suite : formation, autre emploi."
)
EASY_READ_HOME_HELP = (
    "Vous aidez des personnes âgées chez elles. Vous faites les courses et le repas. "
    "Vous êtes formé au début."
)
EASY_READ_PEC = (
    "C'est un contrat aidé par l'État. Vous travaillez 20 heures par semaine. "
    "Vous suivez aussi une formation."
)

OFFERS = [
    # --- Logistique
    DemoOffer(
        "N1103",
        "entrepots-canal",
        "francs-moisins",
        schedule="Du lundi au vendredi, de 5 h à 12 h",
        salary=monthly("1823.03", "1950"),
        no_diploma=True,
        beginner=True,
        positions=4,
        published_days_ago=1,
        easy_read=EASY_READ_WAREHOUSE,
        address="10 rue de la Poterie, 93200 Saint-Denis",
    ),
    DemoOffer(
        "N1103",
        "entrepots-canal",
        "francs-moisins",
        contract=TEMPORARY,
        title="Préparateur de commandes de nuit (H/F)",
        schedule="De nuit, de 21 h à 4 h, du dimanche au jeudi",
        salary=monthly("2100", "2250"),
        no_diploma=True,
        positions=2,
        published_days_ago=3,
    ),
    DemoOffer(
        "N1103",
        "colis-express",
        "les-4000",
        contract=CDD_6,
        schedule="Du lundi au samedi, de 6 h à 13 h",
        no_diploma=True,
        beginner=True,
        published_days_ago=12,
    ),
    DemoOffer(
        "N1103",
        "colis-express",
        "les-4000",
        anonymous=True,
        salary=monthly("1850", "1950"),
        beginner=True,
        published_days_ago=20,
    ),
    DemoOffer(
        "N1103",
        "Logistique Nord Francilienne",
        "clos-saint-lazare",
        contract=PROFESSIONALISATION,
        title="Préparateur de commandes en alternance (H/F)",
        salary=monthly("1500", "1823.03"),
        beginner=True,
        published_days_ago=9,
        how_to_apply="Vous suivez une formation au titre professionnel une semaine par mois.",
    ),
    DemoOffer(
        "N1103",
        "Logistique Nord Francilienne",
        "les-poetes",
        title="Magasinier (H/F)",
        contract=CDD_6,
        schedule="Du lundi au vendredi, de 8 h à 16 h",
        salary=monthly("1900", "2000"),
        beginner=True,
        published_days_ago=17,
    ),
    DemoOffer(
        "N1101",
        "entrepots-canal",
        "francs-moisins",
        schedule="En équipe : une semaine le matin, une semaine l'après-midi",
        salary=monthly("2000", "2200"),
        published_days_ago=6,
    ),
    DemoOffer(
        "N1101",
        "Transports Delmas",
        "les-4000",
        contract=TEMPORARY,
        salary=hourly("12.50", "13.50"),
        published_days_ago=15,
        expires_in_days=5,
    ),
    DemoOffer(
        "N1105",
        "colis-express",
        "la-maladrerie",
        contract=TEMPORARY,
        schedule="Du lundi au vendredi, de 4 h à 9 h",
        hours=25,
        salary=SMIC_PER_HOUR,
        no_diploma=True,
        beginner=True,
        french=FrenchLevel.NONE,
        positions=3,
        published_days_ago=2,
    ),
    DemoOffer(
        "N1105",
        "atelier-conditionnement",
        "les-poetes",
        contract=CDDI,
        hours=26,
        salary=SMIC_PER_HOUR,
        no_diploma=True,
        beginner=True,
        french=FrenchLevel.NONE,
        published_days_ago=18,
        easy_read=EASY_READ_INSERTION,
    ),
    DemoOffer(
        "N4105",
        "colis-express",
        "les-4000",
        contract=CDD_3,
        schedule="Du lundi au samedi, de 8 h à 15 h",
        salary=monthly("1900", "2000"),
        licence=True,
        beginner=True,
        published_days_ago=4,
    ),
    DemoOffer(
        "N4105",
        "Pharmacie Centrale de la Plaine",
        "saint-denis-centre",
        hours=20,
        title="Livreur à vélo pour une pharmacie (H/F)",
        schedule="Du lundi au vendredi, de 14 h à 18 h",
        salary=SMIC_PER_HOUR,
        beginner=True,
        published_days_ago=25,
    ),
    # --- Propreté
    DemoOffer(
        "K2204",
        "net-plaine",
        "la-maladrerie",
        schedule="Du lundi au vendredi, de 6 h à 9 h et de 17 h à 20 h",
        hours=30,
        salary=hourly("12.02", "12.40"),
        no_diploma=True,
        beginner=True,
        positions=3,
        published_days_ago=0,
        easy_read=EASY_READ_CLEANING,
    ),
    DemoOffer(
        "K2204",
        "net-plaine",
        "floreal-saussaie",
        contract=CDD_6,
        hours=24,
        schedule="Tôt le matin, de 6 h à 10 h 30",
        salary=SMIC_PER_HOUR,
        no_diploma=True,
        published_days_ago=8,
    ),
    DemoOffer(
        "K2204",
        "regie-francs-moisins",
        "francs-moisins",
        contract=CDDI,
        hours=26,
        salary=SMIC_PER_HOUR,
        no_diploma=True,
        beginner=True,
        french=FrenchLevel.NONE,
        positions=2,
        published_days_ago=5,
        easy_read=EASY_READ_INSERTION,
    ),
    DemoOffer(
        "K2204",
        "Clean'Hôtel Services",
        "saint-denis-centre",
        title="Femme ou valet de chambre en hôtel (H/F)",
        contract=SEASONAL,
        salary=SMIC,
        no_diploma=True,
        beginner=True,
        published_days_ago=11,
    ),
    DemoOffer(
        "K2204",
        "ville-saint-denis",
        "floreal-saussaie",
        title="Agent d'entretien dans les écoles (H/F)",
        contract=PEC,
        hours=20,
        salary=SMIC_PER_HOUR,
        no_diploma=True,
        beginner=True,
        published_days_ago=7,
        easy_read=EASY_READ_PEC,
    ),
    DemoOffer(
        "K2303",
        "regie-francs-moisins",
        "francs-moisins",
        contract=CDDI,
        hours=26,
        schedule="Du lundi au vendredi, de 7 h à 12 h 30",
        salary=SMIC_PER_HOUR,
        no_diploma=True,
        beginner=True,
        published_days_ago=14,
    ),
    DemoOffer(
        "K2303",
        "Plaine Environnement",
        "les-4000",
        contract=CDD_6,
        salary=monthly("1850", "1950"),
        no_diploma=True,
        published_days_ago=22,
    ),
    # --- BTP
    DemoOffer(
        "F1703",
        "batir-ensemble",
        "clos-saint-lazare",
        salary=monthly("2100", "2500"),
        licence=True,
        published_days_ago=10,
        address="3 allée des Érables, 93240 Stains",
    ),
    DemoOffer(
        "F1703",
        "batir-ensemble",
        "clos-saint-lazare",
        contract=APPRENTICESHIP,
        title="Apprenti maçon (H/F)",
        salary=monthly("1000", "1400"),
        no_diploma=True,
        beginner=True,
        published_days_ago=3,
        how_to_apply="Vous préparez un CAP de maçon avec le CFA du BTP : l'entreprise vous aide.",
    ),
    DemoOffer(
        "F1606",
        "batir-ensemble",
        "les-poetes",
        contract=CDD_6,
        salary=monthly("1900", "2200"),
        published_days_ago=16,
    ),
    DemoOffer(
        "F1606",
        "regie-francs-moisins",
        "francs-moisins",
        title="Peintre en bâtiment en chantier d'insertion (H/F)",
        contract=CDDI,
        hours=26,
        salary=SMIC_PER_HOUR,
        no_diploma=True,
        beginner=True,
        published_days_ago=30,
        easy_read=EASY_READ_INSERTION,
    ),
    DemoOffer(
        "F1602",
        "Électricité Bertin et Fils",
        "la-maladrerie",
        salary=monthly("2200", "2600"),
        licence=True,
        published_days_ago=19,
    ),
    DemoOffer(
        "F1704",
        "batir-ensemble",
        "clos-saint-lazare",
        contract=TEMPORARY,
        salary=hourly("12.02", "12.80"),
        no_diploma=True,
        beginner=True,
        french=FrenchLevel.NONE,
        positions=3,
        published_days_ago=2,
    ),
    DemoOffer(
        "F1704",
        "Travaux Publics de la Plaine",
        "floreal-saussaie",
        contract=CDD_3,
        salary=None,
        no_diploma=True,
        published_days_ago=27,
        expires_in_days=6,
    ),
    # --- Aide à la personne
    DemoOffer(
        "K1302",
        "aide-domicile",
        "les-4000",
        hours=28,
        schedule="Du lundi au vendredi, et un week-end sur deux",
        salary=hourly("12.30", "13.00"),
        beginner=True,
        published_days_ago=1,
        easy_read=EASY_READ_HOME_HELP,
    ),
    DemoOffer(
        "K1302",
        "aide-domicile",
        "la-maladrerie",
        contract=CDD_6,
        hours=24,
        salary=hourly("12.30", "13.00"),
        beginner=True,
        french=FrenchLevel.READ_WRITE,
        published_days_ago=13,
    ),
    DemoOffer(
        "K1302",
        "aide-domicile",
        "clos-saint-lazare",
        title="Auxiliaire de vie (H/F)",
        salary=monthly("1850", "2050"),
        licence=True,
        vehicle=True,
        published_days_ago=21,
    ),
    DemoOffer(
        "K1302",
        "Domicile Services Épinay",
        "la-source",
        contract=CDD_3,
        hours=30,
        salary=SMIC_PER_HOUR,
        beginner=True,
        published_days_ago=6,
        apply=ApplicationMethod.EMAIL,
    ),
    DemoOffer(
        "K1303",
        "ville-saint-denis",
        "francs-moisins",
        title="Animateur périscolaire (H/F)",
        contract=PEC,
        hours=20,
        schedule="Les jours d'école, de 11 h 30 à 13 h 30 et de 16 h 30 à 18 h 30",
        salary=SMIC_PER_HOUR,
        beginner=True,
        published_days_ago=4,
        easy_read=EASY_READ_PEC,
    ),
    DemoOffer(
        "K1303",
        "aide-domicile",
        "les-poetes",
        hours=15,
        schedule="Du lundi au vendredi, de 16 h 30 à 19 h 30",
        salary=hourly("12.50", "13.50"),
        beginner=True,
        published_days_ago=17,
    ),
    DemoOffer(
        "K1304",
        "aide-domicile",
        "la-source",
        hours=22,
        salary=hourly("12.20", "12.60"),
        no_diploma=True,
        beginner=True,
        published_days_ago=9,
    ),
    DemoOffer(
        "K1304",
        "Services Plus à Domicile",
        "floreal-saussaie",
        contract=CDD_6,
        hours=20,
        salary=None,
        no_diploma=True,
        published_days_ago=35,
    ),
    # --- Hôtellerie et restauration
    DemoOffer(
        "G1602",
        "saveurs-du-monde",
        "la-source",
        schedule="Du lundi au vendredi, de 7 h à 14 h 30",
        salary=monthly("1850", "1950"),
        no_diploma=True,
        beginner=True,
        published_days_ago=2,
    ),
    DemoOffer(
        "G1602",
        "saveurs-du-monde",
        "la-source",
        contract=APPRENTICESHIP,
        title="Apprenti cuisinier (H/F)",
        salary=monthly("900", "1300"),
        beginner=True,
        published_days_ago=24,
    ),
    DemoOffer(
        "G1603",
        "Le Comptoir de la Gare",
        "saint-denis-centre",
        contract=CDD_3,
        hours=25,
        schedule="Le midi et le week-end",
        salary=SMIC_PER_HOUR,
        no_diploma=True,
        beginner=True,
        published_days_ago=5,
    ),
    DemoOffer(
        "G1603",
        "ville-saint-denis",
        "les-4000",
        title="Agent de restauration scolaire (H/F)",
        contract=CDD_6,
        hours=28,
        schedule="Les jours d'école, de 8 h à 14 h",
        salary=SMIC_PER_HOUR,
        no_diploma=True,
        published_days_ago=15,
    ),
    DemoOffer(
        "G1603",
        "Restaurant d'entreprise du Stade",
        "floreal-saussaie",
        salary=monthly("1823.03", "1900"),
        no_diploma=True,
        beginner=True,
        published_days_ago=31,
        apply=ApplicationMethod.EXTERNAL_LINK,
    ),
    DemoOffer(
        "G1803",
        "Brasserie Le Marché",
        "saint-denis-centre",
        contract=SEASONAL,
        salary=monthly("1850", "1950"),
        beginner=True,
        published_days_ago=8,
    ),
    DemoOffer(
        "G1803",
        "Le Jardin d'Épinay",
        "la-source",
        hours=24,
        salary=SMIC_PER_HOUR,
        published_days_ago=40,
        expires_in_days=3,
    ),
    # --- Commerce
    DemoOffer(
        "D1507",
        "marche-couvert",
        "les-poetes",
        schedule="Du mardi au samedi, de 6 h à 11 h",
        hours=25,
        salary=SMIC_PER_HOUR,
        no_diploma=True,
        beginner=True,
        published_days_ago=1,
    ),
    DemoOffer(
        "D1507",
        "marche-couvert",
        "les-poetes",
        contract=CDD_3,
        salary=SMIC,
        no_diploma=True,
        published_days_ago=19,
    ),
    DemoOffer(
        "D1505",
        "marche-couvert",
        "les-poetes",
        hours=30,
        schedule="Du lundi au samedi, en journée ; un dimanche matin sur deux",
        salary=SMIC_PER_HOUR,
        beginner=True,
        published_days_ago=6,
    ),
    DemoOffer(
        "D1505",
        "Hypermarché de la Porte de Paris",
        "saint-denis-centre",
        contract=PROFESSIONALISATION,
        title="Hôte de caisse en alternance (H/F)",
        salary=monthly("1300", "1600"),
        beginner=True,
        published_days_ago=26,
    ),
    DemoOffer(
        "D1106",
        "Boulangerie Le Fournil d'Aubervilliers",
        "la-maladrerie",
        hours=30,
        schedule="Du mercredi au dimanche, de 6 h 30 à 13 h",
        salary=SMIC_PER_HOUR,
        beginner=True,
        published_days_ago=3,
    ),
    # --- Sécurité
    DemoOffer(
        "K2503",
        "vigilance-nord",
        "saint-denis-centre",
        contract=CDD_6,
        schedule="En journée ou en soirée, certains week-ends",
        salary=monthly("1900", "2100"),
        published_days_ago=10,
    ),
    DemoOffer(
        "K2503",
        "Protection Événements 93",
        "les-4000",
        contract=TEMPORARY,
        title="Agent de sécurité pour les événements (H/F)",
        salary=hourly("12.50", "14"),
        published_days_ago=12,
        apply=ApplicationMethod.EXTERNAL_LINK,
    ),
    # --- Espaces verts
    DemoOffer(
        "A1203",
        "jardins-de-la-source",
        "la-source",
        contract=CDDI,
        hours=26,
        schedule="Du lundi au jeudi, de 8 h à 15 h",
        salary=SMIC_PER_HOUR,
        no_diploma=True,
        beginner=True,
        french=FrenchLevel.NONE,
        positions=4,
        published_days_ago=0,
        easy_read=EASY_READ_INSERTION,
    ),
    DemoOffer(
        "A1203",
        "ville-saint-denis",
        "francs-moisins",
        title="Agent des espaces verts de la ville (H/F)",
        contract=PEC,
        hours=20,
        salary=SMIC_PER_HOUR,
        no_diploma=True,
        beginner=True,
        published_days_ago=11,
        easy_read=EASY_READ_PEC,
    ),
    DemoOffer(
        "A1203",
        "Paysages du Nord Parisien",
        "clos-saint-lazare",
        contract=SEASONAL,
        salary=monthly("1823.03", "1900"),
        licence=True,
        published_days_ago=28,
    ),
    # --- Accueil et administratif
    DemoOffer(
        "M1601",
        "ville-saint-denis",
        "saint-denis-centre",
        title="Agent d'accueil en mairie (H/F)",
        contract=PEC,
        hours=20,
        salary=SMIC_PER_HOUR,
        french=FrenchLevel.READ_WRITE,
        beginner=True,
        published_days_ago=7,
        easy_read=EASY_READ_PEC,
    ),
    DemoOffer(
        "M1601",
        "clinique-du-parc",
        "la-source",
        contract=CDD_6,
        schedule="Du lundi au vendredi, de 8 h à 16 h",
        salary=monthly("1850", "1950"),
        french=FrenchLevel.READ_WRITE,
        published_days_ago=23,
    ),
    DemoOffer(
        "M1602",
        "Cabinet comptable Martin",
        "la-maladrerie",
        contract=APPRENTICESHIP,
        title="Assistant administratif en alternance (H/F)",
        salary=monthly("1000", "1400"),
        french=FrenchLevel.READ_WRITE,
        beginner=True,
        published_days_ago=16,
    ),
    # --- Santé
    DemoOffer(
        "J1501",
        "clinique-du-parc",
        "la-source",
        schedule="En 12 heures, de jour, un week-end sur deux",
        salary=monthly("2000", "2300"),
        french=FrenchLevel.READ_WRITE,
        positions=2,
        published_days_ago=2,
    ),
    DemoOffer(
        "J1501",
        "Maison de retraite Les Tilleuls",
        "les-poetes",
        contract=CDD_6,
        salary=monthly("2000", "2200"),
        french=FrenchLevel.READ_WRITE,
        published_days_ago=29,
        apply=ApplicationMethod.EMAIL,
    ),
    # --- Maintenance
    DemoOffer(
        "I1203",
        "regie-francs-moisins",
        "francs-moisins",
        contract=CDDI,
        hours=26,
        salary=SMIC_PER_HOUR,
        beginner=True,
        published_days_ago=9,
        easy_read=EASY_READ_INSERTION,
    ),
    DemoOffer(
        "I1203",
        "Plaine Habitat",
        "la-maladrerie",
        salary=monthly("1950", "2150"),
        licence=True,
        published_days_ago=33,
    ),
    # --- Industrie
    DemoOffer(
        "H3302",
        "atelier-conditionnement",
        "les-poetes",
        contract=CDDI,
        hours=26,
        salary=SMIC_PER_HOUR,
        no_diploma=True,
        beginner=True,
        french=FrenchLevel.NONE,
        positions=3,
        published_days_ago=4,
        easy_read=EASY_READ_INSERTION,
    ),
    DemoOffer(
        "H3302",
        "Cosmétiques de la Plaine",
        "floreal-saussaie",
        contract=TEMPORARY,
        schedule="En équipe : 5 h – 13 h ou 13 h – 21 h",
        salary=hourly("12.02", "12.60"),
        no_diploma=True,
        beginner=True,
        published_days_ago=13,
    ),
    DemoOffer(
        "H3302",
        "Cosmétiques de la Plaine",
        "floreal-saussaie",
        title="Conducteur de ligne d'emballage (H/F)",
        salary=monthly("2000", "2250"),
        published_days_ago=37,
        start_in_days=30,
    ),
]

# Left the listing: past their date (then unpublished as publish_scheduled does), or filled.
EXPIRED_OFFERS = [
    DemoOffer(
        "N1103",
        "entrepots-canal",
        "francs-moisins",
        title="Préparateur de commandes pour les fêtes (H/F)",
        contract=TEMPORARY,
        no_diploma=True,
        published_days_ago=80,
        expires_in_days=-20,
    ),
    DemoOffer(
        "K2204",
        "net-plaine",
        "la-maladrerie",
        title="Agent de propreté pour un remplacement (H/F)",
        contract=CDD_3,
        hours=20,
        salary=SMIC_PER_HOUR,
        published_days_ago=70,
        expires_in_days=-8,
    ),
    DemoOffer(
        "G1803",
        "Brasserie Le Marché",
        "saint-denis-centre",
        title="Serveur pour l'été (H/F)",
        contract=SEASONAL,
        published_days_ago=95,
        expires_in_days=-35,
    ),
]
FILLED_OFFERS = [
    DemoOffer(
        "K2503",
        "Protection Événements 93",
        "les-4000",
        title="Agent de sécurité au stade (H/F)",
        contract=CDD_3,
        salary=monthly("1900", "2000"),
        published_days_ago=18,
    ),
]


def offer_slug(offer):
    title = offer.title or RESIDENT_TITLES[offer.rome_code]
    return slugify(f"{title.replace('(H/F)', '')} {NEIGHBOURHOODS[offer.place].commune}")


def unique_slugs(offers):
    """A slug for each offer, numbered when two offers share a title and a commune."""
    seen = {}
    slugs = []
    for offer in offers:
        slug = offer_slug(offer)
        seen[slug] = seen.get(slug, 0) + 1
        slugs.append(slug if seen[slug] == 1 else f"{slug}-{seen[slug]}")
    return slugs


# --- Trade branches ------------------------------------------------------------------------------
@dataclass(frozen=True)
class DemoBranch:
    slug: str
    title: str
    sector: str
    trades: tuple
    presented_days_ago: int
    introduction: str
    work: str
    pay: str
    training: str
    hiring: str
    key_facts: tuple
    brochure_title: str
    brochure_lines: tuple
    video_url: str = ""
    easy_read: str = ""


# Branches present their trades twice a year: the three last presentations, six months apart.
BRANCHES = [
    DemoBranch(
        slug="logistique",
        title="Les métiers de la logistique",
        sector="logistique",
        trades=("N1103", "N1101", "N1105", "N4105"),
        presented_days_ago=40,
        introduction="Les entrepôts du territoire recrutent toute l'année. Beaucoup de postes "
        "sont ouverts aux débutants, sans diplôme.",
        easy_read="Dans un entrepôt, on range des colis.\n"
        "On prépare les commandes des magasins.\n"
        "On travaille tôt le matin ou la nuit.\n"
        "On peut commencer sans diplôme.\n"
        "L'entreprise vous forme.",
        work="<p>Dans un entrepôt, on reçoit les marchandises, on les range, puis on prépare "
        "les commandes des magasins et des clients.</p>"
        "<ul><li>On travaille debout, souvent tôt le matin ou la nuit.</li>"
        "<li>On utilise un scanner, parfois un chariot.</li>"
        "<li>On travaille en équipe, avec un chef d'équipe.</li></ul>",
        pay="De 1 823 € à 2 200 € brut par mois pour débuter, plus des primes pour la nuit.",
        training="<p>Pour commencer, pas besoin de diplôme : l'entreprise vous forme.</p>"
        "<ul><li><b>Le CACES</b> (conduite de chariot) se passe en 5 jours. L'employeur ou "
        "France Travail peut le payer.</li>"
        "<li><b>Le titre professionnel de préparateur de commandes</b> se prépare en "
        "alternance, en 6 à 12 mois.</li></ul>",
        hiring="<p>Les Entrepôts du Canal, Colis Express 93 et les agences d'intérim de la "
        "zone du Port. La Plateforme connaît leurs besoins : venez en parler.</p>",
        key_facts=(
            ("5 jours", "pour passer le CACES", "souvent payés par l'employeur"),
            ("1 823 €", "de salaire brut pour débuter", "le SMIC, plus les primes"),
            ("24 h sur 24", "les entrepôts tournent jour et nuit", ""),
        ),
        brochure_title="Les métiers de la logistique en bref",
        brochure_lines=(
            "Préparateur de commandes, cariste, manutentionnaire, livreur :",
            "ce que l'on fait, ce que l'on gagne, comment se former.",
            "Présentation de la branche à la Plateforme Emploi Entreprises.",
        ),
        video_url="https://video.example.org/dynamique-emploi/metiers-logistique",
    ),
    DemoBranch(
        slug="proprete",
        title="Les métiers de la propreté",
        sector="proprete",
        trades=("K2204", "K2303"),
        presented_days_ago=40 + 182,
        introduction="Bureaux, écoles, magasins, rues : la propreté embauche près de chez vous, "
        "souvent à temps partiel, avec des horaires tôt le matin ou le soir.",
        easy_read="On nettoie des bureaux, des écoles ou des magasins.\n"
        "On travaille tôt le matin ou le soir.\n"
        "Les entreprises sont près de chez vous.\n"
        "On peut commencer sans diplôme.",
        work="<p>On nettoie des locaux ou l'espace public : sols, vitres, sanitaires, "
        "poubelles. On utilise des machines et des produits adaptés, avec une tenue fournie.</p>",
        pay="Le SMIC horaire pour débuter, environ 12 € brut de l'heure, plus les primes "
        "de transport.",
        training="<p>L'entreprise forme sur place. Un <b>CQP agent machiniste</b> ou le "
        "<b>titre professionnel d'agent de propreté et d'hygiène</b> aident à évoluer vers un "
        "temps plein ou un poste de chef d'équipe.</p>",
        hiring="<p>Net Plaine Services, la Régie de quartier des Francs-Moisins (en contrat "
        "d'insertion) et les entreprises de nettoyage des zones d'activités.</p>",
        key_facts=(
            ("6 h", "le début de beaucoup de journées", "avant l'arrivée des salariés"),
            ("12 €", "de l'heure brut pour débuter", "le SMIC horaire"),
        ),
        brochure_title="Les métiers de la propreté en bref",
        brochure_lines=(
            "Agent de propreté, agent machiniste, agent de propreté urbaine :",
            "les horaires, les salaires, les formations.",
        ),
    ),
    DemoBranch(
        slug="aide-a-la-personne",
        title="Les métiers de l'aide à la personne",
        sector="aide-a-la-personne",
        trades=("K1302", "K1303", "K1304"),
        presented_days_ago=40 + 365,
        introduction="Aider des personnes âgées, garder des enfants, entretenir une maison : "
        "des métiers utiles, qui recrutent beaucoup, près de chez vous.",
        work="<p>On va chez les personnes, une ou deux heures chez chacune. On aide pour les "
        "repas, les courses, le ménage ou la toilette. On est souvent seul chez la personne, "
        "mais on a une responsable à qui parler.</p>",
        pay="Un peu plus que le SMIC horaire, de 12,30 € à 13 € brut de l'heure ; les "
        "déplacements entre deux personnes sont payés.",
        training="<p>On peut commencer sans diplôme. Le <b>titre professionnel d'assistant de "
        "vie aux familles</b> se prépare en 6 mois et permet d'avoir plus d'heures.</p>",
        hiring="<p>Aide et Domicile Plaine Commune, les services de la ville et les "
        "associations d'aide à domicile du territoire.</p>",
        key_facts=(
            ("6 mois", "pour le titre d'assistant de vie aux familles", ""),
            ("2 h", "en moyenne chez chaque personne", ""),
        ),
        brochure_title="Les métiers de l'aide à la personne en bref",
        brochure_lines=(
            "Aide à domicile, auxiliaire de vie, garde d'enfants :",
            "le travail au quotidien, les salaires, les formations.",
        ),
        video_url="https://video.example.org/dynamique-emploi/metiers-aide-a-la-personne",
    ),
]


# --- Steps ---------------------------------------------------------------------------------------
def load_offers_demo(demo):
    reference = load_reference_data()
    if reference.sectors_created or reference.trades_created:
        demo.log(
            _("Référentiels chargés : %(sectors)d filières, %(trades)d métiers.")
            % {"sectors": reference.sectors_created, "trades": reference.trades_created}
        )
        demo.count(_("filières"), reference.sectors_created)
        demo.count(_("métiers"), reference.trades_created)
    locale = get_default_locale()
    neighbourhoods = load_neighbourhoods(demo, locale)
    organisations = load_organisations(demo, neighbourhoods, locale)
    offer_index = load_offer_index(demo)
    trades = {
        trade.rome_code: trade
        for trade in Trade.objects.filter(locale=locale).select_related("sector")
    }
    load_offers(demo, offer_index, trades, neighbourhoods, organisations)
    load_branches(demo, trades, locale)
    if extra_offers := demo.options.get("offers"):
        load_benchmark_offers(
            demo, extra_offers, offer_index, trades, neighbourhoods, organisations
        )


def load_neighbourhoods(demo, locale):
    existing = {n.slug: n for n in Neighbourhood.objects.filter(locale=locale)}
    for slug, place in NEIGHBOURHOODS.items():
        if slug not in existing:
            existing[slug] = NeighbourhoodFactory(
                slug=slug,
                name=place.name,
                commune=place.commune,
                qpv_code=place.qpv_code,
                locale=locale,
            )
            demo.count(_("quartiers"))
    return existing


def load_organisations(demo, neighbourhoods, locale):
    sectors = {sector.slug: sector for sector in Sector.objects.filter(locale=locale)}
    existing = {
        organisation.name: organisation
        for organisation in Organisation.objects.filter(
            name__in=[employer.name for employer in ORGANISATIONS.values()]
        )
    }
    organisations = {}
    for number, (key, employer) in enumerate(ORGANISATIONS.items(), start=1):
        organisation = existing.get(employer.name)
        if organisation is None:
            place = NEIGHBOURHOODS[employer.place]
            organisation = Organisation(
                name=employer.name,
                kind=employer.kind,
                siret=demo_siret(number),
                address=f"{number * 4} rue de l'Industrie\n{place.postal_code} {place.commune}",
                commune=place.commune,
                neighbourhood=neighbourhoods[employer.place],
                sector=sectors[employer.sector],
                description=french_spacing(employer.description),
                is_public=employer.is_public,
            )
            organisation.full_clean()
            organisation.save()
            demo.count(_("organisations"))
        organisations[key] = organisation
    return organisations


def load_offer_index(demo):
    index, created = demo.child_page(
        demo.home_page,
        OfferIndexPageFactory,
        OFFER_INDEX_SLUG,
        title="Offres d'emploi",
        introduction=french_spacing(
            "Des offres d'emploi près de chez vous, choisies avec les entreprises du réseau. "
            "Beaucoup sont ouvertes aux débutants et aux personnes sans diplôme. "
            "Une offre vous intéresse ? Dites-le nous : un conseiller vous rappelle."
        ),
        search_description="Les offres d'emploi des entreprises du réseau, près de chez vous.",
        show_in_menus=True,
    )
    if created:
        # Offers are why residents come: first in the main menu.
        index.move(demo.home_page, pos="first-child")
        index.refresh_from_db()
        demo.publish(index)
    return index


def offer_fields(offer, trades, neighbourhoods, organisations, number):
    """The OfferPageFactory arguments for a DemoOffer."""
    now = timezone.now()
    today = hub_today()
    place = NEIGHBOURHOODS[offer.place]
    contract_type, duration = offer.contract
    salary_min, salary_max, salary_period = offer.salary or (None, None, SalaryPeriod.MONTH)
    member = organisations.get(offer.employer)
    fields = {
        "title": offer.title or RESIDENT_TITLES[offer.rome_code],
        "first_published_at": now - datetime.timedelta(days=offer.published_days_ago, hours=3),
        "trade": trades[offer.rome_code],
        "contract_type": contract_type,
        "duration": duration,
        "working_time": WorkingTime.FULL_TIME if offer.hours >= 35 else WorkingTime.PART_TIME,
        "hours_per_week": Decimal(offer.hours),
        "schedule": offer.schedule,
        "salary_min": salary_min,
        "salary_max": salary_max,
        "salary_period": salary_period,
        "start_date": today + datetime.timedelta(days=offer.start_in_days)
        if offer.start_in_days is not None
        else None,
        "positions": offer.positions,
        "commune": place.commune,
        "postal_code": place.postal_code,
        "neighbourhood": neighbourhoods[offer.place],
        "address": offer.address,
        "transport_access": place.transport_access,
        "employer": member,
        "employer_name": "" if member else offer.employer,
        "employer_is_anonymous": offer.anonymous,
        "no_diploma_required": offer.no_diploma,
        "beginners_welcome": offer.beginner,
        "driving_licence_required": offer.licence,
        "vehicle_required": offer.vehicle,
        "french_level": offer.french,
        "description": DESCRIPTIONS[offer.rome_code],
        "easy_read": offer.easy_read,
        "application_method": offer.apply,
        "application_url": "https://recrutement.example.org/offres/"
        if offer.apply == ApplicationMethod.EXTERNAL_LINK
        else "",
        "application_email": "recrutement@example.org"
        if offer.apply == ApplicationMethod.EMAIL
        else "",
        "how_to_apply": offer.how_to_apply,
        "reference": f"PEE-{number:03d}",
        "expiry_date": today + datetime.timedelta(days=offer.expires_in_days)
        if offer.expires_in_days is not None
        else today + datetime.timedelta(days=OFFER_LIFETIME_DAYS - offer.published_days_ago),
    }
    return french_spacing(fields)


def load_offers(demo, offer_index, trades, neighbourhoods, organisations):
    """The current, expired and filled offers: each created once, published through a revision."""
    existing_slugs = set(offer_index.get_children().values_list("slug", flat=True))
    all_offers = [
        *[(offer, "current") for offer in OFFERS],
        *[(offer, "expired") for offer in EXPIRED_OFFERS],
        *[(offer, "filled") for offer in FILLED_OFFERS],
    ]
    slugs = unique_slugs([offer for offer, _state in all_offers])
    created = 0
    for number, ((offer, state), slug) in enumerate(zip(all_offers, slugs, strict=True), 1):
        if slug in existing_slugs:
            continue
        fields = offer_fields(offer, trades, neighbourhoods, organisations, number)
        page = OfferPageFactory(parent=offer_index, slug=slug, filled=state == "filled", **fields)
        demo.publish(page)
        if state == "expired":
            # As publish_scheduled does the day after the expiry date.
            page.unpublish(set_expired=True, log_action=False)
        created += 1
    if created:
        demo.count("pages", created)
        demo.log(_("%(count)d offres d'emploi créées.") % {"count": created})
    else:
        demo.log(_("Les offres d'emploi existent déjà."))


def load_branches(demo, trades, locale):
    branch_index, index_created = demo.child_page(
        demo.home_page,
        BranchIndexPageFactory,
        BRANCH_INDEX_SLUG,
        title="Découvrir des métiers",
        introduction=french_spacing(
            "Deux fois par an, des professionnels viennent à la Plateforme présenter leur "
            "métier. Retrouvez ce qu'ils ont dit, les formations et les offres en cours."
        ),
        search_description="Les métiers qui recrutent près de chez vous, présentés par les "
        "professionnels.",
        show_in_menus=True,
    )
    if index_created:
        demo.publish(branch_index)
    sectors = {sector.slug: sector for sector in Sector.objects.filter(locale=locale)}
    today = hub_today()
    for branch in BRANCHES:
        brochure = demo.document(branch.brochure_title, [*branch.brochure_lines])
        page, created = demo.child_page(
            branch_index,
            BranchPageFactory,
            branch.slug,
            title=branch.title,
            sector=sectors[branch.sector],
            trades=[trades[code] for code in branch.trades],
            presented_on=today - datetime.timedelta(days=branch.presented_days_ago),
            introduction=french_spacing(branch.introduction),
            work=french_spacing(branch.work),
            pay=french_spacing(branch.pay),
            training=french_spacing(branch.training),
            hiring=french_spacing(branch.hiring),
            key_facts=french_spacing([key_fact_data(*fact) for fact in branch.key_facts]),
            brochures=[brochure_data(brochure)],
            video_url=branch.video_url,
            easy_read=french_spacing(branch.easy_read),
        )
        if created:
            demo.publish(page)
    if index_created:
        demo.log(_("Présentations des branches professionnelles créées."))


def load_benchmark_offers(demo, count, offer_index, trades, neighbourhoods, organisations):
    """`--offers N`: N more live offers, written in bulk (no revisions), and indexed for search."""
    started_at = time.monotonic()
    employers = [organisation for organisation in organisations.values() if organisation.is_public]
    titles_used = Counter()

    def title_for_trade(trade):
        # Two names for some trades, so that a keyword search finds part of the offers.
        titles = BENCHMARK_TITLES.get(trade.rome_code) or [RESIDENT_TITLES[trade.rome_code]]
        titles_used[trade.rome_code] += 1
        return titles[titles_used[trade.rome_code] % len(titles)]

    offers = create_offers_in_bulk(
        count,
        trades=list(trades.values()),
        parent=offer_index,
        neighbourhoods=list(neighbourhoods.values()),
        employers=employers,
        title_for_trade=title_for_trade,
    )
    demo.count("pages", len(offers))
    demo.log(
        _("%(count)d offres en plus pour les mesures, en %(seconds).1f s.")
        % {"count": len(offers), "seconds": time.monotonic() - started_at}
    )
