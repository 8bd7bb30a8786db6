"""The home app's demo content: the site and its French pages, the site settings, an editor and
an adviser.

Imported only by `manage.py load_demo`: it needs the factories of tests/ (dev dependencies).
The facts and figures are the hub's own (2015 results); addresses, phone numbers (in the range
ARCEP keeps for fiction) and e-mail addresses are made up.
"""

import re

from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils.translation import gettext as _
from wagtail.models import Site

from core.addresses import site_host_and_port
from core.enums import AccessibilityConformance
from core.models import SiteSettings
from extranet.permissions import ADVISERS_GROUP_NAME, EDITORS_GROUP_NAME, sync_roles
from home.demo import illustrations
from home.models import HomePage
from tests.core.factories import (
    SiteSettingsFactory,
    get_default_locale,
    get_default_site,
    get_root_page,
)
from tests.home.factories import (
    SITE_NAME,
    HomePageFactory,
    HomePagePartnerFactory,
    StandardPageFactory,
    call_to_action_data,
    contact_card_data,
    document_link_data,
    entry_point_data,
    faq_data,
    image_data,
    key_figure_data,
    key_figures_data,
    remove_wagtail_welcome_page,
    rich_text_data,
)

EDITOR_EMAIL = "editeur@dynamique-emploi.fr"
ADVISER_EMAIL = "conseillere@dynamique-emploi.fr"
ADMIN_URL = "http://127.0.0.1:8000/admin/"
# `make run` serves the site there; other host names fall back to this default site.

PEE_NAME = "Plateforme Emploi Entreprises"
PEE_ADDRESS = "12 rue des Tisserands\n93200 Saint-Denis"
PEE_PHONE = "01 99 00 12 34"
PEE_EMAIL = "contact@dynamique-emploi.fr"
PEE_HOURS = (
    "Du lundi au vendredi, de 9 h à 12 h 30 : sans rendez-vous\n"
    "Du lundi au jeudi, de 14 h à 17 h : sur rendez-vous"
)
RESIDENCE_ADDRESS = "108 allée des Jardins\n93200 Saint-Denis"

# French typography puts a space before « : ; ? ! % » and inside quotation marks; a non-breaking
# one keeps « 108 » or 78 % on one line.
FRENCH_SPACES = [
    ("« ", "«\u00a0"),
    (" »", "\u00a0»"),
    (" %", "\u00a0%"),
    (" :", "\u00a0:"),
    (" ;", "\u00a0;"),
    (" ?", "\u00a0?"),
    (" !", "\u00a0!"),
]

TIME_PATTERN = re.compile(r"\d h( \d\d)?\b")  # 9 h, 12 h 30


def french_spacing(value):
    """The text, or the stream data's texts, with non-breaking spaces where French wants them."""
    if isinstance(value, str):
        for plain, non_breaking in FRENCH_SPACES:
            value = value.replace(plain, non_breaking)
        return TIME_PATTERN.sub(lambda time: time.group(0).replace(" ", "\u00a0"), value)
    if isinstance(value, list):
        return [french_spacing(item) for item in value]
    if isinstance(value, dict):
        return {key: french_spacing(item) for key, item in value.items()}
    return value


PARTNERS = [
    # (name, word on the stand-in logo, badge colour, website)
    (PEE_NAME, "PEE", illustrations.PRIMARY, ""),
    ("Résidence « 108 »", "108", illustrations.ACCENT, ""),
    ("Le Labo de l'ESS", "Labo ESS", illustrations.NIGHT, "https://www.lelabo-ess.org/"),
    ("France Travail", "France Travail", "#3d6e8f", "https://www.francetravail.fr/"),
    ("Mission locale", "Mission locale", "#7a4f8a", ""),
    ("Maison de l'emploi", "Maison de l'emploi", illustrations.PRIMARY_DARK, ""),
    ("Ville de Saint-Denis", "Ville", "#c9822b", ""),
    ("Club des entreprises du quartier", "Club", illustrations.ACCENT, ""),
]


# --- Images and documents, made on first use -----------------------------------------------------
def hero_image(demo):
    return demo.image(
        "Le quartier au lever du soleil",
        illustrations.neighbourhood,
        alt_text="Des immeubles du quartier au lever du soleil et des habitants qui marchent.",
    )


def welcome_desk_image(demo):
    return demo.image(
        "L'accueil de la Plateforme",
        illustrations.welcome_desk,
        alt_text="Une conseillère et un habitant assis de chaque côté d'une table.",
    )


def mentoring_image(demo):
    return demo.image(
        "Le parrainage",
        illustrations.mentoring,
        alt_text="Deux personnes marchent côte à côte sur un chemin.",
    )


