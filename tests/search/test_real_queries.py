"""What residents really type in the site search, and the offer each query must show first.

Without accents, misspelt, in the plural or the feminine, with everyday job names, in several
words: on SQLite and on PostgreSQL (`DATABASE_URL` picks), with the synonyms the data migration
gives every site.
"""

from bs4 import BeautifulSoup
from django.test import TestCase
from django.urls import reverse

from offers.enums import ContractType, WorkingTime
from tests.home.factories import StandardPageFactory, create_site
from tests.offers.factories import BranchPageFactory, OfferPageFactory
from tests.organisations.factories import OrganisationFactory
from tests.reference.factories import SectorFactory, TradeFactory
from tests.search.factories import seed_everyday_job_names

SEARCH_URL = reverse("search:results")

SECTORS = {
    "logistique": {"logistique": True},
    "proprete": {"proprete": True},
    "aide": {"aide_a_la_personne": True},
    "btp": {"btp": True},
    "restauration": {"name": "Hôtellerie et restauration", "slug": "restauration"},
    "commerce": {"name": "Commerce et vente", "slug": "commerce"},
    "securite": {"name": "Sécurité", "slug": "securite"},
    "espaces-verts": {"name": "Espaces verts", "slug": "espaces-verts"},
    "sante": {"name": "Santé", "slug": "sante"},
}
# ROME code: (label, sector), as in site/reference/data/rome.json.
TRADES = {
    "N1103": ("Magasinage et préparation de commandes", "logistique"),
    "N1101": ("Conduite d'engins de déplacement des charges", "logistique"),
    "N1105": ("Manutention manuelle de charges", "logistique"),
    "N4105": ("Conduite et livraison par tournées sur courte distance", "logistique"),
    "K2204": ("Nettoyage de locaux", "proprete"),
    "K2303": ("Nettoyage des espaces urbains", "proprete"),
    "F1703": ("Maçonnerie", "btp"),
    "F1602": ("Électricité bâtiment", "btp"),
    "K1302": ("Assistance auprès d'adultes", "aide"),
    "K1303": ("Assistance auprès d'enfants", "aide"),
    "K1304": ("Services domestiques", "aide"),
    "G1602": ("Personnel de cuisine", "restauration"),
    "G1803": ("Service en restauration", "restauration"),
    "D1507": ("Mise en rayon libre-service", "commerce"),
    "D1505": ("Personnel de caisse", "commerce"),
    "K2503": ("Sécurité et surveillance privées", "securite"),
    "A1203": ("Aménagement et entretien des espaces verts", "espaces-verts"),
    "J1501": ("Soins d'hygiène, de confort du patient", "sante"),
}

