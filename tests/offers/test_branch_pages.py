"""Trade-branch presentations (/metiers/): what they tell residents and the offers they lead to."""

import datetime
from zoneinfo import ZoneInfo

import time_machine
from bs4 import BeautifulSoup
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from offers.models import BranchPage
from tests.core.factories import DocumentFactory
from tests.home.factories import create_site
from tests.offers.factories import (
    BranchIndexPageFactory,
    BranchPageFactory,
    OfferIndexPageFactory,
    OfferPageFactory,
)
from tests.reference.factories import TradeFactory

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime.datetime(2026, 3, 10, 10, 0, tzinfo=PARIS)


def parse(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def offer_titles(html):
    section = html.find("section", attrs={"aria-labelledby": "offres-en-cours"})
    return {title.get_text(strip=True) for title in section.select(".card__title")}


@time_machine.travel(NOW, tick=False)
class TestBranchPage(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = create_site()
        cls.offer_index = OfferIndexPageFactory(parent=cls.home)
        cls.magasinage = TradeFactory(magasinage=True)
        cls.nettoyage = TradeFactory(nettoyage=True)
        cls.branch_index = BranchIndexPageFactory(parent=cls.home)
        cls.branch = BranchPageFactory(
            parent=cls.branch_index,
            title="Les métiers de la logistique",
            slug="logistique",
            sector=cls.magasinage.sector,
            trades=[cls.magasinage],
            presented_on=datetime.date(2026, 2, 12),
            with_brochure=True,
            with_video=True,
        )
        for title in ("Cariste (H/F)", "Préparateur de commandes (H/F)"):
            OfferPageFactory(parent=cls.offer_index, title=title, trade=cls.magasinage)
        OfferPageFactory(parent=cls.offer_index, title="Offre expirée", expired=True)
        OfferPageFactory(parent=cls.offer_index, title="Offre retirée", closed_by_cron=True)
        OfferPageFactory(parent=cls.offer_index, title="Poste pourvu", filled=True)
        OfferPageFactory(parent=cls.offer_index, title="Brouillon", draft=True)
        OfferPageFactory(
            parent=cls.offer_index, title="Agent de propreté (H/F)", trade=cls.nettoyage
        )

    def test_lists_only_the_current_offers_of_its_sector(self):
        html = parse(self.client.get(self.branch.url))

        assert offer_titles(html) == {"Cariste (H/F)", "Préparateur de commandes (H/F)"}

    def test_leads_to_the_listing_filtered_on_its_sector(self):
        html = parse(self.client.get(self.branch.url))

        links = html.find_all("a", href="/offres/?secteur=logistique")
        assert links
        assert "Voir les 2 offres" in links[-1].get_text()

    def test_tells_what_the_branch_presented(self):
        html = parse(self.client.get(self.branch.url))

        assert html.h1.get_text() == "Les métiers de la logistique"
        assert "12 février 2026" in html.find("time", datetime="2026-02-12").get_text()
        assert "Magasinage et préparation de commandes" in html.get_text()
        assert [heading.get_text() for heading in html.select("main h2")] == [
            "L'essentiel en chiffres",
            "Les métiers présentés",
            "Le travail au quotidien",
            "Combien on gagne",
            "Se former",
            "Qui recrute",
            "Les offres en cours",
            "Documents à télécharger",
            "En vidéo",
        ]
        assert "5 jours" in html.find(class_="key-figures").get_text()

    def test_offers_brochures_and_the_video_as_a_plain_link(self):
        html = parse(self.client.get(self.branch.url))
        document = self.branch.brochures[0].value["document"]

        brochure_link = html.find("a", href=document.url)
        assert "Les métiers de la logistique" in brochure_link.get_text()
        assert "PDF" in brochure_link.get_text()
        assert html.find("a", href="https://video.example.org/metiers-logistique")
        # Nothing from another site is loaded by default.
        assert not html.find(["iframe", "video", "embed", "object"])

    def test_says_so_when_no_offer_of_its_sector_is_open(self):
        branch = BranchPageFactory(
            parent=self.branch_index,
            title="Les métiers de la propreté",
            sector=TradeFactory(aide_aux_adultes=True).sector,
        )

        html = parse(self.client.get(branch.url))

        assert offer_titles(html) == set()
        assert "Pas d'offre en cours" in html.find(class_="empty-state").get_text()
        assert html.find(class_="empty-state").find("a", href="/offres/")

    def test_runs_the_same_queries_whatever_the_number_of_offers(self):
        self.client.get(self.branch.url)  # warms Wagtail's caches (site root paths)
        with CaptureQueriesContext(connection) as with_two_offers:
            self.client.get(self.branch.url)

        for number in range(6):
            OfferPageFactory(
                parent=self.offer_index,
                title=f"Magasinier {number} (H/F)",
                trade=self.magasinage,
                anonymous_employer=number % 2 == 0,
            )
        with CaptureQueriesContext(connection) as with_eight_offers:
            html = parse(self.client.get(self.branch.url))

        assert len(offer_titles(html)) == BranchPage.CURRENT_OFFERS_SHOWN
        assert "Voir les 8 offres" in html.get_text()
        assert len(with_eight_offers) == len(with_two_offers)


@time_machine.travel(NOW, tick=False)
class TestBranchIndexPage(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = create_site()
        cls.branch_index = BranchIndexPageFactory(parent=cls.home)
        BranchPageFactory(
            parent=cls.branch_index,
            title="Les métiers de la logistique",
            presented_on=datetime.date(2025, 10, 9),
        )
        BranchPageFactory(parent=cls.branch_index, title="Brouillon", draft=True)

    def test_lists_the_published_branches_with_their_presentation_date(self):
        html = parse(self.client.get("/metiers/"))

        cards = html.select(".branch-card")
        assert [card.h2.get_text(strip=True) for card in cards] == ["Les métiers de la logistique"]
        assert "9 octobre 2025" in cards[0].get_text()
        # No offer index on this site: the branch page still works, without its links.
        assert parse(self.client.get(cards[0].a["href"])).find(class_="empty-state")

    def test_says_so_when_there_is_no_branch_yet(self):
        BranchPage.objects.all().delete()

        html = parse(self.client.get("/metiers/"))

        assert "Aucune présentation" in html.find(class_="empty-state").get_text()


class TestEditorsCreateBranchPages(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = create_site()
        cls.branch_index = BranchIndexPageFactory(parent=cls.home)
        cls.trade = TradeFactory(nettoyage=True)
        cls.document = DocumentFactory(title="Les métiers de la propreté")

    def setUp(self):
        self.login()

    def test_an_editor_creates_a_branch_page(self):
        features = ["h3", "bold", "ol", "ul", "link"]
        form_data = nested_form_data(
            {
                "title": "Les métiers de la propreté",
                "slug": "proprete",
                "introduction": "La propreté embauche près de chez vous.",
                "sector": self.trade.sector_id,
                "presented_on": "2026-03-05",
                "work": rich_text("<p>On nettoie des bureaux.</p>", features=features),
                "pay": "Le SMIC pour débuter.",
                "training": rich_text("<p>Un CQP en 3 mois.</p>", features=features),
                "hiring": rich_text(
                    "<p>Les entreprises de nettoyage.</p>",
                    features=["bold", "ol", "ul", "link"],
                ),
                "key_facts": streamfield(
                    [("figure", {"value": "6 h", "label": "le début", "detail": ""})]
                ),
                "brochures": streamfield(
                    [
                        (
                            "document",
                            {"document": self.document.pk, "title": "", "description": ""},
                        )
                    ]
                ),
                "video_url": "https://video.example.org/proprete",
            }
        )
        # A multiple choice: nested_form_data would number it as if it were a list block.
        form_data["trades"] = [self.trade.pk]
        self.assertCanCreate(self.branch_index, BranchPage, form_data)

        page = BranchPage.objects.get(slug="proprete")
        assert page.live
        assert list(page.trades.all()) == [self.trade]
        assert page.brochures[0].value["document"] == self.document
        html = parse(self.client.get(page.url))
        assert html.find("a", href=self.document.url)