def workplace_image(demo):
    return demo.image(
        "Recruter dans le quartier",
        illustrations.workplace,
        alt_text="Deux personnes se serrent la main devant un atelier et des bureaux.",
    )


def seedling_image(demo):
    return demo.image(
        "Un projet qui pousse",
        illustrations.seedling,
        alt_text="Une jeune plante pousse dans un pot, entourée de cercles reliés entre eux.",
    )


def cooperation_image(demo):
    return demo.image(
        "Trois forces ensemble",
        illustrations.cooperation,
        alt_text="Trois cercles de couleur qui se chevauchent.",
    )


def results_image(demo):
    return demo.image(
        "Nos résultats",
        illustrations.rising_bars,
        alt_text="Un graphique en barres qui monte de gauche à droite.",
    )


def map_image(demo):
    return demo.image(
        "Plan pour venir à la Plateforme",
        illustrations.map_pin,
        alt_text="Un plan du quartier avec un repère sur la Plateforme.",
    )


def charter_document(demo):
    return demo.document(
        "La charte des PTCE en bref",
        [
            "Le pôle Dynamique Emploi dans les Quartiers a signé la charte des PTCE",
            "du Labo de l'ESS. Ses membres s'engagent à :",
            "- coopérer sur un même territoire, les quartiers prioritaires ;",
            "- mettre en commun leurs moyens et leurs savoir-faire ;",
            "- créer des emplois durables pour les habitants ;",
            "- décider ensemble, dans une gouvernance partagée.",
        ],
    )


def results_document(demo):
    return demo.document(
        "Bilan 2015 en bref",
        [
            "434 demandeurs d'emploi suivis : 49 % ont moins de 26 ans,",
            "53 % ont peu ou pas de diplôme, 20 % lisent avec difficulté.",
            "178 personnes sorties de l'accompagnement : 78 % ont trouvé un emploi,",
            "65 % ont un emploi durable ou une formation.",
            "35 personnes parrainées. 101 entreprises engagées.",
            "30 porteurs de projet de l'ESS accompagnés gratuitement.",
            "13 visiteurs par jour en moyenne à la Plateforme.",
        ],
    )


def contact_link(pages, label):
    return {"page": pages["contact"], "label": label}


# --- Page bodies ----------------------------------------------------------------------------------
# Each function returns the fields of a page created in this run. They run once every page
# exists, so that links between pages can be made.
def ptce_content(demo, pages):
    return {
        "listing_image": cooperation_image(demo),
        "body": [
            rich_text_data(
                "<h2>D'où vient le pôle ?</h2>"
                "<p>Le pôle est né de la rencontre de deux structures du quartier :</p>"
                "<ul><li><b>la Plateforme Emploi Entreprises</b>, un lieu ouvert à tous, où l'on "
                "vient sans rendez-vous pour chercher un emploi ;</li>"
                "<li><b>la résidence « 108 »</b>, qui accueille des associations et des "
                "entreprises de l'économie sociale et solidaire (ESS).</li></ul>"
                "<p>Ensemble, elles ont réuni 150 entreprises, des structures d'insertion et des "
                "collectivités. Leur but : rapprocher les offres d'emploi et les habitants des "
                "quartiers prioritaires.</p>"
            ),
            image_data(
                cooperation_image(demo),
                alt_text="Trois cercles de couleur qui se chevauchent.",
                caption="La Plateforme, la résidence « 108 » et les partenaires travaillent "
                "ensemble.",
            ),
            rich_text_data(
                "<h2>Trois étapes</h2>"
                "<ol><li><b>Étape 1 :</b> la Plateforme Emploi Entreprises et la résidence "
                "« 108 » naissent et grandissent chacune de leur côté.</li>"
                "<li><b>Étape 2 :</b> elles créent ensemble le pôle et signent la charte des "
                "PTCE du Labo de l'ESS.</li>"
                "<li><b>Étape 3 :</b> le pôle lance ses premières actions et renforce le travail "
                "en commun.</li></ol>"
            ),
            document_link_data(
                charter_document(demo),
                description="Les engagements du pôle, sur une page.",
            ),
            rich_text_data(
                "<h2>Ce qui reste à construire</h2>"
                "<p>Le pôle s'appuie sur l'expérience de la Plateforme et du « 108 ». Cela lui a "
                "permis d'agir vite. Mais le travail n'est pas fini :</p>"
                "<ul><li>les règles pour décider ensemble (la gouvernance) sont en cours "
                "d'écriture ;</li>"
                "<li>le pôle a besoin de plus de moyens pour coordonner ses partenaires.</li></ul>"
            ),
            call_to_action_data(
                "Rejoindre le pôle",
                "Vous êtes une entreprise, une association ou une collectivité ? Parlons-en.",
                **contact_link(pages, "Nous contacter"),
            ),
        ],
    }


