"""Factories for the home app's pages, and `create_site()` to build a site in one call.

StreamField values are given as raw stream data: a list of {"type": ..., "value": ...} dicts, with
images, documents and pages referred to by their id. The `*_data()` helpers build those dicts.

    home = create_site()                        # a HomePage as the default site's root
    page = StandardPageFactory(parent=home, with_every_block=True)
    HomePagePartnerFactory(page=home, name="Mission locale")

`create_site()` works on a freshly migrated database and on a flushed one (it then creates the
locales, the root page and the default site).
"""

import factory
import wagtail_factories
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, Site

from home.models import HomePage, HomePagePartner, StandardPage
from tests.core.factories import (
    DocumentFactory,
    ImageFactory,
    get_default_locale,
    get_default_site,
    get_root_page,
)

SITE_NAME = "Dynamique Emploi dans les Quartiers"


# --- Raw stream data ---------------------------------------------------------------------------
def link_data(page=None, url="", label=""):
    """A core.blocks.LinkBlock value: to a page of the site, or to another site with a label."""
    return {"page": page.pk if page else None, "external_url": url, "label": label}


def entry_point_data(heading, text, page=None, url="", label=""):
    return {
        "type": "entry_point",
        "value": {"heading": heading, "text": text, "link": link_data(page, url, label)},
    }


def key_figure_data(value, label, detail=""):
    return {"value": value, "label": label, "detail": detail}


def rich_text_data(html):
    return {"type": "rich_text", "value": html}


def image_data(image, alt_text, caption="", decorative=False):
    return {
        "type": "image",
        "value": {
            "image": {"image": image.pk, "alt_text": alt_text, "decorative": decorative},
            "caption": caption,
        },
    }


def call_to_action_data(heading, text="", page=None, url="", label=""):
    return {
        "type": "call_to_action",
        "value": {"heading": heading, "text": text, "link": link_data(page, url, label)},
    }


def faq_data(questions, heading=""):
    """`questions` is a list of (question, answer as HTML) pairs."""
    return {
        "type": "faq",
        "value": {
            "heading": heading,
            "questions": [
                {"question": question, "answer": answer} for question, answer in questions
            ],
        },
    }


def key_figures_data(figures, heading=""):
    """`figures` is a list of key_figure_data() dicts."""
    return {"type": "key_figures", "value": {"heading": heading, "figures": figures}}


def contact_card_data(name, role="", address="", phone="", email="", hours=""):
    return {
        "type": "contact_card",
        "value": {
            "name": name,
            "role": role,
            "address": address,
            "phone": phone,
            "email": email,
            "hours": hours,
        },
    }


def document_link_data(document, title="", description=""):
    return {
        "type": "document_link",
        "value": {"document": document.pk, "title": title, "description": description},
    }


DEFAULT_ENTRY_POINTS = [
    entry_point_data(
        "Je cherche un emploi",
        "Un conseiller vous reçoit sans rendez-vous et vous aide à trouver un travail.",
        url="https://example.org/je-cherche-un-emploi/",
        label="Trouver un emploi",
    ),
    entry_point_data(
        "Je recrute",
        "Nous vous présentons des candidats du quartier et nous les suivons après l'embauche.",
        url="https://example.org/je-recrute/",
        label="Recruter",
    ),
    entry_point_data(
        "Je porte un projet ESS",
        "Nous accompagnons gratuitement votre projet d'économie sociale et solidaire.",
        url="https://example.org/je-porte-un-projet-ess/",
        label="Être accompagné",
    ),
]

DEFAULT_KEY_FIGURES = [
    {"type": "figure", "value": key_figure_data("434", "demandeurs d'emploi suivis", "en 2015")},
    {"type": "figure", "value": key_figure_data("78 %", "ont retrouvé un emploi", "en 2015")},
    {"type": "figure", "value": key_figure_data("101", "entreprises engagées", "en 2015")},
]


def every_block_body(link_page=None):
    """A body with one block of each type of core.blocks.BodyBlock, in the stream's order."""
    image = ImageFactory(title="Accueil de la Plateforme", description="")
    document = DocumentFactory(title="Charte des PTCE")
    return [
        rich_text_data(
            "<h2>Qui peut venir ?</h2>"
            "<p>Toute personne qui habite un quartier prioritaire et cherche un emploi.</p>"
        ),
        image_data(
            image,
            alt_text="Une conseillère reçoit un habitant à la Plateforme.",
            caption="L'accueil se fait sans rendez-vous.",
        ),
        call_to_action_data(
            "Venez nous rencontrer",
            "La Plateforme vous accueille du lundi au vendredi.",
            page=link_page,
            url="" if link_page else "https://example.org/contact/",
            label="" if link_page else "Nous trouver",
        ),
        faq_data(
            [
                ("Faut-il un CV ?", "<p>Non. Un conseiller vous aide à l'écrire.</p>"),
                ("C'est payant ?", "<p>Non. Tout est gratuit.</p>"),
            ],
            heading="Questions fréquentes",
        ),
        key_figures_data(
            [
                key_figure_data("434", "demandeurs d'emploi suivis", "en 2015"),
                key_figure_data("78 %", "ont retrouvé un emploi"),
            ],
            heading="Nos résultats",
        ),
        contact_card_data(
            "Plateforme Emploi Entreprises",
            role="Accueil sans rendez-vous",
            address="12 rue des Tisserands\n93200 Saint-Denis",
            phone="01 23 45 67 89",
            email="contact@dynamique-emploi.fr",
            hours="Lundi au vendredi : 9 h – 17 h",
        ),
        document_link_data(
            document, description="Le texte signé par les membres du pôle, en une page."
        ),
    ]