# name: (title, ROME code, employer, commune, contract, description)
OFFERS = {
    "preparateur": (
        "Préparateur de commandes (H/F)",
        "N1103",
        "Logistique du Port",
        "Saint-Denis",
        ContractType.CDI,
        "Vous prenez les produits dans les rayons de l'entrepôt et vous les posez sur une "
        "palette, avec un scanner.",
    ),
    "preparateur_nuit": (
        "Préparateur de commandes de nuit (H/F)",
        "N1103",
        "Logistique du Port",
        "Gennevilliers",
        ContractType.TEMPORARY,
        "Le même travail en équipe de nuit, de 21 h à 5 h, avec une prime.",
    ),
    "cariste": (
        "Cariste (H/F)",
        "N1101",
        "Entrepôts Pleyel",
        "Saint-Ouen",
        ContractType.TEMPORARY,
        "Vous conduisez un chariot élévateur pour charger et décharger les camions. "
        "CACES 1, 3 et 5 demandés.",
    ),
    "magasinier": (
        "Magasinier (H/F)",
        "N1103",
        "Bricolage Plus",
        "Aubervilliers",
        ContractType.CDD,
        "Vous recevez les livraisons, vous vérifiez les produits et vous les rangez en réserve.",
    ),
    "manutentionnaire": (
        "Manutentionnaire (H/F)",
        "N1105",
        "Transports Rapides",
        "Aubervilliers",
        ContractType.TEMPORARY,
        "Vous chargez et déchargez des colis lourds à la main.",
    ),
    "livreur": (
        "Livreur à vélo (H/F)",
        "N4105",
        "Pharmacie Centrale",
        "Saint-Denis",
        ContractType.CDD,
        "Vous apportez les médicaments aux patients du quartier, sur un vélo électrique.",
    ),
    "aide_domicile_saint_denis": (
        "Aide à domicile (H/F)",
        "K1302",
        "Âge d'Or Services",
        "Saint-Denis",
        ContractType.CDI,
        "Vous aidez des personnes âgées chez elles : courses, repas, toilette.",
    ),
    "aide_domicile_bobigny": (
        "Aide à domicile (H/F)",
        "K1302",
        "Présence Bobigny",
        "Bobigny",
        ContractType.CDD,
        "Vous aidez des personnes âgées chez elles : courses, repas, toilette.",
    ),
    "aide_domicile_pantin": (
        "Aide à domicile (H/F)",
        "K1302",
        "Domicile Pantin",
        "Pantin",
        ContractType.PEC,
        "Vous aidez des personnes âgées chez elles : courses, repas, toilette.",
    ),
    "auxiliaire": (
        "Auxiliaire de vie (H/F)",
        "K1302",
        "Vivre Chez Soi",
        "Saint-Ouen",
        ContractType.CDI,
        "Vous accompagnez une personne handicapée dans les gestes du quotidien.",
    ),
    "atsem": (
        "Agent territorial spécialisé des écoles maternelles (H/F)",
        "K1303",
        "Ville de Stains",
        "Stains",
        ContractType.CDD,
        "Vous aidez l'enseignant d'une classe de maternelle et vous prenez soin des enfants.",
    ),
    "femme_de_chambre": (
        "Femme ou valet de chambre en hôtel (H/F)",
        "K1304",
        "Hôtel du Stade",
        "Saint-Denis",
        ContractType.CDI,
        "Vous préparez les chambres des clients : lits, salle de bains, linge.",
    ),
    "agent_entretien": (
        "Agent d'entretien (H/F)",
        "K2204",
        "Propreté 93",
        "Saint-Denis",
        ContractType.CDI,
        "Vous nettoyez des bureaux tôt le matin, avant l'arrivée des salariés.",
    ),
    "proprete_urbaine": (
        "Agent de propreté urbaine (H/F)",
        "K2303",
        "Plaine Commune",
        "Saint-Denis",
        ContractType.INSERTION,
        "Vous ramassez les déchets dans les rues et les parcs.",
    ),
    "plongeur": (
        "Plongeur (H/F)",
        "G1602",
        "Restaurant Le Marché",
        "Saint-Denis",
        ContractType.CDD,
        "Vous lavez les assiettes et les casseroles, vous rangez la cuisine.",
    ),
    "commis": (
        "Commis de cuisine (H/F)",
        "G1602",
        "Cantine Solidaire",
        "Montreuil",
        ContractType.CDD,
        "Vous épluchez les légumes et vous aidez le chef à préparer les repas.",
    ),
    "serveur": (
        "Serveur en brasserie (H/F)",
        "G1803",
        "Brasserie du Canal",
        "Saint-Denis",
        ContractType.CDI,
        "Vous accueillez les clients, prenez les commandes et apportez les plats.",
    ),
    "employe_libre_service": (
        "Employé libre-service (H/F)",
        "D1507",
        "Supermarché du Centre",
        "Saint-Denis",
        ContractType.CDI,
        "Vous remplissez les rayons du magasin et vous vérifiez les dates.",
    ),
    "hote_de_caisse": (
        "Hôte de caisse (H/F)",
        "D1505",
        "Supermarché du Centre",
        "Saint-Denis",
        ContractType.CDD,
        "Vous encaissez les achats des clients et vous les renseignez.",
    ),
    "agent_securite": (
        "Agent de sécurité (H/F)",
        "K2503",
        "Surveillance Plaine",
        "Saint-Denis",
        ContractType.CDI,
        "Vous contrôlez les entrées d'un centre commercial. Carte professionnelle demandée.",
    ),
    "jardinier": (
        "Jardinier (H/F)",
        "A1203",
        "Ville de Stains",
        "Stains",
        ContractType.CDD,
        "Vous tondez les pelouses et vous taillez les haies des parcs de la ville.",
    ),
    "macon": (
        "Maçon (H/F)",
        "F1703",
        "Bâtir Ensemble",
        "La Courneuve",
        ContractType.INSERTION,
        "Vous montez des murs en parpaings sur un chantier d'insertion.",
    ),
    "electricien": (
        "Électricien (H/F)",
        "F1602",
        "Lumière 93",
        "Bobigny",
        ContractType.APPRENTICESHIP,
        "Vous posez des prises et des câbles dans des logements neufs.",
    ),
    "aide_soignant": (
        "Aide-soignant (H/F)",
        "J1501",
        "Résidence Les Tilleuls",
        "Épinay-sur-Seine",
        ContractType.CDI,
        "Vous aidez les résidents d'une maison de retraite pour la toilette et les repas.",
    ),
}

AIDE_A_DOMICILE = ("aide_domicile_saint_denis", "aide_domicile_bobigny", "aide_domicile_pantin")