def results_content(demo, pages):
    return {
        "listing_image": results_image(demo),
        "body": [
            key_figures_data(
                [
                    key_figure_data("434", "demandeurs d'emploi suivis", "en 2015"),
                    key_figure_data("49 %", "ont moins de 26 ans"),
                    key_figure_data("53 %", "ont peu ou pas de diplôme"),
                    key_figure_data("20 %", "ont des difficultés pour lire et écrire"),
                ],
                heading="Les personnes accompagnées en 2015",
            ),
            key_figures_data(
                [
                    key_figure_data("178", "personnes ont fini leur accompagnement", "en 2015"),
                    key_figure_data("78 %", "ont trouvé ou retrouvé un emploi", "parmi ces 178"),
                    key_figure_data(
                        "65 %", "ont un emploi durable ou une formation", "parmi ces 178"
                    ),
                    key_figure_data(
                        "13", "personnes passent chaque jour la porte de la Plateforme", "en 2015"
                    ),
                ],
                heading="Après l'accompagnement",
            ),
            rich_text_data(
                "<h2>Avec les entreprises</h2>"
                "<ul><li>35 personnes parrainées en 2015 ;</li>"
                "<li>une rencontre sur le parrainage chaque mois depuis 2016 ;</li>"
                "<li>101 entreprises ont recruté en suivant la personne dans son emploi, ou ont "
                "parrainé quelqu'un ;</li>"
                "<li>2 formations contre les préjugés et les discriminations à l'embauche ;</li>"
                "<li>2 présentations de métiers par an, par les branches professionnelles ;</li>"
                "<li>les « rencontres pour l'emploi » de la Plateforme, depuis 3 ans.</li></ul>"
                "<h2>Pour l'économie sociale et solidaire</h2>"
                "<p>Chaque année, 30 porteurs de projet sont accompagnés gratuitement.</p>"
                "<h2>Ce qui change dans les quartiers</h2>"
                "<ul><li>Une nouvelle dynamique est née dans les quartiers prioritaires.</li>"
                "<li>La Plateforme est devenue un lieu de rencontre entre demandeurs d'emploi et "
                "entreprises.</li>"
                "<li>Les structures de l'ESS créées durent plus longtemps. Un an après, les "
                "personnes embauchées gardent plus souvent leur emploi.</li></ul>"
            ),
            document_link_data(
                results_document(demo),
                description="Tous les chiffres de l'année 2015, sur une page.",
            ),
        ],
    }


def partners_content(demo, pages):
    return {
        "body": [
            rich_text_data(
                "<h2>Les membres fondateurs</h2>"
                "<ul><li>la Plateforme Emploi Entreprises ;</li>"
                "<li>la résidence « 108 ».</li></ul>"
                "<h2>Nos partenaires pour l'emploi</h2>"
                "<ul><li>France Travail (qui s'appelait Pôle emploi) ;</li>"
                "<li>la Mission locale, pour les jeunes de 16 à 25 ans ;</li>"
                "<li>la Maison de l'emploi ;</li>"
                "<li>la Ville de Saint-Denis ;</li>"
                "<li>150 entreprises et des structures d'insertion.</li></ul>"
                "<h2>Le réseau des PTCE</h2>"
                "<p>Le pôle a signé la charte des PTCE du Labo de l'ESS. Le Labo réunit des "
                "pôles de coopération de toute la France.</p>"
            ),
            call_to_action_data(
                "Devenir partenaire",
                "Votre entreprise veut recruter dans le quartier ou parrainer un demandeur "
                "d'emploi ?",
                page=pages["je-recrute"],
                label="Ce que nous proposons aux entreprises",
            ),
        ],
    }


