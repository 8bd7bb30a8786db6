"""The everyday names residents type for the jobs offers are written under, and the editors'
right to add more (Moderators, Editors: the groups Wagtail creates)."""

from django.db import migrations

EVERYDAY_JOB_NAMES = [
    "cariste, conducteur de chariot élévateur, chariot élévateur, conduite d'engins",
    "magasinier, magasinière, magasinage, gestionnaire de stock, agent de magasin",
    "préparateur de commandes, préparatrice de commandes, préparation de commandes, picking, "
    "agent logistique",
    "manutentionnaire, manutention, agent de manutention, déménageur",
    "ménage, agent d'entretien, agente d'entretien, agent de propreté, agent de nettoyage, "
    "nettoyage, femme de ménage, homme de ménage, technicien de surface",
    "plonge, plongeur, plongeuse, agent de plonge, vaisselle",
    "auxiliaire de vie, aide à domicile, assistant de vie, aide aux personnes âgées, "
    "aide-ménagère, assistance auprès d'adultes",
    "serveur, serveuse, service en salle, garçon de café, chef de rang, service en restauration",
    "commis de cuisine, commis, aide de cuisine, aide-cuisinier, cuisinier, cuisinière, "
    "personnel de cuisine",
    "agent de sécurité, vigile, agent de surveillance, gardiennage, sécurité et surveillance, "
    "SSIAP",
    "ATSEM, agent territorial spécialisé des écoles maternelles, aide maternelle",
    "caissier, caissière, hôte de caisse, hôtesse de caisse, personnel de caisse",
    "vendeur, vendeuse, employé de vente, conseiller de vente",
    "employé de rayon, employé libre-service, mise en rayon, ELS",
    "livreur, livreuse, chauffeur-livreur, livraison, coursier",
    "maçon, maçonnerie, aide-maçon",
    "peintre, peintre en bâtiment, peinture en bâtiment",
    "électricien, électricienne, électricité bâtiment",
    "jardinier, jardinière, espaces verts, paysagiste",
    "agent d'accueil, hôte d'accueil, hôtesse d'accueil, standardiste",
    "secrétaire, assistant administratif, assistante administrative, employé administratif",
    "femme de chambre, valet de chambre, équipier d'étage",
    "garde d'enfants, nounou, baby-sitting, assistance auprès d'enfants",
    "ASH, agent de service hospitalier, agent des services hospitaliers",
    "aide-soignant, aide-soignante, soins d'hygiène",
    "agent de maintenance, technicien de maintenance, maintenance des bâtiments, homme toutes mains",
    "emballage, conditionnement, agent de conditionnement, opérateur de conditionnement",
    "apprenti, apprentie, apprentissage, alternance, alternant, contrat de professionnalisation",
    "intérim, intérimaire, travail temporaire",
]
GROUP_NAMES = ["Moderators", "Editors"]
ACTIONS = {
    "add": "Can add synonym",
    "change": "Can change synonym",
    "delete": "Can delete synonym",
    "view": "Can view synonym",
}


def synonym_permissions(apps):
    content_type_model = apps.get_model("contenttypes", "ContentType")
    permission_model = apps.get_model("auth", "Permission")
    content_type, _created = content_type_model.objects.get_or_create(
        app_label="search", model="synonym"
    )
    return [
        permission_model.objects.get_or_create(
            content_type=content_type, codename=f"{action}_synonym", defaults={"name": name}
        )[0]
        for action, name in ACTIONS.items()
    ]


def seed(apps, schema_editor):
    synonym_model = apps.get_model("search", "Synonym")
    for terms in EVERYDAY_JOB_NAMES:
        synonym_model.objects.get_or_create(terms=terms)
    permissions = synonym_permissions(apps)
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GROUP_NAMES):
        group.permissions.add(*permissions)


def unseed(apps, schema_editor):
    apps.get_model("search", "Synonym").objects.filter(terms__in=EVERYDAY_JOB_NAMES).delete()
    permissions = synonym_permissions(apps)
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GROUP_NAMES):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_unaccented_french_configuration"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
