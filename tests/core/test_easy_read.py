"""Easy-read versions (« facile à lire ») on every kind of page that carries one, the readability
hint editors get under the field, and the « Écouter » button's markup."""

from bs4 import BeautifulSoup
from django.test import TestCase

from core.readability import readability
from tests.events.factories import EventPageFactory
from tests.home.factories import StandardPageFactory
from tests.offers.factories import BranchPageFactory

EASY = "Des entreprises viennent. Elles recrutent. Venez avec votre CV."


def parse(response):
    return BeautifulSoup(response.content, "html.parser")


class EasyReadPagesTestCase(TestCase):
    def check(self, page, hidden_selector):
        full = parse(self.client.get(page.url))
        assert (
            full.select_one(".easy-read-switch a")["href"]
            == f"{page.url}?lecture=facile#facile-a-lire"
        )
        assert full.select_one(hidden_selector) is not None
        easy = parse(self.client.get(f"{page.url}?lecture=facile"))
        assert "Elles recrutent." in easy.select_one("#facile-a-lire-texte").get_text()
        assert easy.select_one(hidden_selector) is None
        button = easy.select_one("#facile-a-lire button.listen-button")
        assert button.has_attr("hidden")
        assert button["data-listen"] == "facile-a-lire-texte"

    def test_event_page(self):
        self.check(
            EventPageFactory(easy_read=EASY, description="<p>Le programme détaillé.</p>"),
            "#programme",
        )

    def test_branch_page(self):
        self.check(BranchPageFactory(easy_read=EASY), "#le-travail")

    def test_standard_page(self):
        self.check(StandardPageFactory(easy_read=EASY), ".stream")

    def test_the_event_summary_can_be_listened_to_without_an_easy_read_version(self):
        page = parse(self.client.get(EventPageFactory().url))
        assert page.select_one(".easy-read-switch") is None
        assert page.select_one("button.listen-button")["data-listen"] == "evenement-resume"
        assert page.select_one("script[src$='listen.js']") is not None


class ReadabilityTestCase(TestCase):
    def test_short_everyday_sentences_are_easy(self):
        figures = readability("Vous cherchez un travail. Venez à la Plateforme. C'est gratuit.")
        assert figures.sentences == 3
        assert figures.longest_sentence == 4
        assert figures.is_easy
        assert figures.summary().endswith("C'est facile à lire.")

    def test_a_long_administrative_sentence_is_not(self):
        figures = readability(
            "<p>Dans le cadre de la mise en œuvre de la politique territoriale de cohésion "
            "sociale, la plateforme accompagne les demandeurs d'emploi résidant dans les "
            "quartiers prioritaires vers une insertion professionnelle durable.</p>"
        )
        assert figures.sentences == 1
        assert figures.score < 60
        assert "Coupez les phrases de plus de 15 mots" in figures.summary()
        assert "1 phrase," in figures.summary()

    def test_nothing_to_measure(self):
        assert readability("") is None
        assert readability("<p> </p>") is None

    def test_editors_see_the_hint_under_the_field(self):
        from django.contrib.auth import get_user_model

        editor = get_user_model().objects.create_superuser("chef", "chef@exemple.fr", "x")
        self.client.force_login(editor)
        event = EventPageFactory(easy_read=EASY)
        response = self.client.get(f"/admin/pages/{event.pk}/edit/")
        assert response.status_code == 200
        assert "Lisibilité du texte enregistré : 3 phrases" in response.content.decode()