def job_seeker_content(demo, pages):
    return {
        "listing_image": welcome_desk_image(demo),
        "easy_read": "Vous cherchez un travail.\n"
        "Venez à la Plateforme Emploi Entreprises.\n"
        "Un conseiller vous écoute.\n"
        "Il vous aide à faire votre CV.\n"
        "Il vous montre les offres d'emploi du quartier.\n"
        "C'est gratuit. Pas besoin de rendez-vous.",
        "body": [
            rich_text_data(
                "<h2>Comment nous vous aidons</h2>"
                "<ul><li>Un conseiller vous écoute et fait le point avec vous.</li>"
                "<li>Il vous aide à écrire votre CV et à préparer les entretiens.</li>"
                "<li>Il vous montre les offres d'emploi des entreprises du quartier.</li>"
                "<li>Il vous présente aux entreprises qui recrutent.</li>"
                "<li>Après l'embauche, il reste là si vous avez besoin.</li></ul>"
            ),
            image_data(
                welcome_desk_image(demo),
                alt_text="Une conseillère et un habitant assis de chaque côté d'une table.",
                caption="Le matin, on vous reçoit sans rendez-vous.",
            ),
            contact_card_data(
                PEE_NAME,
                role="Accueil sans rendez-vous le matin",
                address=PEE_ADDRESS,
                phone=PEE_PHONE,
                email=PEE_EMAIL,
                hours=PEE_HOURS,
            ),
            rich_text_data(
                "<h2>Le parrainage</h2>"
                "<p>Un parrain ou une marraine travaille dans une entreprise. Pendant quelques "
                "mois, il vous donne des conseils, vous fait découvrir son métier et vous "
                "présente à des employeurs.</p>"
                "<p>En 2015, 35 personnes ont été parrainées. Chaque mois, une rencontre réunit "
                "les parrains et les personnes parrainées.</p>"
            ),
            image_data(
                mentoring_image(demo),
                alt_text="Deux personnes marchent côte à côte sur un chemin.",
            ),
            faq_data(
                [
                    (
                        "Faut-il un CV pour venir ?",
                        "<p>Non. Venez comme vous êtes. Un conseiller vous aide à écrire votre "
                        "CV.</p>",
                    ),
                    ("C'est payant ?", "<p>Non. Tout est gratuit.</p>"),
                    (
                        "Faut-il prendre rendez-vous ?",
                        "<p>Non, pas le matin : venez du lundi au vendredi, entre 9 h et "
                        "12 h 30. L'après-midi, c'est sur rendez-vous.</p>",
                    ),
                    (
                        "Je lis mal le français. Pouvez-vous m'aider ?",
                        "<p>Oui. Le conseiller vous lit les documents et vous aide à les "
                        "remplir. Vous pouvez aussi venir avec une personne de confiance.</p>",
                    ),
                    (
                        "Je suis inscrit à France Travail. Puis-je venir ?",
                        "<p>Oui. Nous travaillons avec France Travail et la Mission locale.</p>",
                    ),
                ],
                heading="Questions fréquentes",
            ),
            call_to_action_data(
                "Venez nous voir",
                "Apportez une pièce d'identité si vous en avez une. C'est tout.",
                **contact_link(pages, "Adresse et horaires"),
            ),
        ],
    }


def employer_content(demo, pages):
    return {
        "listing_image": workplace_image(demo),
        "body": [
            rich_text_data(
                "<h2>Recruter avec nous</h2>"
                "<ul><li>Vous nous décrivez le poste.</li>"
                "<li>Nous vous présentons des candidats qui habitent le quartier.</li>"
                "<li>Nous suivons la personne après l'embauche, pour qu'elle garde son "
                "emploi.</li></ul>"
                "<p>En 2015, 101 entreprises ont recruté avec nous ou parrainé un demandeur "
                "d'emploi.</p>"
            ),
            image_data(
                workplace_image(demo),
                alt_text="Deux personnes se serrent la main devant un atelier et des bureaux.",
                caption="Recruter près de chez soi, c'est aussi garder ses salariés plus "
                "longtemps.",
            ),
            rich_text_data(
                "<h2>Parrainer un demandeur d'emploi</h2>"
                "<p>Un de vos salariés peut devenir parrain ou marraine. Il aide une personne à "
                "découvrir votre métier et à trouver sa place. Une rencontre a lieu chaque "
                "mois.</p>"
                "<h2>Se former contre les discriminations</h2>"
                "<p>Nous proposons aux recruteurs des formations sur les préjugés à l'embauche. "
                "Deux formations ont eu lieu en 2015.</p>"
                "<h2>Faire connaître vos métiers</h2>"
                "<p>Deux fois par an, les branches professionnelles présentent leurs métiers aux "
                "demandeurs d'emploi.</p>"
                "<h2>Les rencontres pour l'emploi</h2>"
                "<p>Chaque année, la Plateforme organise les « rencontres pour l'emploi » : une "
                "journée pour rencontrer des candidats du quartier. Réservez votre stand.</p>"
            ),
            key_figures_data(
                [
                    key_figure_data("101", "entreprises engagées", "en 2015"),
                    key_figure_data("35", "personnes parrainées", "en 2015"),
                    key_figure_data("2", "formations sur les discriminations", "en 2015"),
                ],
                heading="Les entreprises s'engagent",
            ),
            call_to_action_data(
                "Vous avez un poste à pourvoir ?",
                "Appelez-nous ou écrivez-nous : nous vous rappelons vite.",
                **contact_link(pages, "Nous contacter"),
            ),
        ],
    }


