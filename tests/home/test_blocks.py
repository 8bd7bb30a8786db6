"""The design system's body blocks: what editors may not save, and what readers see."""

import re

import pytest
from bs4 import BeautifulSoup
from wagtail.blocks.struct_block import StructBlockValidationError

from core.blocks import BodyBlock, ContactCardBlock, LinkBlock
from tests.core.factories import DocumentFactory, ImageFactory
from tests.home.factories import (
    StandardPageFactory,
    call_to_action_data,
    contact_card_data,
    create_site,
    document_link_data,
    faq_data,
    image_data,
    key_figure_data,
    key_figures_data,
    rich_text_data,
)


def render_block(raw_block):
    """Render one body block from its raw stream data, as a page would."""
    (bound_block,) = BodyBlock().to_python([raw_block])
    return BeautifulSoup(bound_block.render(), "html.parser")


def error_messages(error, field_name):
    return error.value.block_errors[field_name].messages


@pytest.fixture
def page(db):
    return StandardPageFactory(parent=create_site(), title="Je cherche un emploi")


class TestLinkBlock:
    def clean(self, **raw):
        block = LinkBlock()
        return block.clean(block.to_python({"page": None, "external_url": "", "label": ""} | raw))

    def test_refuses_a_page_and_an_address_together(self, page):
        with pytest.raises(StructBlockValidationError) as error:
            self.clean(page=page.pk, external_url="https://example.org/", label="Voir")

        assert error_messages(error, "page") == [
            "Choisissez une page du site ou saisissez une adresse, pas les deux."
        ]

    def test_refuses_neither_a_page_nor_an_address(self, db):
        with pytest.raises(StructBlockValidationError) as error:
            self.clean(label="Voir")

        assert "page" in error.value.block_errors

    def test_refuses_an_address_without_a_text(self, db):
        with pytest.raises(StructBlockValidationError) as error:
            self.clean(external_url="https://example.org/")

        assert error_messages(error, "label") == ["Un lien vers un autre site a besoin d'un texte."]

    def test_a_page_link_takes_the_page_title_by_default(self, page):
        value = self.clean(page=page.pk)

        assert (value.url, value.text, value.is_external) == (page.url, page.title, False)

    def test_an_address_link_uses_its_text(self, db):
        value = self.clean(external_url="https://example.org/", label="France Travail")

        assert (value.url, value.text, value.is_external) == (
            "https://example.org/",
            "France Travail",
            True,
        )


class TestContactCardBlock:
    def clean(self, **raw):
        block = ContactCardBlock()
        return block.clean(block.to_python(contact_card_data(**raw)["value"]))

    def test_refuses_a_card_without_any_way_to_get_in_touch(self):
        with pytest.raises(StructBlockValidationError) as error:
            self.clean(name="Plateforme Emploi Entreprises", role="Accueil", hours="9 h – 17 h")

        assert error_messages(error, "phone") == [
            "Indiquez au moins un moyen de contact : téléphone, e-mail ou adresse."
        ]

    @pytest.mark.parametrize(
        "contact_means",
        [
            {"phone": "01 23 45 67 89"},
            {"email": "contact@dynamique-emploi.fr"},
            {"address": "12 rue des Tisserands"},
        ],
    )
    def test_accepts_any_one_way_to_get_in_touch(self, contact_means):
        value = self.clean(name="Plateforme Emploi Entreprises", **contact_means)

        assert value["name"] == "Plateforme Emploi Entreprises"


class TestBlockRendering:
    def test_rich_text(self):
        html = render_block(rich_text_data("<h2>Qui peut venir ?</h2><p>Tout le monde.</p>"))

        assert html.h2.get_text() == "Qui peut venir ?"
        assert html.p.get_text() == "Tout le monde."

    def test_image_with_its_alternative_text_and_caption(self, db):
        image = ImageFactory()

        html = render_block(
            image_data(image, alt_text="Une conseillère reçoit un habitant.", caption="L'accueil")
        )

        assert html.img["alt"] == "Une conseillère reçoit un habitant."
        assert html.figure.figcaption.get_text() == "L'accueil"

    def test_decorative_image_has_an_empty_alternative_text(self, db):
        image = ImageFactory(description="Une description qui ne doit pas servir ici")

        html = render_block(image_data(image, alt_text="", decorative=True))

        assert html.img["alt"] == ""
        assert not html.find("figcaption")

    def test_call_to_action_links_to_the_chosen_page(self, page):
        html = render_block(
            call_to_action_data("Venez nous rencontrer", "Sans rendez-vous.", page=page)
        )

        assert html.h2.get_text() == "Venez nous rencontrer"
        assert html.p.get_text() == "Sans rendez-vous."
        button = html.find("a")
        assert button["href"] == page.url
        assert button.get_text(strip=True) == "Je cherche un emploi"

    def test_call_to_action_to_another_site_says_so(self):
        html = render_block(
            call_to_action_data("France Travail", url="https://example.org/", label="Y aller")
        )

        assert html.find("a")["href"] == "https://example.org/"
        assert html.find("a").get_text(" ", strip=True) == "Y aller (autre site)"

    def test_faq_opens_each_answer_without_javascript(self):
        html = render_block(
            faq_data(
                [
                    ("Faut-il un CV ?", "<p>Non. Un conseiller vous aide.</p>"),
                    ("C'est payant ?", "<p>Non, c'est gratuit.</p>"),
                ],
                heading="Questions fréquentes",
            )
        )

        assert html.h2.get_text() == "Questions fréquentes"
        questions = html.find_all("details")
        assert [details.summary.get_text() for details in questions] == [
            "Faut-il un CV ?",
            "C'est payant ?",
        ]
        assert questions[1].find("p").get_text() == "Non, c'est gratuit."

    def test_key_figures(self):
        html = render_block(
            key_figures_data(
                [
                    key_figure_data("434", "demandeurs d'emploi suivis", "en 2015"),
                    key_figure_data("78 %", "ont retrouvé un emploi"),
                ],
                heading="Nos résultats",
            )
        )

        assert html.h2.get_text() == "Nos résultats"
        assert [item.get_text(" ", strip=True) for item in html.find_all("li")] == [
            "434 demandeurs d'emploi suivis en 2015",
            "78 % ont retrouvé un emploi",
        ]

    def test_contact_card_makes_phone_and_email_clickable(self):
        html = render_block(
            contact_card_data(
                "Plateforme Emploi Entreprises",
                address="12 rue des Tisserands",
                phone="01 23 45 67 89",
                email="contact@dynamique-emploi.fr",
            )
        )

        assert html.h2.get_text() == "Plateforme Emploi Entreprises"
        assert html.find("a", href="tel:0123456789").get_text() == "01 23 45 67 89"
        assert html.find("a", href="mailto:contact@dynamique-emploi.fr")
        assert "12 rue des Tisserands" in html.get_text()

    def test_document_link_announces_its_format_and_size(self, db):
        document = DocumentFactory(title="Charte des PTCE")

        html = render_block(document_link_data(document, description="Le texte signé."))

        link = html.find("a")
        assert link["href"] == document.url
        link_text = link.get_text(" ", strip=True)
        assert re.fullmatch(r"Charte des PTCE \(PDF – [\d,]+\s(octets|Ko)\)", link_text), link_text
        assert html.p.get_text() == "Le texte signé."
