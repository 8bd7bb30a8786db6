"""The frame around every public page (issue 14): the header's folding menu, what a shared link
shows (default description, image and card), the footer's link to the « Je porte un projet ESS »
form, its phone and address isolated left to right in Arabic, and its opening hours said in the
reader's language."""

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.test import TestCase
from django.utils.translation import override
from PIL import Image

from core.templatetags.footer_tags import opening_hours, opening_hours_lines, translated_line
from tests.core.factories import SiteSettingsFactory
from tests.home.factories import StandardPageFactory, get_home_page
from tests.project_holders.factories import ProjectProposalPageFactory

DEMO_HOURS = (
    "Lundi au vendredi\u00a0: 9\u00a0h – 12\u00a0h\u00a030, sans rendez-vous\n"
    "Lundi au jeudi\u00a0: 14\u00a0h – 17\u00a0h, sur rendez-vous"
)
DEFAULT_IMAGE = Path(settings.BASE_DIR) / "static" / "img" / "og-default.png"


def parse(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def meta(html, **attrs):
    tag = html.find("meta", attrs=attrs)
    return tag["content"] if tag else None


class PageFrameTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = get_home_page()
        cls.bare_page = StandardPageFactory(
            parent=cls.home, title="Le parrainage", introduction="", search_description=""
        )
        cls.described_page = StandardPageFactory(
            parent=cls.home, title="Je recrute", search_description="Recrutez près de chez vous."
        )
        # An unusual address: the footer must find the form by its type, not by a slug.
        cls.proposal_page = ProjectProposalPageFactory(parent=cls.home, slug="deposer-un-dossier")
        cls.site_settings = SiteSettingsFactory(opening_hours=DEMO_HOURS, phone="01 99 00 12 34")

    # --- Header --------------------------------------------------------------------------

    def test_the_menu_languages_and_members_link_fold_into_a_details_with_a_summary(self):
        html = parse(self.client.get(self.bare_page.url))
        header = html.find("header", class_="site-header")
        menu = header.find("details", class_="site-menu")
        assert menu is not None and menu.get("open") is None
        assert menu.find("summary").get_text(strip=True) == "Menu"
        assert menu.find("nav", attrs={"aria-label": "Menu principal"}) is not None
        assert menu.find("nav", attrs={"aria-label": "Langues"}) is not None
        assert menu.find("a", string="Espace membres") is not None
        # The brand and the search stay outside, on the first screen.
        assert header.find("form", role="search").find_parent("details") is None
        assert header.find("a", class_="brand").find_parent("details") is None
        # No script needed to open it.
        assert html.find("script", src=True) is None

    # --- Sharing defaults ----------------------------------------------------------------

    def test_a_page_without_description_or_image_gets_the_site_defaults(self):
        html = parse(self.client.get(self.bare_page.url))
        description = meta(html, name="description")
        assert description and "Dynamique Emploi" in description
        assert meta(html, property="og:description") == description
        image = meta(html, property="og:image")
        assert image.startswith(("http://", "https://"))
        assert image.endswith("img/og-default.png")
        assert meta(html, property="og:image:width") == "1200"
        assert meta(html, property="og:image:height") == "630"
        assert meta(html, property="og:image:alt")
        assert meta(html, name="twitter:card") == "summary_large_image"
        assert meta(html, property="og:title") == "Le parrainage"

    def test_a_page_with_its_own_description_keeps_it(self):
        html = parse(self.client.get(self.described_page.url))
        assert meta(html, name="description") == "Recrutez près de chez vous."
        assert meta(html, property="og:description") == "Recrutez près de chez vous."
        assert len(html.find_all("meta", attrs={"name": "description"})) == 1

    def test_the_default_image_is_shipped_at_the_size_sharing_apps_expect(self):
        with Image.open(DEFAULT_IMAGE) as image:
            assert image.size == (1200, 630)
        assert DEFAULT_IMAGE.stat().st_size < 100_000

    # --- The ESS project form --------------------------------------------------------------

    def test_the_footer_links_to_the_project_form_found_by_its_type(self):
        html = parse(self.client.get(self.bare_page.url))
        footer = html.find("footer", class_="site-footer")
        link = footer.find("a", string="Proposer mon projet ESS")
        assert link is not None
        assert link["href"] == self.proposal_page.url
        assert "deposer-un-dossier" in link["href"]

    def test_no_link_while_the_form_is_unpublished(self):
        self.proposal_page.unpublish()
        html = parse(self.client.get(self.bare_page.url))
        assert html.find("footer").find("a", string="Proposer mon projet ESS") is None

    def test_the_kept_link_follows_the_form_unpublished_published_and_moved(self):
        def footer_link():
            html = parse(self.client.get(self.bare_page.url))
            link = html.find("footer").find("a", string="Proposer mon projet ESS")
            return link and link["href"]

        assert footer_link() == self.proposal_page.url  # now kept in the cache (core.footer)
        self.proposal_page.unpublish()
        assert footer_link() is None
        self.proposal_page.save_revision().publish()
        assert footer_link() == self.proposal_page.url
        self.proposal_page.move(self.described_page, pos="last-child")
        self.proposal_page.refresh_from_db()
        assert footer_link() == self.proposal_page.url
        assert footer_link().startswith(self.described_page.url)

    # --- Arabic footer ---------------------------------------------------------------------

    def test_the_phone_email_and_address_read_left_to_right_on_an_arabic_page(self):
        html = parse(self.client.get("/ar/"))
        assert html.find("html")["dir"] == "rtl"
        footer = html.find("footer", class_="site-footer")
        phone = footer.find("a", href="tel:0199001234")
        assert phone.get("dir") == "ltr"
        assert phone.get_text() == "01 99 00 12 34"
        assert footer.find("a", href=lambda href: href.startswith("mailto:"))["dir"] == "ltr"
        address_lines = footer.select(".site-footer__address > span")
        assert [line.get_text() for line in address_lines] == [
            "Plateforme Emploi Entreprises",
            "12 rue des Tisserands",
            "93200 Saint-Denis",
        ]
        assert all(line["dir"] == "ltr" and line["lang"] == "fr" for line in address_lines)

    def test_a_french_page_shows_the_opening_hours_as_written(self):
        html = parse(self.client.get(self.bare_page.url))
        hours = [item.get_text() for item in html.select(".site-footer__hours li")]
        assert hours == DEMO_HOURS.splitlines()

    def test_an_english_page_shows_the_opening_hours_in_english(self):
        html = parse(self.client.get("/en/"))
        hours = [item.get_text() for item in html.select(".site-footer__hours li")]
        assert hours == [
            "Monday to Friday: 9 a.m. – 12:30 p.m., walk-in, no appointment",
            "Monday to Thursday: 2 p.m. – 5 p.m., by appointment",
        ]


# --- Opening hours, line by line ----------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Lundi au vendredi : 9 h – 12 h 30, sans rendez-vous",
        "Du lundi au vendredi, de 9 h à 12 h 30 : sans rendez-vous",
        "lundi au vendredi : 9:00-12:30 sans rendez-vous",
    ],
)
def test_the_usual_ways_of_writing_a_line_give_the_same_english(line):
    with override("en"):
        assert translated_line(line) == (
            "Monday to Friday: <bdi>9 a.m.</bdi> – <bdi>12:30 p.m.</bdi>, walk-in, no appointment"
        )