def ess_content(demo, pages):
    return {
        "listing_image": seedling_image(demo),
        "body": [
            rich_text_data(
                "<h2>L'économie sociale et solidaire, c'est quoi ?</h2>"
                "<p>Ce sont des associations, des coopératives et des entreprises qui ne "
                "cherchent pas d'abord à gagner de l'argent. Elles répondent à un besoin des "
                "habitants : garde d'enfants, réparation, alimentation, transport…</p>"
                "<h2>Ce que nous vous proposons</h2>"
                "<ol><li>Un premier rendez-vous pour parler de votre idée.</li>"
                "<li>Une aide pour construire votre projet : budget, statut, financements.</li>"
                "<li>Un lieu pour travailler et rencontrer d'autres porteurs de projet, à la "
                "résidence « 108 ».</li>"
                "<li>Des contacts avec les entreprises et les partenaires du pôle.</li></ol>"
                "<p>Chaque année, nous accompagnons gratuitement 30 porteurs de projet.</p>"
            ),
            image_data(
                seedling_image(demo),
                alt_text="Une jeune plante pousse dans un pot, entourée de cercles reliés.",
                caption="Chaque année, 30 projets grandissent avec le pôle.",
            ),
            faq_data(
                [
                    (
                        "Mon projet n'est qu'une idée. Puis-je venir ?",
                        "<p>Oui. Nous pouvons commencer avec une simple idée.</p>",
                    ),
                    ("Combien ça coûte ?", "<p>Rien. L'accompagnement est gratuit.</p>"),
                ],
            ),
            call_to_action_data(
                "Parlez-nous de votre projet",
                "Prenez rendez-vous avec l'équipe de la résidence « 108 ».",
                **contact_link(pages, "Prendre rendez-vous"),
            ),
        ],
    }


def contact_content(demo, pages):
    return {
        "listing_image": map_image(demo),
        "body": [
            contact_card_data(
                PEE_NAME,
                role="Pour les demandeurs d'emploi et les entreprises",
                address=PEE_ADDRESS,
                phone=PEE_PHONE,
                email=PEE_EMAIL,
                hours=PEE_HOURS,
            ),
            contact_card_data(
                "Résidence « 108 »",
                role="Pour les porteurs de projet de l'économie sociale et solidaire",
                address=RESIDENCE_ADDRESS,
                phone="01 99 00 56 78",
                email="projets@dynamique-emploi.fr",
                hours="Sur rendez-vous, du lundi au jeudi",
            ),
            rich_text_data(
                "<h2>Comment venir</h2>"
                "<ul><li>En bus : arrêt « Les Tisserands », devant la Plateforme.</li>"
                "<li>À pied : 5 minutes depuis le marché.</li></ul>"
                "<p>L'entrée est de plain-pied : on peut entrer en fauteuil roulant.</p>"
            ),
            image_data(
                map_image(demo),
                alt_text="Un plan du quartier avec un repère sur la Plateforme.",
                caption="La Plateforme est à 5 minutes à pied du marché.",
            ),
        ],
    }


def accessibility_content(demo, pages):
    return {
        "body": [
            rich_text_data(
                "<h2>État de conformité</h2>"
                "<p>Le site Dynamique Emploi dans les Quartiers est <b>partiellement "
                "conforme</b> au référentiel général d'amélioration de l'accessibilité (RGAA), "
                "version 4.1.2, en raison des non-conformités listées ci-dessous.</p>"
                "<h2>Résultats des tests</h2>"
                "<p>Un audit interne a vérifié les pages principales du site. Elles respectent "
                "la plupart des critères du RGAA.</p>"
                "<h2>Contenus non accessibles</h2>"
                "<ul><li>Certains documents PDF ne sont pas accessibles. Demandez-nous une "
                "version accessible : nous vous l'envoyons.</li>"
                "<li>Les pages en anglais et en arabe peuvent contenir des passages en "
                "français.</li></ul>"
                "<h2>Établissement de cette déclaration</h2>"
                "<p>Technologies utilisées : HTML et CSS. Le site fonctionne sans "
                "JavaScript.</p>"
                "<p>Tests faits avec Firefox et le lecteur d'écran NVDA, Safari et VoiceOver, "
                "et un outil automatique (axe).</p>"
                "<h2>Retour d'information et contact</h2>"
                "<p>Vous n'arrivez pas à utiliser une partie du site ? Contactez-nous : nous "
                "vous donnerons l'information par un autre moyen.</p>"
            ),
            contact_card_data(
                "Accessibilité du site",
                role="Signaler un problème d'accès",
                phone=PEE_PHONE,
                email="accessibilite@dynamique-emploi.fr",
            ),
            rich_text_data(
                "<h2>Voies de recours</h2>"
                "<p>Vous nous avez signalé un problème et notre réponse ne vous convient pas ? "
                "Vous pouvez :</p>"
                '<ul><li>écrire au <a href="https://formulaire.defenseurdesdroits.fr/">'
                "Défenseur des droits</a> ;</li>"
                "<li>contacter le délégué du Défenseur des droits dans votre région ;</li>"
                "<li>envoyer un courrier gratuit, sans timbre : Défenseur des droits, "
                "Libre réponse 71120, 75342 Paris CEDEX 07.</li></ul>"
            ),
        ],
    }


