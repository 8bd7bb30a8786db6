"""The offers part of `manage.py load_demo`: a believable territory, its offers and branches."""

import datetime
from zoneinfo import ZoneInfo

import time_machine
from wagtail.models import Page

from offers.enums import ContractType, OfferStatus
from offers.models import BranchIndexPage, BranchPage, OfferIndexPage, OfferPage
from organisations.models import Organisation
from reference.models import Neighbourhood, Sector, Trade
from tests.home.demo_tests import LoadDemoTwiceTestCase, load_demo

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime.datetime(2026, 5, 4, 9, 0, tzinfo=PARIS)


def content_counts():
    return {
        "pages": Page.objects.count(),
        "offers": OfferPage.objects.count(),
        "organisations": Organisation.objects.count(),
        "neighbourhoods": Neighbourhood.objects.count(),
        "sectors": Sector.objects.count(),
        "trades": Trade.objects.count(),
    }


@time_machine.travel(NOW, tick=False)
class TestOffersDemo(LoadDemoTwiceTestCase):
    content_counts = staticmethod(content_counts)

    def test_about_sixty_current_offers_over_the_territory(self):
        current = OfferPage.objects.current().filter(locale__language_code="fr")

        assert 55 <= current.count() <= 65
        assert current.values("sector").distinct().count() >= 8
        assert current.values("commune").distinct().count() >= 6
        assert current.values("neighbourhood").distinct().count() >= 6
        assert "65 offres d'emploi créées" in self.first_output

    def test_offers_are_written_for_residents(self):
        current = OfferPage.objects.current().filter(locale__language_code="fr")

        contract_types = set(current.values_list("contract_type", flat=True))
        assert {ContractType.CDI, ContractType.CDD, ContractType.INSERTION, ContractType.PEC} <= (
            contract_types
        )
        assert current.filter(no_diploma_required=True).count() >= 10
        assert current.filter(beginners_welcome=True).count() >= 10
        assert current.filter(salary_min__isnull=False).count() > current.count() * 0.8
        assert current.exclude(easy_read="").exists()
        assert current.filter(title="Préparateur de commandes (H/F)").exists()
        assert current.published_since(7).exists()
        assert current.expiring_within(7).exists()

    def test_offers_were_published_through_revisions_as_an_editor_would(self):
        offers = OfferPage.objects.live()

        assert not offers.filter(live_revision__isnull=True).exists()
        assert not offers.filter(first_published_at__isnull=True).exists()

    def test_employers_are_demo_organisations_by_name_or_anonymous(self):
        current = (
            OfferPage.objects.current()
            .filter(locale__language_code="fr")
            .select_related("employer", "sector")
        )

        assert current.filter(employer__isnull=False).count() > current.count() / 2
        assert current.filter(employer__isnull=True).exclude(employer_name="").exists()
        anonymous = current.get(employer_is_anonymous=True)
        assert anonymous.employer_display_name == (
            "Une entreprise de la filière Logistique et transport"
        )
        assert Organisation.objects.filter(is_public=False).count() == 1
        kinds = set(Organisation.objects.values_list("kind", flat=True))
        assert {"entreprise", "insertion", "collectivite"} <= kinds
        for organisation in Organisation.objects.all():
            organisation.full_clean()  # valid SIRET among others

    def test_neighbourhoods_look_like_priority_areas_of_six_communes(self):
        neighbourhoods = Neighbourhood.objects.all()

        assert neighbourhoods.count() >= 6
        assert neighbourhoods.values("commune").distinct().count() == 6
        assert neighbourhoods.filter(qpv_code__startswith="QP093").count() >= 6

    def test_expired_offers_are_unpublished_but_reachable(self):
        expired = OfferPage.objects.filter(live=False, expired=True)

        assert expired.count() == 3
        for offer in expired:
            assert offer.status == OfferStatus.EXPIRED
            assert offer not in OfferPage.objects.current()
            response = self.client.get(offer.url)
            assert response.status_code == 200
            assert "Offre expirée" in response.content.decode()

    def test_one_filled_offer_stays_live(self):
        filled = OfferPage.objects.get(filled=True)

        assert filled.live
        assert filled.status == OfferStatus.FILLED

    def test_offer_index_and_branch_index_are_in_the_menus(self):
        offer_index = OfferIndexPage.objects.get(locale__language_code="fr")
        branch_index = BranchIndexPage.objects.get()

        assert offer_index.url == "/offres/"
        assert offer_index.show_in_menus
        assert offer_index.introduction
        assert branch_index.url == "/metiers/"
        assert branch_index.show_in_menus
        assert self.client.get("/offres/").status_code == 200

    def test_three_branch_presentations_with_their_offers(self):
        branches = BranchPage.objects.live().select_related("sector").order_by("path")

        assert [branch.sector.slug for branch in branches] == [
            "logistique",
            "proprete",
            "aide-a-la-personne",
        ]
        for branch in branches:
            assert branch.trades.exists()
            assert branch.presented_on < NOW.date()
            assert len(branch.brochures) == 1
            assert branch.work and branch.pay and branch.training and branch.hiring
            assert len(branch.key_facts) >= 2
            response = self.client.get(branch.url)
            assert response.status_code == 200
            assert f"/offres/?secteur={branch.sector.slug}" in response.content.decode()

    def test_a_second_run_creates_nothing(self):
        assert self.counts_after_second_run == self.counts_after_first_run
        assert "Rien à créer" in self.second_output

    def test_benchmark_option_adds_live_offers(self):
        current_before = OfferPage.objects.current().count()

        output = load_demo("--offers", "50")

        assert OfferPage.objects.current().count() == current_before + 50
        assert "50 offres en plus" in output
        assert not any(Page.find_problems())  # the tree stays consistent
        index = OfferIndexPage.objects.get(locale__language_code="fr")
        assert index.numchild == OfferPage.objects.child_of(index).count()
        new_offer = OfferPage.objects.filter(reference__startswith="BENCH-").first()
        assert self.client.get(new_offer.url).status_code == 200
