"""What editors and advisers do in the Wagtail admin: offers, the dashboard, « Ça m'intéresse »."""

import csv
import datetime
import io
import json
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text
from wagtail.users.models import UserProfile

from home.models import HomePage, StandardPage
from offers.enums import ContractType
from offers.models import BranchIndexPage, BranchPage, OfferIndexPage, OfferPage
from tests.home.factories import HomePageFactory, create_site
from tests.offers.factories import (
    BranchIndexPageFactory,
    InterestFactory,
    OfferPageFactory,
    get_offer_index_page,
)
from tests.organisations.factories import OrganisationFactory
from tests.reference.factories import NeighbourhoodFactory, TradeFactory

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime.datetime(2026, 1, 15, 10, 30, tzinfo=PARIS)
TODAY = NOW.date()
DESCRIPTION_FEATURES = ["bold", "ol", "ul", "link"]


def parse(response):
    return BeautifulSoup(response.content, "html.parser")


def add_offer_url(parent):
    return reverse("wagtailadmin_pages:add", args=["offers", "offerpage", parent.pk])


def field_wrapper(html, field_name):
    """The block of the admin form around one field: its label, input, help text and errors."""
    field = html.find(id=f"id_{field_name}")
    assert field is not None, field_name
    return field.find_parent(attrs={"data-field-wrapper": True})