def legal_content(demo, pages):
    return {
        "body": [
            rich_text_data(
                "<h2>Éditeur du site</h2>"
                "<p>Association Dynamique Emploi dans les Quartiers<br/>"
                "12 rue des Tisserands, 93200 Saint-Denis<br/>"
                f"Téléphone : {PEE_PHONE}</p>"
                "<p>Direction de la publication : la présidence de l'association.</p>"
                "<h2>Hébergement</h2>"
                "<p>Le site est hébergé en France. Le nom et l'adresse de l'hébergeur seront "
                "indiqués ici avant la mise en ligne.</p>"
                "<h2>Données personnelles</h2>"
                "<p>Ce site ne dépose aucun cookie de mesure d'audience ni de publicité. Il ne "
                "charge rien depuis un autre site.</p>"
                "<p>Seules les personnes qui modifient le site reçoivent un cookie de session, "
                "nécessaire pour se connecter.</p>"
                f"<p>Une question sur vos données ? Écrivez à {PEE_EMAIL}.</p>"
                "<h2>Crédits</h2>"
                "<p>Illustrations : équipe du pôle.</p>"
            ),
        ],
    }


# (parent's slug or None for the home page, slug, title, introduction, in menus, content)
PAGES = [
    (
        None,
        "le-ptce",
        "Le PTCE",
        "Un pôle territorial de coopération économique (PTCE) réunit les acteurs d'un territoire "
        "autour d'un projet commun. Le nôtre : l'emploi dans les quartiers prioritaires.",
        True,
        ptce_content,
    ),
    (
        "le-ptce",
        "nos-resultats",
        "Nos résultats",
        "Les chiffres de l'année 2015 : qui nous avons accompagné, et ce que ces personnes sont "
        "devenues.",
        True,
        results_content,
    ),
    (
        "le-ptce",
        "nos-partenaires",
        "Nos partenaires",
        "150 entreprises, des structures d'insertion et des collectivités travaillent avec le "
        "pôle.",
        True,
        partners_content,
    ),
    (
        None,
        "je-cherche-un-emploi",
        "Je cherche un emploi",
        "La Plateforme Emploi Entreprises vous aide à trouver un travail ou une formation. "
        "C'est gratuit, et le matin, vous pouvez venir sans rendez-vous.",
        True,
        job_seeker_content,
    ),
    (
        None,
        "je-recrute",
        "Je recrute",
        "Vous cherchez des salariés ? Nous vous présentons des candidats du quartier, motivés et "
        "préparés. Et nous restons à vos côtés après l'embauche.",
        True,
        employer_content,
    ),
    (
        None,
        "je-porte-un-projet-ess",
        "Je porte un projet ESS",
        "Vous voulez créer une activité utile au quartier : une association, une coopérative, "
        "une entreprise solidaire ? Nous vous accompagnons, gratuitement.",
        True,
        ess_content,
    ),
    (
        None,
        "contact",
        "Contact",
        "Venez nous voir, appelez-nous ou écrivez-nous. Nous vous répondons.",
        True,
        contact_content,
    ),
    (
        None,
        "declaration-accessibilite",
        "Déclaration d'accessibilité",
        "Le pôle veut que son site soit utilisable par tous, comme le demande l'article 47 de "
        "la loi n° 2005-102 du 11 février 2005.",
        False,
        accessibility_content,
    ),
    (
        None,
        "mentions-legales",
        "Mentions légales",
        "Qui publie ce site, qui l'héberge, et ce que nous faisons de vos données.",
        False,
        legal_content,
    ),
]
ACCESSIBILITY_SLUG = "declaration-accessibilite"
CONTACT_SLUG = "contact"


