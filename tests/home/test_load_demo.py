"""`manage.py load_demo`: a complete French demo site, built once, never duplicated."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Site

from core.blocks import BodyBlock
from core.enums import AccessibilityConformance
from core.models import SiteSettings
from extranet.permissions import EDITORS_GROUP_NAME
from home.demo.content import EDITOR_EMAIL
from home.models import HomePage, StandardPage
from tests.home.demo_tests import LoadDemoTwiceTestCase, load_demo

PASSWORD_PATTERN = re.compile(r"mot de passe : (\S+)")


def content_counts():
    return {
        "pages": Page.objects.count(),
        "images": get_image_model().objects.count(),
        "documents": get_document_model().objects.count(),
        "users": get_user_model().objects.count(),
        "sites": Site.objects.count(),
        "locales": Locale.objects.count(),
        "partners": HomePage.objects.get(locale__language_code="fr").partners.count(),
    }


HOME_SECTIONS = [
    "Le PTCE",
    "Je cherche un emploi",
    "Je recrute",
    "Je porte un projet ESS",
    "Contact",
]


class TestLoadDemo(LoadDemoTwiceTestCase):
    content_counts = staticmethod(content_counts)

    def test_home_page_is_the_default_sites_root(self):
        site = Site.objects.get(is_default_site=True)
        home = site.root_page.specific

        assert isinstance(home, HomePage)
        assert home.live
        assert home.mission
        assert home.hero_image is not None
        assert site.site_name == "Dynamique Emploi dans les Quartiers"
        # Wagtail's « Welcome to your new Wagtail site! » page is gone.
        assert list(Page.objects.filter(depth=2, locale__language_code="fr")) == [home.page_ptr]

    def test_home_page_has_three_entry_points_to_their_pages(self):
        home = HomePage.objects.get(locale__language_code="fr")

        targets = [
            (entry_point.value["heading"], entry_point.value["link"]["page"])
            for entry_point in home.entry_points
        ]

        assert [(heading, page.title) for heading, page in targets] == [
            ("Je cherche un emploi", "Je cherche un emploi"),
            ("Je recrute", "Je recrute"),
            ("Je porte un projet ESS", "Je porte un projet ESS"),
        ]
        assert all(page.live for _heading, page in targets)

    def test_home_page_shows_the_hubs_figures_and_partners(self):
        home = HomePage.objects.get(locale__language_code="fr")

        # The demo writes French non-breaking spaces: « 108 », 78 %.
        figures = {block.value["value"].replace("\xa0", " ") for block in home.key_figures}
        partners = [partner.name.replace("\xa0", " ") for partner in home.partners.all()]

        assert {"434", "49 %", "78 %", "35", "101", "30", "13"} <= figures
        assert {"Plateforme Emploi Entreprises", "Résidence « 108 »", "Le Labo de l'ESS"} <= set(
            partners
        )
        assert all(partner.logo_id for partner in home.partners.all())
        # Saved in the published revision too, or the editor's next version would drop them.
        assert len(home.get_latest_revision_as_object().partners.all()) == len(partners)

    def test_standard_pages_are_live_and_the_main_sections_in_menus(self):
        home = HomePage.objects.get(locale__language_code="fr")

        in_menus = list(home.get_children().in_menu().values_list("title", flat=True))
        not_in_menus = set(home.get_children().not_in_menu().values_list("title", flat=True))

        # Other apps add their own sections (offers, branches); these are the home app's, in order.
        assert [title for title in in_menus if title in HOME_SECTIONS] == HOME_SECTIONS
        assert not_in_menus == {"Déclaration d'accessibilité", "Mentions légales"}
        assert StandardPage.objects.count() >= 9
        assert not StandardPage.objects.not_live().exists()
        assert not StandardPage.objects.filter(latest_revision__isnull=True).exists()

    def test_every_body_block_is_used_somewhere(self):
        used = {block.block_type for page in StandardPage.objects.all() for block in page.body}

        assert used == set(BodyBlock().child_blocks)

    def test_pages_are_indexed_for_search(self):
        results = Page.objects.live().search("parrainage")

        assert "Je cherche un emploi" in {page.title for page in results}

    # Wagtail leaves each new rendition's temporary file open: wagtail/wagtail#14055.
    @pytest.mark.filterwarnings(
        "ignore:Unclosed file <tempfile.SpooledTemporaryFile:ResourceWarning",
        "ignore:unclosed file <_io.BufferedRandom:ResourceWarning",
    )
    def test_every_page_renders(self):
        for page in Page.objects.live().filter(depth__gt=1).specific():
            response = self.client.get(page.url)
            assert response.status_code == 200, page.url

    def test_site_settings_are_filled(self):
        site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))

        assert "Plateforme Emploi Entreprises" in site_settings.address
        assert site_settings.opening_hours
        assert site_settings.phone
        assert site_settings.email
        assert site_settings.social_links
        assert site_settings.accessibility_conformance == AccessibilityConformance.PARTIAL
        assert site_settings.accessibility_statement_page.title == "Déclaration d'accessibilité"
        assert site_settings.contact_page.title == "Contact"

    def test_editor_can_publish_and_reaches_the_admin(self):
        editor = get_user_model().objects.get(username=EDITOR_EMAIL)
        password = PASSWORD_PATTERN.search(self.first_output).group(1)

        assert editor.email == EDITOR_EMAIL
        assert list(editor.groups.all()) == [Group.objects.get(name=EDITORS_GROUP_NAME)]
        assert editor.has_perm("core.change_sitesettings")
        assert (
            HomePage.objects.get(locale__language_code="fr")
            .permissions_for_user(editor)
            .can_publish()
        )
        assert self.client.login(username=EDITOR_EMAIL, password=password)
        assert self.client.get("/admin/").status_code == 200

    def test_generated_password_is_printed_only_once(self):
        password = PASSWORD_PATTERN.search(self.first_output).group(1)

        assert password not in self.second_output
        assert f"changepassword {EDITOR_EMAIL}" in self.second_output
        assert "http://127.0.0.1:8000/admin/" in self.second_output

    def test_second_run_creates_nothing(self):
        assert self.counts_after_second_run == self.counts_after_first_run
        assert "Rien à créer" in self.second_output


@pytest.mark.django_db
def test_demo_password_lets_the_editor_log_in(client, settings):
    settings.DEMO_PASSWORD = "mot-de-passe-de-demo"

    output = load_demo()

    assert "mot-de-passe-de-demo" not in output
    assert client.login(username=EDITOR_EMAIL, password="mot-de-passe-de-demo")


@pytest.mark.django_db
def test_works_on_an_empty_database(settings):
    """What a flush leaves (content types and permissions only), without the cost of a flush."""
    settings.DEMO_PASSWORD = "mot-de-passe-de-demo"
    Site.objects.all().delete()
    # Browser tests flush the database, so on a reused test database the root may be gone already.
    if root := Page.get_first_root_node():
        root.delete()
    Collection.objects.all().delete()
    Locale.objects.all().delete()
    Group.objects.all().delete()

    load_demo()

    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert set(Locale.objects.values_list("language_code", flat=True)) == {"fr", "en", "ar"}
    editor = get_user_model().objects.get(username=EDITOR_EMAIL)
    assert editor.has_perm("wagtailadmin.access_admin")
    assert (
        Group.objects.get(name=EDITORS_GROUP_NAME)
        .page_permissions.filter(permission__codename="publish_page")
        .exists()
    )