def test_days_and_times_come_from_the_languages_own_names_and_formats():
    """Django's catalogs name the days and format the times: no translation of ours needed."""
    with override("en"):
        line = translated_line("Mardi et jeudi : 9 h – 12 h et 14 h – 16 h")
    assert "Tuesday" in line and "Thursday" in line
    assert "<bdi>9 a.m.</bdi>" in line and "<bdi>noon</bdi>" in line and "<bdi>4 p.m.</bdi>" in line
    with override("ar"):
        line = translated_line("Samedi : 9 h – 12 h")
    assert "السبت" in line
    assert "<bdi>9:00 ص</bdi>" in line


def test_arabic_reads_the_whole_line_in_arabic():
    with override("ar"):
        line = translated_line("Lundi au jeudi : 14 h – 17 h, sur rendez-vous")
    assert line == "من الاثنين إلى الخميس: من <bdi>2:00 م</bdi> إلى <bdi>5:00 م</bdi>، بموعد مسبق"


def test_a_line_of_another_form_stays_in_french_and_says_so():
    with override("en"):
        lines = opening_hours("Lundi : 9 h – 12 h\nFermé le 15 août\n\n")
    assert [line["lang"] for line in lines] == ["", "fr"]
    assert lines[1]["text"] == "Fermé le 15 août"


def test_a_note_or_time_nobody_foresaw_is_not_guessed():
    with override("en"):
        assert translated_line("Lundi : 9 h – 12 h, le 1er étage") is None
        assert translated_line("Lundi : 29 h – 32 h") is None
        assert translated_line("Sans rendez-vous le matin") is None


def test_what_an_editor_types_is_escaped():
    with override("en"):
        lines = opening_hours("<script>alert(1)</script>")
    assert str(lines[0]["text"]) == "<script>alert(1)</script>"  # autoescaped by the template
    assert not hasattr(lines[0]["text"], "__html__")


def test_the_hours_repeated_beside_an_address_are_said_in_the_readers_language():
    # The empty offers listing and the « Ça m'intéresse » confirmation give them as a paragraph.
    with override("en"):
        lines = opening_hours_lines(DEMO_HOURS + "\nLe samedi matin, sur rendez-vous")
    assert lines.count("<br>") == 2
    assert lines.startswith("Monday to Friday: ")
    assert '<span lang="fr" dir="ltr">Le samedi matin, sur rendez-vous</span>' in lines
    with override("fr"):
        assert opening_hours_lines("Lundi : 9 h – 12 h <b>") == "Lundi : 9 h – 12 h &lt;b&gt;"