# What residents type, and the offer (or one of the offers) the search must show first.
REAL_QUERIES = [
    # Without accents, or in capitals.
    ("preparateur", ("preparateur",)),
    ("preparateur de commandes", ("preparateur",)),
    ("PREPARATEURS DE COMMANDES", ("preparateur",)),
    ("aide a domicile", AIDE_A_DOMICILE),
    ("agent de securite", ("agent_securite",)),
    ("macon", ("macon",)),
    ("electricien", ("electricien",)),
    ("hote de caisse", ("hote_de_caisse",)),
    # Singular for plural, feminine for masculine.
    ("preparateur de commande", ("preparateur",)),
    ("preparatrice de commandes", ("preparateur",)),
    ("aides a domicile", AIDE_A_DOMICILE),
    ("caristes", ("cariste",)),
    ("magasiniere", ("magasinier",)),
    ("electricienne", ("electricien",)),
    ("serveuse", ("serveur",)),
    ("aide soignante", ("aide_soignant",)),
    ("maçons", ("macon",)),
    # Misspelt.
    ("carist", ("cariste",)),
    ("magasinié", ("magasinier",)),
    ("manutentionaire", ("manutentionnaire",)),
    ("securiter", ("agent_securite",)),
    ("comis de cuisine", ("commis",)),
    ("auxilliaire de vie", ("auxiliaire",)),
    ("plongeure", ("plongeur",)),
    # Everyday job names, through the synonyms.
    ("ménage", ("agent_entretien",)),
    ("femme de menage", ("agent_entretien",)),
    ("plonge", ("plongeur",)),
    ("atsem", ("atsem",)),
    ("caissiere", ("hote_de_caisse",)),
    ("vigile", ("agent_securite",)),
    ("chariot elevateur", ("cariste",)),
    ("mise en rayon", ("employe_libre_service",)),
    ("espaces verts", ("jardinier",)),
    ("chauffeur livreur", ("livreur",)),
    # Several words: the job and the place, the job in more words.
    ("aide a domicile bobigny", ("aide_domicile_bobigny",)),
    ("aide à domicile Pantin", ("aide_domicile_pantin",)),
    ("preparateur de commandes de nuit", ("preparateur_nuit",)),
    ("agent entretien saint denis", ("agent_entretien",)),
    ("netoyage bureaux", ("agent_entretien",)),
    ("auxiliaire de vie", ("auxiliaire",)),
    ("femme de chambre", ("femme_de_chambre",)),
    ("commis cuisine montreuil", ("commis",)),
]


def result_links(response):
    html = BeautifulSoup(response.content, "html.parser")
    return [link["href"] for link in html.select("ol.results h2 a")]


class TestRealQueries(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = create_site()
        seed_everyday_job_names()
        sectors = {slug: SectorFactory(**traits) for slug, traits in SECTORS.items()}
        trades = {
            code: TradeFactory(rome_code=code, label=label, sector=sectors[sector])
            for code, (label, sector) in TRADES.items()
        }
        employers = {}
        cls.offers = {}
        for name, (title, code, employer, commune, contract, text) in OFFERS.items():
            if employer not in employers:
                employers[employer] = OrganisationFactory(name=employer)
            cls.offers[name] = OfferPageFactory(
                title=title,
                trade=trades[code],
                employer=employers[employer],
                commune=commune,
                contract_type=contract,
                duration="" if contract == ContractType.CDI else "6 mois",
                working_time=WorkingTime.FULL_TIME,
                description=f"<p>{text}</p>",
                transport_access="",
                address="",
            )
        # Pages that are not offers, but speak of the same jobs.
        BranchPageFactory(title="La logistique")
        StandardPageFactory(
            parent=home,
            title="Le parrainage",
            introduction="Un salarié d'une entreprise vous aide à trouver un emploi.",
        )

    def test_each_real_query_shows_its_offer_first(self):
        misses = []
        for query, expected in REAL_QUERIES:
            links = result_links(self.client.get(SEARCH_URL, {"q": query}))
            expected_urls = {self.offers[name].url for name in expected}
            if not links or links[0] not in expected_urls:
                misses.append((query, expected, links[:3]))

        assert misses == []
        assert len(REAL_QUERIES) >= 30

    def test_three_offers_with_one_title_are_told_apart(self):
        response = self.client.get(SEARCH_URL, {"q": "aide a domicile"})

        html = BeautifulSoup(response.content, "html.parser")
        items = [
            item.get_text(" ", strip=True)
            for item in html.select("ol.results > li")
            if item.h2.get_text(strip=True) == "Aide à domicile (H/F)"
        ]
        assert len(items) == 3
        assert any(
            "Âge d'Or Services" in item and "Saint-Denis" in item and "CDI" in item
            for item in items
        )
        assert any(
            "Présence Bobigny" in item and "Bobigny" in item and "CDD (6 mois)" in item
            for item in items
        )
        assert any(
            "Domicile Pantin" in item and "Pantin" in item and "Parcours emploi compétences" in item
            for item in items
        )