# --- Tree and site -----------------------------------------------------------------------------
def remove_wagtail_welcome_page(root=None):
    """Delete the « Welcome to your new Wagtail site! » page that Wagtail's migrations create.

    Only a childless page of the plain Page type directly under the root is removed, and only once
    no Site points at it (deleting a Site's root page deletes the Site).
    """
    root = root or get_root_page()
    welcome_pages = root.get_children().filter(
        content_type=ContentType.objects.get_for_model(Page),
        numchild=0,
        sites_rooted_here__isnull=True,
    )
    for page in welcome_pages:
        page.delete()


def create_site(hostname="localhost", port=80, site_name=SITE_NAME, **home_kwargs):
    """Make a HomePage under the tree's root and make it the default Site's root page.

    Creates the locales, the root page and the default Site when they are missing (flushed
    database), and removes Wagtail's welcome page. Keyword arguments go to HomePageFactory.
    """
    get_default_locale()
    root = get_root_page()
    home = HomePageFactory(parent=root, **home_kwargs)
    site = get_default_site()
    if site is None:
        Site.objects.create(
            hostname=hostname,
            port=port,
            site_name=site_name,
            root_page=home,
            is_default_site=True,
        )
    else:
        site.hostname, site.port, site.site_name, site.root_page = hostname, port, site_name, home
        site.save()
    remove_wagtail_welcome_page(root)
    return home


def routable_or_none(page):
    """The page, unless it is the tree's root, which has no URL."""
    return page if page is not None and page.depth > 1 else None


def get_home_page():
    """The default site's HomePage, building the site first when there is none."""
    site = get_default_site()
    if site is not None and isinstance(site.root_page.specific, HomePage):
        return site.root_page.specific
    return create_site()


# --- Factories ---------------------------------------------------------------------------------
class HomePageFactory(wagtail_factories.PageFactory):
    """A French home page directly under the tree's root (use create_site() to make it a Site's)."""

    parent = factory.LazyFunction(get_root_page)
    title = "Accueil"
    slug = "accueil"
    mission = "Rapprocher les habitants des quartiers prioritaires et les entreprises qui recrutent"
    introduction = (
        "Le pôle Dynamique Emploi dans les Quartiers réunit la Plateforme Emploi Entreprises, "
        "la résidence « 108 » et 150 entreprises et partenaires. "
        "Nous aidons les habitants à trouver un emploi et les entreprises à recruter près de chez "
        "elles."
    )
    hero_image = None
    entry_points = factory.LazyFunction(lambda: list(DEFAULT_ENTRY_POINTS))
    figures_heading = "Nos résultats en 2015"
    key_figures = factory.LazyFunction(lambda: list(DEFAULT_KEY_FIGURES))
    body = factory.LazyFunction(list)
    partners_heading = "Nos partenaires"

    class Meta:
        model = HomePage

    class Params:
        with_hero_image = factory.Trait(
            hero_image=factory.SubFactory(ImageFactory, title="Image d'en-tête", description="")
        )


class StandardPageFactory(wagtail_factories.PageFactory):
    """A live French editorial page, under the default site's home page unless told otherwise."""

    parent = factory.LazyFunction(get_home_page)
    title = factory.Sequence(lambda n: f"Page {n}")
    introduction = "Une page pour tout savoir, en quelques phrases simples."
    body = factory.LazyFunction(
        lambda: [rich_text_data("<p>La Plateforme vous accueille sans rendez-vous.</p>")]
    )

    class Meta:
        model = StandardPage

    class Params:
        # One block of each type; the call to action links to the page's parent.
        with_every_block = factory.Trait(
            body=factory.LazyAttribute(
                lambda page: every_block_body(link_page=routable_or_none(page.parent))
            )
        )
        with_listing_image = factory.Trait(
            listing_image=factory.SubFactory(ImageFactory, title="Vignette", description=""),
            listing_summary="Un résumé court pour les listes de pages.",
        )
        in_menu = factory.Trait(show_in_menus=True)
        draft = factory.Trait(live=False)


class HomePagePartnerFactory(factory.django.DjangoModelFactory):
    """A partner at the foot of the default site's home page, with a generated logo."""

    page = factory.LazyFunction(get_home_page)
    name = factory.Sequence(lambda n: f"Partenaire {n}")
    logo = factory.SubFactory(
        ImageFactory,
        title=factory.LazyAttribute(lambda image: f"Logo {image.factory_parent.name}"),
        description="",
    )
    url = "https://example.org/"
    sort_order = factory.Sequence(int)

    class Meta:
        model = HomePagePartner

    class Params:
        without_logo = factory.Trait(logo=None)
