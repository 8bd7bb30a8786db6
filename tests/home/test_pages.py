"""The home page and the editorial pages: what editors can build and what readers get."""

from bs4 import BeautifulSoup
from django.test import TestCase
from django.urls import reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from core.blocks import BodyBlock
from core.enums import AccessibilityConformance
from home.models import HOME_PAGE_SECTIONS_HOOK, HomePage, StandardPage
from tests.core.factories import DocumentFactory, ImageFactory, SiteSettingsFactory
from tests.home.factories import HomePagePartnerFactory, StandardPageFactory, create_site
from tests.queries import count_queries


def parse(response):
    return BeautifulSoup(response.content, "html.parser")


def publish_translation(page, language_code):
    translation = page.copy_for_translation(Locale.objects.get(language_code=language_code))
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation


def list_block(values):
    """A ListBlock's form data, as Wagtail's editor posts it (streamfield() without types)."""
    items = {
        str(index): {"value": value, "deleted": "", "order": str(index)}
        for index, value in enumerate(values)
    }
    items["count"] = str(len(values))
    return items


class TestEditorsBuildPages(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = create_site()
        cls.linked_page = StandardPageFactory(parent=cls.home, title="Je cherche un emploi")
        cls.image = ImageFactory(title="Accueil de la Plateforme")
        cls.document = DocumentFactory(title="Charte des PTCE")

    def setUp(self):
        self.login()

    def test_page_types_go_where_they_belong(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanCreateAt(StandardPage, StandardPage)
        self.assertCanNotCreateAt(StandardPage, HomePage)
        # One home page per language tree: the French one exists already.
        assert not HomePage.can_create_at(self.home.get_parent())

    def test_an_editor_creates_a_standard_page_with_every_block(self):
        answer_features = ["bold", "italic", "ol", "ul", "link"]
        body = [
            ("rich_text", rich_text("<h2>Qui peut venir ?</h2><p>Toute personne du quartier.</p>")),
            (
                "image",
                {
                    "image": {
                        "image": self.image.pk,
                        "alt_text": "Une conseillère reçoit un habitant.",
                        "decorative": "",
                    },
                    "caption": "L'accueil se fait sans rendez-vous.",
                },
            ),
            (
                "call_to_action",
                {
                    "heading": "Venez nous rencontrer",
                    "text": "La Plateforme vous accueille du lundi au vendredi.",
                    "link": {"page": self.linked_page.pk, "external_url": "", "label": ""},
                },
            ),
            (
                "faq",
                {
                    "heading": "Questions fréquentes",
                    "questions": list_block(
                        [
                            {
                                "question": "Faut-il un CV ?",
                                "answer": rich_text(
                                    "<p>Non. Un conseiller vous aide.</p>",
                                    features=answer_features,
                                ),
                            },
                            {
                                "question": "C'est payant ?",
                                "answer": rich_text("<p>Non.</p>", features=answer_features),
                            },
                        ]
                    ),
                },
            ),
            (
                "key_figures",
                {
                    "heading": "Nos résultats",
                    "figures": list_block(
                        [
                            {"value": "434", "label": "personnes suivies", "detail": "en 2015"},
                            {"value": "78 %", "label": "ont trouvé un emploi", "detail": ""},
                        ]
                    ),
                },
            ),
            (
                "contact_card",
                {
                    "name": "Plateforme Emploi Entreprises",
                    "role": "Accueil sans rendez-vous",
                    "address": "12 rue des Tisserands",
                    "phone": "01 23 45 67 89",
                    "email": "contact@dynamique-emploi.fr",
                    "hours": "Lundi au vendredi : 9 h – 17 h",
                },
            ),
            (
                "document_link",
                {"document": self.document.pk, "title": "", "description": "En une page."},
            ),
        ]
        assert [block_type for block_type, _value in body] == list(BodyBlock.base_blocks)

        self.assertCanCreate(
            self.home,
            StandardPage,
            nested_form_data(
                {
                    "title": "Le parrainage",
                    "slug": "parrainage",
                    "introduction": "Un parrain vous aide à trouver un emploi.",
                    "body": streamfield(body),
                }
            ),
        )

        page = StandardPage.objects.get(slug="parrainage")
        assert page.live
        assert page.get_parent().pk == self.home.pk
        assert [block.block_type for block in page.body] == list(BodyBlock.base_blocks)
        html = parse(self.client.get(page.url))
        assert html.find("img", alt="Une conseillère reçoit un habitant.")
        assert html.find("a", href=self.linked_page.url, string="Je cherche un emploi")
        assert [summary.get_text() for summary in html.select("main details summary")] == [
            "Faut-il un CV ?",
            "C'est payant ?",
        ]
        assert html.find("a", href="tel:0123456789")
        assert html.find("a", href=self.document.url)

    def test_the_editor_is_told_what_is_wrong_with_a_link(self):
        response = self.client.post(
            reverse("wagtailadmin_pages:add", args=["home", "standardpage", self.home.pk]),
            nested_form_data(
                {
                    "title": "Lien cassé",
                    "slug": "lien-casse",
                    "body": streamfield(
                        [
                            (
                                "call_to_action",
                                {
                                    "heading": "Venez",
                                    "text": "",
                                    "link": {
                                        "page": self.linked_page.pk,
                                        "external_url": "https://example.org/",
                                        "label": "",
                                    },
                                },
                            )
                        ]
                    ),
                    "action-publish": "action-publish",
                }
            ),
        )

        assert response.status_code == 200
        assert not StandardPage.objects.filter(slug="lien-casse").exists()
        assert "pas les deux" in response.content.decode()


class TestHomePage(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = create_site()
        for name in ["Mission locale", "Ville de Saint-Denis", "Entreprise d'insertion"]:
            HomePagePartnerFactory(page=cls.home, name=name, url="")

    def test_shows_the_mission_the_doors_the_figures_and_the_partners(self):
        html = parse(self.client.get("/"))

        assert html.main.h1.get_text(strip=True) == self.home.mission
        assert len(html.find_all("h1")) == 1
        doors = html.select(".entry-points > li")
        assert [door.h2.get_text(strip=True) for door in doors] == [
            "Je cherche un emploi",
            "Je recrute",
            "Je porte un projet ESS",
        ]
        assert all(door.find("a", href=True) for door in doors)
        figures = html.find("section", attrs={"aria-labelledby": "chiffres-cles"})
        assert figures.h2.get_text(strip=True) == "Nos résultats en 2015"
        assert [item.get_text(" ", strip=True) for item in figures.find_all("li")] == [
            "434 demandeurs d'emploi suivis en 2015",
            "78 % ont retrouvé un emploi en 2015",
            "101 entreprises engagées en 2015",
        ]
        partners = html.find("section", attrs={"aria-labelledby": "partenaires"})
        assert [item.get_text(strip=True) for item in partners.find_all("li")] == [
            "Mission locale",
            "Ville de Saint-Denis",
            "Entreprise d'insertion",
        ]
        # The name is written next to it: the logo is decorative.
        assert all(image["alt"] == "" for image in partners.find_all("img"))

    def test_other_apps_add_sections_through_the_hook(self):
        def next_events(request, home_page):
            return format_html(
                '<section id="agenda"><h2>{}</h2></section>', "Prochains rendez-vous"
            )

        def nothing_to_show(request, home_page):
            return ""

        with (
            hooks.register_temporarily(HOME_PAGE_SECTIONS_HOOK, next_events),
            hooks.register_temporarily(HOME_PAGE_SECTIONS_HOOK, nothing_to_show),
        ):
            html = parse(self.client.get("/"))

        assert html.main.find("section", id="agenda").h2.get_text() == "Prochains rendez-vous"
        assert "agenda" not in self.client.get("/").content.decode()


class TestNavigation(TestCase):
    """Main menu, breadcrumbs and a section's list of child pages."""

    @classmethod
    def setUpTestData(cls):
        cls.home = create_site()
        cls.jobs = StandardPageFactory(parent=cls.home, title="Trouver un emploi", in_menu=True)
        cls.sponsorship = StandardPageFactory(
            parent=cls.jobs,
            title="Le parrainage",
            in_menu=True,
            listing_summary="Un salarié vous aide à trouver un emploi.",
        )
        cls.cv_workshop = StandardPageFactory(
            parent=cls.jobs, title="Atelier CV", in_menu=True, with_listing_image=True
        )
        cls.draft_child = StandardPageFactory(
            parent=cls.jobs, title="Brouillon", in_menu=True, draft=True
        )
        cls.recruit = StandardPageFactory(parent=cls.home, title="Je recrute", in_menu=True)
        cls.legal_notice = StandardPageFactory(parent=cls.home, title="Mentions légales")
        cls.draft = StandardPageFactory(
            parent=cls.home, title="Page en projet", in_menu=True, draft=True
        )
        cls.members = StandardPageFactory(parent=cls.home, title="Espace membres", in_menu=True)
        PageViewRestriction.objects.create(
            page=cls.members, restriction_type=PageViewRestriction.LOGIN
        )

    def menu(self, url):
        html = parse(self.client.get(url))
        return html.find("nav", attrs={"aria-label": "Menu principal"})

    def test_menu_shows_live_public_pages_marked_for_menus(self):
        links = self.menu("/").find_all("a")

        assert [(link.get_text(strip=True), link["href"]) for link in links] == [
            ("Accueil", "/"),
            ("Trouver un emploi", self.jobs.url),
            ("Je recrute", self.recruit.url),
        ]

    def test_menu_marks_the_current_page_and_its_section(self):
        home_link = self.menu("/").find("a", href="/")
        assert home_link["aria-current"] == "page"

        menu = self.menu(self.jobs.url)
        assert menu.find("a", href=self.jobs.url)["aria-current"] == "page"
        assert not menu.find("a", href="/").has_attr("aria-current")

        menu = self.menu(self.sponsorship.url)
        assert menu.find("a", href=self.jobs.url)["aria-current"] == "true"
        assert not menu.find("a", href=self.recruit.url).has_attr("aria-current")

    def test_breadcrumbs_lead_from_home_to_the_current_page(self):
        html = parse(self.client.get(self.sponsorship.url))

        trail = html.find("nav", attrs={"aria-label": "Fil d'Ariane"})
        assert [(link.get_text(strip=True), link["href"]) for link in trail.find_all("a")] == [
            ("Accueil", "/"),
            ("Trouver un emploi", self.jobs.url),
        ]
        current = trail.find(attrs={"aria-current": "page"})
        assert current.get_text(strip=True) == "Le parrainage"
        assert current.name != "a"

    def test_no_breadcrumbs_on_the_home_page(self):
        html = parse(self.client.get("/"))

        assert not html.find("nav", attrs={"aria-label": "Fil d'Ariane"})

    def test_a_section_lists_its_live_child_pages(self):
        html = parse(self.client.get(self.jobs.url))

        section = html.find("section", attrs={"aria-labelledby": "dans-cette-rubrique"})
        cards = section.find_all("article")
        assert [(card.h3.a.get_text(), card.h3.a["href"]) for card in cards] == [
            ("Le parrainage", self.sponsorship.url),
            ("Atelier CV", self.cv_workshop.url),
        ]
        assert cards[0].find("p").get_text() == "Un salarié vous aide à trouver un emploi."
        assert cards[1].find("img")["alt"] == ""


class TestMetadata(TestCase):
    """What search engines and social networks read, and the footer every page carries."""

    @classmethod
    def setUpTestData(cls):
        cls.home = create_site()
        cls.statement = StandardPageFactory(parent=cls.home, title="Accessibilité")
        cls.page = StandardPageFactory(
            parent=cls.home,
            title="Le parrainage",
            seo_title="Le parrainage vers l'emploi",
            search_description="Un salarié d'une entreprise vous aide à trouver un emploi.",
            social_image=ImageFactory(title="Parrainage"),
        )
        SiteSettingsFactory(
            accessibility_conformance=AccessibilityConformance.PARTIAL,
            accessibility_statement_page=cls.statement,
        )

    def test_title_description_and_canonical_link(self):
        html = parse(self.client.get(self.page.url))

        assert html.title.get_text() == "Le parrainage vers l'emploi – Dynamique Emploi"
        assert html.find("meta", attrs={"name": "description"})["content"] == (
            "Un salarié d'une entreprise vous aide à trouver un emploi."
        )
        assert html.find("link", rel="canonical")["href"] == "http://localhost/le-parrainage/"

    def test_open_graph_from_the_promote_tab(self):
        html = parse(self.client.get(self.page.url))

        def open_graph(name):
            return html.find("meta", property=f"og:{name}")["content"]

        assert open_graph("title") == "Le parrainage vers l'emploi"
        assert open_graph("description") == (
            "Un salarié d'une entreprise vous aide à trouver un emploi."
        )
        assert open_graph("url") == "http://localhost/le-parrainage/"
        assert open_graph("image").startswith("http://localhost/")
        assert open_graph("image").endswith(".jpg")

    def test_open_graph_image_falls_back_to_the_listing_image(self):
        page = StandardPageFactory(parent=self.home, with_listing_image=True)

        html = parse(self.client.get(page.url))

        assert html.find("meta", property="og:image")["content"].startswith("http://")

    def test_the_site_describes_a_page_without_a_search_description(self):
        """Issue 14: a link pasted in a messaging app shows a sentence and a picture, always."""
        html = parse(self.client.get(self.statement.url))

        description = html.find("meta", attrs={"name": "description"})["content"]
        assert description.startswith("Offres d'emploi près de chez vous")
        assert html.find("meta", property="og:description")["content"] == description
        assert html.find("meta", property="og:image")["content"].endswith(".png")

    def test_footer_shows_how_to_reach_the_hub(self):
        footer = parse(self.client.get(self.page.url)).footer
        text = footer.get_text(" ", strip=True)

        assert "12 rue des Tisserands" in text
        assert "Lundi au vendredi : 9 h – 12 h 30 et 14 h – 17 h" in text
        assert footer.find("a", href="tel:0123456789").get_text() == "01 23 45 67 89"
        assert footer.find("a", href="mailto:contact@dynamique-emploi.fr")
        assert footer.find("a", href="https://www.facebook.com/dynamique-emploi").get_text() == (
            "Facebook (autre site)"
        )
        statement_link = footer.find("a", href=self.statement.url)
        assert statement_link.get_text(strip=True) == "Accessibilité : partiellement conforme"


class TestLanguages(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = create_site()
        publish_translation(cls.home, "en")
        publish_translation(cls.home, "ar")

    def test_french_is_the_default_language(self):
        html = parse(self.client.get("/"))

        assert (html.html["lang"], html.html["dir"]) == ("fr", "ltr")

    def test_english_under_en(self):
        response = self.client.get("/en/")

        assert response.status_code == 200
        html = parse(response)
        assert (html.html["lang"], html.html["dir"]) == ("en", "ltr")

    def test_arabic_under_ar_reads_right_to_left(self):
        response = self.client.get("/ar/")

        assert response.status_code == 200
        html = parse(response)
        assert (html.html["lang"], html.html["dir"]) == ("ar", "rtl")


# Measured with the demo-like rows below; both within PUBLIC_PAGE_BUDGET.
HOME_QUERIES = 7
SECTION_QUERIES = 14


class TestQueryCounts(TestCase):
    """Adding rows to a page must not add SQL queries to it (no N+1)."""

    def count_queries(self, url):
        return count_queries(self.client, url)

    def test_home_page(self):
        home = create_site()
        for _index in range(2):
            HomePagePartnerFactory(page=home)
            StandardPageFactory(parent=home, in_menu=True)
        queries_with_few_rows = self.count_queries("/")

        for _index in range(5):
            HomePagePartnerFactory(page=home)
            StandardPageFactory(parent=home, in_menu=True)

        assert self.count_queries("/") == queries_with_few_rows
        # 6 for the page itself, 1 for the other languages (core/templatetags/navigation_tags.py);
        # the menu, the footer, the latest offers and the next events are kept until content
        # changes (core.fragments).
        assert queries_with_few_rows == HOME_QUERIES

    def test_standard_page_with_child_pages(self):
        home = create_site()
        section = StandardPageFactory(parent=home, in_menu=True, with_every_block=True)
        for _index in range(2):
            StandardPageFactory(parent=section, in_menu=True, with_listing_image=True)
        queries_with_few_rows = self.count_queries(section.url)

        for _index in range(5):
            StandardPageFactory(parent=section, in_menu=True, with_listing_image=True)
            StandardPageFactory(parent=home, in_menu=True)

        assert self.count_queries(section.url) == queries_with_few_rows
        assert queries_with_few_rows == SECTION_QUERIES