@time_machine.travel(NOW, tick=False)
class TestEditorsCreateOffers(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = create_site()
        cls.index = get_offer_index_page()
        cls.trade = TradeFactory(nettoyage=True)
        cls.neighbourhood = NeighbourhoodFactory(name="Franc-Moisin", commune="Saint-Denis")
        cls.employer = OrganisationFactory(name="Net'Services 93")

    def setUp(self):
        self.login()

    def offer_form_data(self, **overrides):
        data = {
            "title": "Agent d'entretien (H/F)",
            "slug": "agent-d-entretien",
            "trade": self.trade.pk,
            "sector": self.trade.sector_id,
            "contract_type": ContractType.CDD,
            "duration": "6 mois",
            "working_time": "temps-partiel",
            "hours_per_week": "24",
            "schedule": "Tôt le matin, de 6 h à 10 h",
            "salary_min": "1823.03",
            "salary_max": "1900.00",
            "salary_period": "mois",
            "start_date": "2026-02-02",
            "positions": "2",
            "commune": "Saint-Denis",
            "postal_code": "93200",
            "neighbourhood": self.neighbourhood.pk,
            "address": "",
            "transport_access": "Bus 153, arrêt Franc-Moisin",
            "employer": self.employer.pk,
            "employer_name": "",
            "no_diploma_required": "on",
            "beginners_welcome": "on",
            "french_level": "oral",
            "open_to_disabled_workers": "on",
            "description": rich_text(
                "<p>Vous nettoyez des bureaux avant l'arrivée des salariés.</p>",
                features=DESCRIPTION_FEATURES,
            ),
            "easy_read": "Vous nettoyez des bureaux. Vous travaillez le matin.",
            "application_method": "conseillers",
            "application_url": "",
            "application_email": "",
            "how_to_apply": "",
            "reference": "PEE-2026-001",
            "expiry_date": "2026-03-01",
        }
        data.update(overrides)
        return nested_form_data(data)

    def test_page_types_go_where_they_belong(self):
        self.assertAllowedParentPageTypes(OfferIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(OfferIndexPage, {OfferPage})
        self.assertAllowedParentPageTypes(OfferPage, {OfferIndexPage})
        self.assertAllowedSubpageTypes(OfferPage, set())
        self.assertAllowedParentPageTypes(BranchIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(BranchIndexPage, {BranchPage})
        self.assertAllowedParentPageTypes(BranchPage, {BranchIndexPage})
        self.assertCanNotCreateAt(HomePage, OfferPage)
        self.assertCanNotCreateAt(StandardPage, OfferPage)
        self.assertCanNotCreateAt(StandardPage, OfferIndexPage)

    def test_one_offer_list_and_one_branch_list_per_home_page(self):
        BranchIndexPageFactory(parent=self.home)

        assert not OfferIndexPage.can_create_at(self.home)
        assert not BranchIndexPage.can_create_at(self.home)
        # Another language's home page gets its own.
        other_home = HomePageFactory(parent=self.home.get_parent(), slug="accueil-bis")
        assert OfferIndexPage.can_create_at(other_home)
        assert BranchIndexPage.can_create_at(other_home)

    def test_an_editor_creates_and_publishes_an_offer(self):
        self.assertCanCreate(self.index, OfferPage, self.offer_form_data())

        offer = OfferPage.objects.get(slug="agent-d-entretien")
        assert offer.live
        assert offer.get_parent().pk == self.index.pk
        assert offer.employer == self.employer
        assert offer.neighbourhood == self.neighbourhood
        assert offer.no_diploma_required and offer.beginners_welcome
        assert offer.expiry_date == datetime.date(2026, 3, 1)
        assert offer.expire_at == datetime.datetime(2026, 3, 2, 0, 0, tzinfo=PARIS)
        assert "Vous nettoyez des bureaux" in offer.description
        assert OfferPage.objects.current().filter(pk=offer.pk).exists()
        assert self.client.get(offer.url).status_code == 200

    def test_an_editor_in_another_time_zone_still_sets_midnight_in_paris(self):
        # Wagtail lets each editor choose the admin's time zone in their account settings.
        profile = UserProfile.get_for_user(get_user_model().objects.get(is_superuser=True))
        profile.current_time_zone = "Asia/Tokyo"
        profile.save()

        self.assertCanCreate(self.index, OfferPage, self.offer_form_data())

        offer = OfferPage.objects.get(slug="agent-d-entretien")
        # Not 16:00 in Paris on the last day, when it is midnight in Tokyo.
        assert offer.expire_at == datetime.datetime(2026, 3, 2, 0, 0, tzinfo=PARIS)

    def test_the_sector_may_be_left_to_the_trades(self):
        # The field's help text promises it: « Vide : la filière du métier. »
        self.assertCanCreate(self.index, OfferPage, self.offer_form_data(sector=""))

        offer = OfferPage.objects.get(slug="agent-d-entretien")
        assert offer.sector == self.trade.sector

    def test_a_non_member_employer_by_name_is_enough(self):
        self.assertCanCreate(
            self.index,
            OfferPage,
            self.offer_form_data(employer="", employer_name="Boulangerie du Marché"),
        )

        offer = OfferPage.objects.get(slug="agent-d-entretien")
        assert offer.employer is None
        assert offer.employer_display_name == "Boulangerie du Marché"

    def test_the_add_form_speaks_french_with_help_texts(self):
        html = parse(self.client.get(add_offer_url(self.index)))

        text = html.get_text(" ", strip=True)
        for label in [
            "Date limite",
            "Sans diplôme",
            "Débutant accepté",
            "Métier (fiche ROME)",
            "Type de contrat",
            "Salaire brut minimum (€)",
            "Comment postuler",
            "Poste pourvu",
        ]:
            assert label in text, label
        assert (
            "Dernier jour où l'offre est affichée." in field_wrapper(html, "expiry_date").get_text()
        )
        assert "Pour un contrat à durée limitée" in field_wrapper(html, "duration").get_text()
        assert "Le lendemain de la date limite, l'offre quitte le site toute seule." in text

    def test_the_add_form_proposes_an_expiry_date_60_days_ahead(self):
        html = parse(self.client.get(add_offer_url(self.index)))

        assert html.find(id="id_expiry_date")["value"] == "16/03/2026"

    def test_errors_are_shown_in_french_next_to_their_field(self):
        cases = {
            "salary_max": (
                {"salary_min": "2100", "salary_max": "1900"},
                "Le salaire maximum doit être au moins égal au minimum.",
            ),
            "expiry_date": (
                {"expiry_date": "2026-01-14"},
                "La date limite ne peut pas être avant la publication (15/01/2026).",
            ),
            "duration": ({"duration": ""}, "Indiquez la durée de ce contrat."),
            "employer_name": (
                {"employer": "", "employer_name": ""},
                "Choisissez un employeur membre du réseau ou écrivez le nom de l'employeur.",
            ),
            "application_url": (
                {"application_method": "lien"},
                "Indiquez le lien où postuler.",
            ),
        }
        for field_name, (overrides, message) in cases.items():
            with self.subTest(field_name):
                data = self.offer_form_data(**overrides)
                data["action-publish"] = "action-publish"

                response = self.client.post(add_offer_url(self.index), data)

                assert response.status_code == 200
                assert not OfferPage.objects.filter(slug="agent-d-entretien").exists()
                wrapper = field_wrapper(parse(response), field_name)
                assert message in wrapper.get_text(" ", strip=True)

    def test_the_salary_error_is_not_doubled_by_the_database_constraint(self):
        data = self.offer_form_data(salary_min="2100", salary_max="1900")
        data["action-publish"] = "action-publish"

        response = self.client.post(add_offer_url(self.index), data)

        text = parse(response).get_text(" ", strip=True)
        assert "offer_salary_min_not_above_max" not in text
        assert text.count("Le salaire maximum doit être au moins égal au minimum.") == 1


@time_machine.travel(NOW, tick=False)
class TestDashboard(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        create_site()
        cls.soon = OfferPageFactory(
            title="Agent de tri (H/F)", expiry_date=TODAY + datetime.timedelta(days=3)
        )
        cls.later = OfferPageFactory(
            title="Magasinier (H/F)", expiry_date=TODAY + datetime.timedelta(days=30)
        )
        OfferPageFactory(
            title="Cariste déjà pourvu (H/F)",
            filled=True,
            expiry_date=TODAY + datetime.timedelta(days=2),
        )

    def setUp(self):
        self.login()

    def test_editors_see_the_offers_expiring_within_a_week(self):
        response = self.client.get(reverse("wagtailadmin_home"))

        html = parse(response)
        panel = html.find(id="expiring-offers-section")
        assert panel is not None
        text = panel.get_text(" ", strip=True)
        assert "Offres qui expirent dans les 7 prochains jours" in text
        assert "Agent de tri (H/F)" in text
        assert "dimanche 18 janvier 2026" in text
        assert "Magasinier (H/F)" not in text
        assert "Cariste déjà pourvu (H/F)" not in text
        edit_url = reverse("wagtailadmin_pages:edit", args=[self.soon.pk])
        assert panel.find("a", href=edit_url, string="Agent de tri (H/F)")

    def test_no_panel_when_nothing_expires_soon(self):
        with time_machine.travel(NOW + datetime.timedelta(days=40), tick=False):
            response = self.client.get(reverse("wagtailadmin_home"))

        assert parse(response).find(id="expiring-offers-section") is None
        assert "Offres qui expirent" not in response.content.decode()


# --- Residents' « Ça m'intéresse » and the reference snippets, as a superuser -------------------
EXPORT_COLUMNS = [
    "Reçu le",
    "Intitulé de l'offre",
    "Nom",
    "Téléphone",
    "E-mail",
    "Message",
    "Consentement donné le",
    "Conseillers prévenus le",
]


@pytest.fixture
def site(db):
    # Also rebuilds the page tree that a live-server test may have flushed from a reused database:
    # the admin's pages need its root.
    return create_site()


@pytest.fixture
def admin_client_logged_in(client, django_user_model, site):
    superuser = django_user_model.objects.create_superuser(
        username="conseillere", email="conseillere@example.org", password="mot-de-passe"
    )
    client.force_login(superuser)
    return client


@pytest.fixture
def interest(site, time_machine):
    time_machine.move_to(NOW, tick=False)
    offer = OfferPageFactory(title="Agent de tri (H/F)")
    return InterestFactory(
        offer=offer,
        name="Samira Benali",
        phone="06 00 00 12 34",
        email="",
        message="Je suis disponible le matin.",
    )


def test_advisers_see_the_interests_in_the_admin(admin_client_logged_in, interest):
    response = admin_client_logged_in.get(reverse("interests:index"))

    assert response.status_code == 200
    text = parse(response).get_text(" ", strip=True)
    assert "Samira Benali" in text
    assert "Agent de tri (H/F)" in text
    assert "06 00 00 12 34" in text


def test_advisers_read_one_interest(admin_client_logged_in, interest):
    response = admin_client_logged_in.get(reverse("interests:inspect", args=[interest.pk]))

    assert response.status_code == 200
    assert "Je suis disponible le matin." in parse(response).get_text(" ", strip=True)


def test_interests_export_to_csv(admin_client_logged_in, interest):
    response = admin_client_logged_in.get(reverse("interests:index"), {"export": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "ca-m-interesse" in response["Content-Disposition"]
    rows = csv_rows(response)
    assert rows[0] == EXPORT_COLUMNS
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Intitulé de l'offre"] == "Agent de tri (H/F)"
    assert row["Nom"] == "Samira Benali"
    assert row["Téléphone"] == "06 00 00 12 34"
    assert row["Message"] == "Je suis disponible le matin."
    assert row["Conseillers prévenus le"] in ("", "None")


def test_interests_export_to_xlsx(admin_client_logged_in, interest):
    response = admin_client_logged_in.get(reverse("interests:index"), {"export": "xlsx"})

    assert response.status_code == 200
    assert "spreadsheetml" in response["Content-Type"]
    rows = xlsx_rows(response)
    assert rows[0] == EXPORT_COLUMNS
    assert rows[1][1:4] == ["Agent de tri (H/F)", "Samira Benali", "06 00 00 12 34"]


def csv_rows(response):
    # Every CSV here (core.spreadsheets): a byte order mark for Excel, and semicolons.
    content = response.getvalue().decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content.removeprefix("\ufeff")), delimiter=";"))


def xlsx_rows(response):
    sheet = load_workbook(io.BytesIO(response.getvalue()), read_only=True).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_interests_exports_neutralise_formulas_typed_by_residents(
    admin_client_logged_in, interest, export
):
    """What a resident typed in « Ça m'intéresse » never runs as a formula in the adviser's
    spreadsheet (issue 12); plain names, phones and messages stay as they were."""
    typed = {
        '=HYPERLINK("http://evil.example","x")': "=1+1",
        "@Samira": "@SUM(A1:A9)",
        "+Samira": "+33 6 12 34 56 78",
        "-Samira": "-2+3",
        "\tSamira": "\t=1+1",
    }
    for name, message in typed.items():
        InterestFactory(offer=interest.offer, name=name, message=message)

    response = admin_client_logged_in.get(reverse("interests:index"), {"export": export})

    assert response.status_code == 200
    rows = csv_rows(response) if export == "csv" else xlsx_rows(response)
    by_name = {row[2]: row for row in rows[1:]}
    assert sorted(by_name) == sorted(["Samira Benali", *(f"'{name}" for name in typed)])
    for name, message in typed.items():
        assert by_name[f"'{name}"][5] == f"'{message}"
    assert by_name["Samira Benali"][3:6] == [
        "06 00 00 12 34",
        None if export == "xlsx" else "",
        "Je suis disponible le matin.",
    ]


def test_an_interest_cannot_be_saved_without_a_phone_or_an_email_in_the_admin(
    admin_client_logged_in, interest
):
    response = admin_client_logged_in.post(
        reverse("interests:edit", args=[interest.pk]),
        {"name": "Samira Benali", "phone": "", "email": "", "message": ""},
    )

    assert response.status_code == 200
    assert "Indiquez un téléphone ou un e-mail." in parse(response).get_text(" ", strip=True)
    interest.refresh_from_db()
    assert interest.phone == "06 00 00 12 34"


@pytest.mark.parametrize(
    ("url_name", "factory_and_text"),
    [
        (
            "wagtailsnippets_organisations_organisation:list",
            (lambda: OrganisationFactory(name="Net'Services 93"), "Net'Services 93"),
        ),
        (
            "wagtailsnippets_reference_sector:list",
            (lambda: TradeFactory(nettoyage=True).sector, "Propreté"),
        ),
        (
            "wagtailsnippets_reference_trade:list",
            (lambda: TradeFactory(nettoyage=True), "Nettoyage de locaux"),
        ),
        (
            "wagtailsnippets_reference_neighbourhood:list",
            (lambda: NeighbourhoodFactory(name="Franc-Moisin"), "Franc-Moisin"),
        ),
    ],
)
def test_the_reference_snippets_are_reachable(admin_client_logged_in, url_name, factory_and_text):
    make, text = factory_and_text
    make()

    response = admin_client_logged_in.get(reverse(url_name))

    assert response.status_code == 200
    assert text in parse(response).get_text(" ", strip=True)


def test_the_admin_menu_leads_to_interests_organisations_and_reference_data(
    admin_client_logged_in,
):
    html = parse(admin_client_logged_in.get(reverse("wagtailadmin_home")))

    # The sidebar is drawn by JavaScript from these props.
    sidebar = html.find("script", id="wagtail-sidebar-props").string
    for label in ["« Ça m'intéresse »", "Organisations", "Référentiels"]:
        assert json.dumps(label)[1:-1] in sidebar or label in sidebar, label