def home_content(demo, pages):
    return {
        "entry_points": [
            entry_point_data(
                "Je cherche un emploi",
                "Venez sans rendez-vous. Un conseiller vous aide à trouver un travail ou une "
                "formation.",
                page=pages["je-cherche-un-emploi"],
            ),
            entry_point_data(
                "Je recrute",
                "Nous vous présentons des candidats du quartier et nous les suivons après "
                "l'embauche.",
                page=pages["je-recrute"],
            ),
            entry_point_data(
                "Je porte un projet ESS",
                "Vous créez une activité utile au quartier ? Nous vous accompagnons gratuitement.",
                page=pages["je-porte-un-projet-ess"],
            ),
        ],
        "figures_heading": "Nos résultats en chiffres",
        "key_figures": [
            {"type": "figure", "value": value}
            for value in [
                key_figure_data("434", "demandeurs d'emploi accompagnés", "en 2015"),
                key_figure_data("49 %", "ont moins de 26 ans", "parmi eux"),
                key_figure_data(
                    "78 %", "ont trouvé un emploi", "parmi les 178 sorties d'accompagnement"
                ),
                key_figure_data("35", "personnes parrainées", "en 2015"),
                key_figure_data("101", "entreprises ont recruté ou parrainé", "en 2015"),
                key_figure_data("30", "porteurs de projet ESS accompagnés", "chaque année"),
                key_figure_data("13", "visiteurs par jour à la Plateforme", "en moyenne"),
            ]
        ],
        "body": [
            rich_text_data(
                "<h2>Un pôle de coopération au cœur des quartiers</h2>"
                "<p>La Plateforme Emploi Entreprises et la résidence « 108 » ont uni leurs "
                "forces. Avec 150 entreprises, des structures d'insertion et des collectivités, "
                f'elles forment le <a linktype="page" id="{pages["le-ptce"].pk}">pôle '
                "Dynamique Emploi dans les Quartiers</a>.</p>"
            ),
            call_to_action_data(
                "Venez nous rencontrer",
                "La Plateforme Emploi Entreprises vous accueille sans rendez-vous, du lundi au "
                "vendredi matin.",
                **contact_link(pages, "Adresse et horaires"),
            ),
        ],
    }


# --- Steps ----------------------------------------------------------------------------------------
def load_site(demo):
    """The HomePage as the default site's root, and the French pages under it."""
    get_default_locale()
    root = get_root_page()
    home, home_created = get_or_create_home_page(demo, root)
    demo.home_page = home
    demo.site = point_default_site_at(home)
    remove_wagtail_welcome_page(root)

    pages = {}
    new_pages = []
    for parent_slug, slug, title, introduction, in_menus, make_content in PAGES:
        parent = pages[parent_slug] if parent_slug else home
        page, created = demo.child_page(
            parent,
            StandardPageFactory,
            slug,
            title=title,
            introduction=french_spacing(introduction),
            show_in_menus=in_menus,
            body=[],
        )
        pages[slug] = page
        if created:
            new_pages.append((page, make_content))

    # Filled once every page exists, so that they can link to one another.
    for page, make_content in new_pages:
        for field_name, value in make_content(demo, pages).items():
            setattr(page, field_name, french_spacing(value))
        demo.publish(page)
    if home_created:
        for field_name, value in home_content(demo, pages).items():
            setattr(home, field_name, french_spacing(value))
        # Before publishing, or the editor's next version would drop them.
        for sort_order, (name, word, colour, url) in enumerate(PARTNERS):
            HomePagePartnerFactory(
                page=home,
                name=french_spacing(name),
                url=url,
                sort_order=sort_order,
                logo=demo.image(
                    f"Logo : {name}",
                    lambda word=word, colour=colour: illustrations.logo(word, colour),
                    alt_text=name,
                ),
            )
        demo.publish(home)
    if new_pages or home_created:
        demo.log(_("Site et pages créés."))
    else:
        demo.log(_("Les pages existent déjà."))


def get_or_create_home_page(demo, root):
    """(home page, created): the default site's HomePage, or the first one found, or a new one."""
    site = get_default_site()
    if site is not None and isinstance(site.root_page.specific, HomePage):
        return site.root_page.specific, False
    if existing := HomePage.objects.child_of(root).filter(locale=get_default_locale()).first():
        return existing, False
    home = HomePageFactory(
        parent=root,
        title="Accueil",
        slug="accueil",
        mission="Rapprocher les habitants des quartiers prioritaires et les entreprises qui "
        "recrutent",
        introduction=french_spacing(
            "Vous cherchez un emploi ? Vous voulez recruter près de chez vous ? Vous avez un "
            "projet utile pour le quartier ? Le pôle Dynamique Emploi dans les Quartiers vous "
            "accompagne, gratuitement."
        ),
        hero_image=hero_image(demo),
        entry_points=[],
        key_figures=[],
        body=[],
        partners_heading="Ils travaillent avec nous",
        search_description="Le pôle Dynamique Emploi dans les Quartiers aide les habitants des "
        "quartiers prioritaires à trouver un emploi, et les entreprises à recruter près de chez "
        "elles.",
    )
    demo.count("pages")
    return home, True


