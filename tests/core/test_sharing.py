"""What search engines and link previews read (issue 14): the sitemap's alternates with an
x-default, the « Je porte un projet ESS » form listed and indexable, robots.txt closing the
private areas in every language, body images whose srcset offers distinct widths."""

import re
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from core.blocks import BodyBlock
from tests.core.factories import ImageFactory
from tests.home.factories import StandardPageFactory, create_site, image_data
from tests.project_holders.factories import ProjectProposalPageFactory

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def parse(response):
    return BeautifulSoup(response.content, "html.parser")


def sitemap_entries(client):
    """{location: {hreflang: href}} of /sitemap.xml."""
    root = ElementTree.fromstring(client.get("/sitemap.xml").content)
    return {
        url.find(f"{SITEMAP}loc").text: {
            link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")
        }
        for url in root.findall(f"{SITEMAP}url")
    }


def translate(page, language_code, title):
    """A published translation of `page`, as an editor would make with wagtail-localize."""
    translation_page = page.copy_for_translation(Locale.objects.get(language_code=language_code))
    translation_page.title = title
    translation_page.save_revision().publish()
    translation_page.refresh_from_db()
    return translation_page


class TestSitemap:
    def test_each_translated_page_names_the_french_one_as_x_default(self, client):
        home = create_site()
        translate(home, "en", "Home")
        translate(home, "ar", "الرئيسية")
        page = StandardPageFactory(parent=home, title="Le PTCE", slug="le-ptce")
        page_en = translate(page, "en", "The PTCE")
        page_ar = translate(page, "ar", "القطب")

        entries = sitemap_entries(client)

        expected = {
            "fr": page.full_url,
            "en": page_en.full_url,
            "ar": page_ar.full_url,
            "x-default": page.full_url,
        }
        assert entries[page.full_url] == entries[page_en.full_url] == expected
        assert entries[page_ar.full_url]["x-default"] == page.full_url

    def test_a_page_in_french_only_has_no_alternates(self, client):
        page = StandardPageFactory(parent=create_site(), title="Nos partenaires")

        assert sitemap_entries(client)[page.full_url] == {}

    def test_the_ess_project_form_is_listed_and_indexable(self, client):
        form_page = ProjectProposalPageFactory(parent=create_site())

        assert form_page.full_url in sitemap_entries(client)
        response = client.get(form_page.url)
        assert response.status_code == 200
        assert "X-Robots-Tag" not in response
        assert parse(response).select('meta[name="robots"]') == []


class TestRobots:
    def disallowed(self, client):
        lines = client.get("/robots.txt").content.decode().splitlines()
        return [line.removeprefix("Disallow: ") for line in lines if line.startswith("Disallow:")]

    def test_the_private_areas_are_closed_in_every_language(self, client):
        disallowed = self.disallowed(client)

        for area in ["compte", "extranet", "recherche"]:
            assert f"/{area}/" in disallowed
            assert f"/en/{area}/" in disallowed
            assert f"/ar/{area}/" in disallowed
        # The admin is outside i18n_patterns: one address, in any language.
        assert "/admin/" in disallowed
        assert "/en/admin/" not in disallowed
        assert len(disallowed) == len(set(disallowed))

    def test_every_disallowed_area_is_where_the_url_conf_puts_it(self, client):
        """Each area is the start of a real address: none is left over from a renamed route."""
        addresses = []
        for language_code in ["fr", "en", "ar"]:
            with translation.override(language_code):
                addresses += [reverse("account_login"), reverse("extranet:home")]
        for address in addresses:
            assert any(address.startswith(area) for area in self.disallowed(client)), address

    def test_a_new_language_is_closed_too(self, client, settings):
        settings.LANGUAGES = [*settings.LANGUAGES, ("es", "Español")]

        disallowed = self.disallowed(client)

        assert "/es/compte/" in disallowed
        assert "/es/extranet/" in disallowed


def srcset_widths(srcset):
    return [int(width) for width in re.findall(r" (\d+)w", srcset)]


def render_image_block(image):
    (bound_block,) = BodyBlock().to_python([image_data(image, alt_text="Un atelier")])
    return BeautifulSoup(bound_block.render(), "html.parser")


class TestBodyImages:
    @pytest.mark.parametrize(
        ("original_width", "expected_widths"),
        [(800, [480, 800]), (1600, [480, 800, 1200]), (1000, [480, 800, 1000])],
    )
    def test_each_width_once_and_none_wider_than_the_original(
        self, original_width, expected_widths
    ):
        image = ImageFactory(file__width=original_width, file__height=original_width // 2)

        html = render_image_block(image)

        [webp] = html.select("picture source")
        assert webp["type"] == "image/webp"
        assert srcset_widths(webp["srcset"]) == expected_widths
        assert srcset_widths(html.img["srcset"]) == expected_widths
        assert webp["sizes"] == html.img["sizes"] == "(min-width: 48em) 45rem, 100vw"
        assert html.img["alt"] == "Un atelier"
        assert html.img["loading"] == "lazy"

    def test_a_small_image_is_given_as_it_is(self):
        image = ImageFactory(file__width=320, file__height=180)

        html = render_image_block(image)

        assert not html.img.get("srcset")
        assert html.img["width"] == "320"