def point_default_site_at(home):
    """Make `home` the default site's root page, creating the site on a flushed database."""
    # SITE_URL's host: canonical links and hreflang then share one origin (core.addresses).
    hostname, port = site_host_and_port()
    site = get_default_site()
    if site is None:
        return Site.objects.create(
            hostname=hostname,
            port=port,
            site_name=SITE_NAME,
            root_page=home,
            is_default_site=True,
        )
    if site.root_page_id != home.pk:
        site.hostname, site.port, site.site_name = hostname, port, SITE_NAME
        site.root_page = home
        site.save()
    return site


def load_site_settings(demo):
    """The Plateforme's contact details, unless someone has already filled them in."""
    if SiteSettings.for_site(demo.site).address:
        demo.log(_("Les coordonnées du site sont déjà remplies."))
        return
    home_children = demo.home_page.get_children()
    SiteSettingsFactory(
        site=demo.site,
        address=f"{PEE_NAME}\n{PEE_ADDRESS}",
        opening_hours=french_spacing(
            "Lundi au vendredi : 9 h – 12 h 30, sans rendez-vous\n"
            "Lundi au jeudi : 14 h – 17 h, sur rendez-vous"
        ),
        phone=PEE_PHONE,
        email=PEE_EMAIL,
        facebook_url="https://www.facebook.com/dynamique.emploi.quartiers",
        linkedin_url="https://www.linkedin.com/company/dynamique-emploi-quartiers",
        instagram_url="",
        accessibility_conformance=AccessibilityConformance.PARTIAL,
        accessibility_statement_page=home_children.filter(slug=ACCESSIBILITY_SLUG).first(),
        contact_page=home_children.filter(slug=CONTACT_SLUG).first(),
    )
    demo.log(_("Coordonnées du site remplies."))


def get_editors_group():
    """The « Éditeurs » group, with every role's group and permissions made again if a flush
    removed them (what extranet migration 0004 makes: extranet.permissions.ROLES)."""
    sync_roles(django_apps)
    return Group.objects.get(name=EDITORS_GROUP_NAME)


# The name other modules knew it by, when the hub's editors were in Wagtail's « Moderators ».
get_moderators_group = get_editors_group


def get_or_create_staff_account(demo, email, group_name, first_name):
    """An account of the admin in `group_name`, made once; the new account, or None if it existed
    (its password is never reset)."""
    from extranet.demo import verify_email

    user_model = get_user_model()
    if user_model.objects.filter(username=email).exists():
        demo.log(
            _(
                "Le compte %(email)s existe déjà. Pour changer son mot de passe : "
                "python manage.py changepassword %(email)s"
            )
            % {"email": email}
        )
        return None
    account = user_model.objects.create_user(
        username=email,
        email=email,
        password=demo.password,
        first_name=first_name,
        last_name="de démonstration",
    )
    account.groups.add(Group.objects.get(name=group_name))
    # allauth asks every account to confirm its address before signing in.
    verify_email(account)
    demo.count("users")
    return account


def load_editor(demo):
    """A demo editor account in the « Éditeurs » group; its password is never reset."""
    get_editors_group()
    if get_or_create_staff_account(demo, EDITOR_EMAIL, EDITORS_GROUP_NAME, "Compte"):
        if settings.DEMO_PASSWORD:
            demo.log(
                _("Compte éditeur créé : %(email)s, avec le mot de passe de DEMO_PASSWORD.")
                % {"email": EDITOR_EMAIL}
            )
        else:
            demo.log(
                _(
                    "Compte éditeur créé : %(email)s, mot de passe : %(password)s "
                    "(notez-le, il ne sera plus affiché)."
                )
                % {"email": EDITOR_EMAIL, "password": demo.password}
            )
    demo.log(_("Administration du site : %(url)s") % {"url": ADMIN_URL})


def load_adviser(demo):
    """A demo adviser in the « Conseillers » group, who follows residents' « Ça m'intéresse »;
    same password as the editor's."""
    if get_or_create_staff_account(demo, ADVISER_EMAIL, ADVISERS_GROUP_NAME, "Conseillère"):
        demo.log(
            _(
                "Compte conseillère créé : %(email)s, avec le même mot de passe que le compte "
                "éditeur."
            )
            % {"email": ADVISER_EMAIL}
        )


STEPS = [load_site, load_site_settings, load_editor, load_adviser]
