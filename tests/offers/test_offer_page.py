"""An offer's page as a resident reads it: the facts, the easy-read box, and closed offers."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

from offers.enums import FrenchLevel
from tests.core.factories import SiteSettingsFactory
from tests.home.factories import create_site
from tests.offers.factories import OfferPageFactory
from tests.organisations.factories import OrganisationFactory
from tests.queries import PUBLIC_PAGE_BUDGET, count_queries
from tests.reference.factories import NeighbourhoodFactory, TradeFactory

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
TODAY = datetime.datetime(2026, 3, 2, 9, 30, tzinfo=PARIS)


@pytest.fixture
def site(time_machine):
    time_machine.move_to(TODAY, tick=False)
    home = create_site()
    SiteSettingsFactory()
    return home


def parse(response):
    return BeautifulSoup(response.content, "html.parser")


def text(element):
    """What a reader sees, with the narrow spaces of French number formats made plain."""
    return " ".join(element.get_text(" ", strip=True).replace("\u202f", " ").split())


def facts(response):
    """The key facts as {term: description}."""
    facts_list = parse(response).select_one("dl.offer-facts")
    return {text(term): text(term.find_next_sibling("dd")) for term in facts_list.find_all("dt")}


def has_form(response):
    return parse(response).select_one("form.interest-form") is not None


def has_json_ld(response):
    return parse(response).find("script", type="application/ld+json") is not None


# --- An open offer ----------------------------------------------------------------------------
def test_the_key_facts_are_a_definition_list(client, site):
    offer = OfferPageFactory(
        title="Agent d'entretien (H/F)",
        employer=OrganisationFactory(name="Propreté Services"),
        fixed_term=True,
        part_time=True,
        schedule="Tôt le matin, du lundi au vendredi",
        salary_min=Decimal("12.02"),
        salary_max=Decimal("13.50"),
        salary_period="heure",
        address="8 avenue Jean-Jaurès",
        postal_code="93200",
        commune="Saint-Denis",
        neighbourhood=NeighbourhoodFactory(name="Franc-Moisin"),
        transport_access="Métro ligne 13, arrêt Porte de Paris",
        start_date=datetime.date(2026, 4, 1),
        positions=2,
        no_diploma_required=True,
        beginners_welcome=True,
        driving_licence_required=True,
        vehicle_required=True,
        french_level=FrenchLevel.SPOKEN,
        open_to_disabled_workers=True,
    )

    response = client.get(offer.url)
    shown = facts(response)

    assert response.status_code == 200
    assert text(parse(response).h1) == "Agent d'entretien (H/F)"
    assert shown["Employeur"] == "Propreté Services"
    assert shown["Contrat"] == "CDD Durée : 6 mois"
    assert shown["Temps de travail"] == (
        "Temps partiel 24 heures par semaine Horaires : Tôt le matin, du lundi au vendredi"
    )
    assert shown["Salaire"] == "De 12,02 € à 13,50 € brut de l'heure"
    assert (
        shown["Lieu de travail"] == "8 avenue Jean-Jaurès 93200 Saint-Denis Quartier : Franc-Moisin"
    )
    assert shown["Transports en commun"] == "Métro ligne 13, arrêt Porte de Paris"
    assert shown["Début"] == "1 avril 2026"
    assert shown["Nombre de postes"] == "2"
    needs = shown["Ce qu'il faut"]
    for need in (
        "Pas besoin de diplôme",
        "Débutant accepté",
        "Permis B demandé",
        "Il faut avoir un véhicule",
        "Niveau de français : Comprendre et parler le français",
        "Ouvert aux travailleurs handicapés (RQTH)",
    ):
        assert need in needs


def test_without_a_start_date_or_salary(client, site):
    offer = OfferPageFactory(start_date=None, without_salary=True)

    shown = facts(client.get(offer.url))

    assert shown["Début"] == "Dès que possible"
    assert "Salaire" not in shown
    assert "Pas besoin du permis de conduire" in shown["Ce qu'il faut"]


def test_the_description_employer_reference_and_dates(client, site):
    offer = OfferPageFactory(reference="PEE-0042", expiry_date=datetime.date(2026, 4, 30))

    page = parse(client.get(offer.url))

    assert "Vous préparez les commandes" in text(page.select_one(".prose"))
    about = text(page.select_one(".offer-about"))
    assert "PEE-0042" in about
    assert "Publiée le 2 mars 2026" in about
    assert "Offre visible jusqu'au 30 avril 2026" in about


def test_an_anonymous_employer_is_never_named(client, site):
    offer = OfferPageFactory(
        employer=OrganisationFactory(name="Entrepôts Secrets"), anonymous_employer=True
    )

    response = client.get(offer.url)

    assert facts(response)["Employeur"] == "Une entreprise de la filière Logistique et transport"
    assert "Entrepôts Secrets" not in response.content.decode()


def test_the_easy_read_version_replaces_the_description_when_chosen(client, site):
    offer = OfferPageFactory(easy_read_version=True)
    page = parse(client.get(offer.url))
    switch = page.select_one(".easy-read-switch a")
    assert text(switch) == "Facile à lire"
    assert page.select_one(".easy-read") is None

    easy = parse(client.get(switch["href"].split("#")[0]))
    assert "Vous travaillez dans un entrepôt." in text(easy.select_one(".easy-read"))
    assert easy.select_one("#le-travail") is None
    # The facts and the form stay: the easy version is the same page, more simply said.
    assert easy.select_one(".offer-facts") is not None
    assert easy.select_one("form.interest-form") is not None
    assert easy.html["lang"] == page.html["lang"] == "fr"
    assert text(easy.select_one(".easy-read-switch a")) == "Voir la version complète"


def test_no_easy_read_switch_without_an_easy_read_version(client, site):
    offer = OfferPageFactory(easy_read="")
    page = parse(client.get(f"{offer.url}?lecture=facile"))
    assert page.select_one(".easy-read-switch") is None
    assert page.select_one("#le-travail") is not None


def test_an_open_offer_has_the_form_and_no_notice(client, site):
    offer = OfferPageFactory()

    response = client.get(offer.url)

    assert has_form(response)
    assert has_json_ld(response)
    assert parse(response).select_one(".offer-notice") is None
    assert parse(response).select_one('a[href="#postuler"]')
    assert parse(response).find("meta", attrs={"name": "robots"}) is None


# --- Other ways to apply ----------------------------------------------------------------------
def test_an_external_link_replaces_the_form(client, site):
    offer = OfferPageFactory(external_link=True, how_to_apply="Préparez un CV d'une page.")

    response = client.get(offer.url)
    apply = parse(response).select_one("#postuler")

    assert not has_form(response)
    assert apply.find("a", href="https://recrutement.example.org/offres/1234")
    assert "Préparez un CV d'une page." in text(apply)
    assert "01 23 45 67 89" in text(apply)


def test_an_email_address_replaces_the_form(client, site):
    offer = OfferPageFactory(by_email=True, title="Vendeur (H/F)")

    response = client.get(offer.url)
    link = parse(response).select_one("#postuler a.offer-apply__email")

    assert not has_form(response)
    assert (
        link["href"]
        == "mailto:recrutement@example.org?subject=Candidature%20%3A%20Vendeur%20%28H/F%29"
    )
    assert text(link) == "recrutement@example.org"


# --- Closed offers ----------------------------------------------------------------------------
def test_an_offer_unpublished_by_the_cron_stays_with_a_notice(client, site, time_machine):
    trade = TradeFactory(magasinage=True)
    offer = OfferPageFactory(
        title="Cariste (H/F)", trade=trade, expiry_date=datetime.date(2026, 3, 10)
    )
    assert has_form(client.get(offer.url))

    time_machine.move_to(datetime.datetime(2026, 3, 11, 0, 5, tzinfo=PARIS), tick=False)
    call_command("publish_scheduled")
    offer.refresh_from_db()
    response = client.get(offer.url)
    notice = parse(response).select_one(".offer-notice")

    assert not offer.live
    assert response.status_code == 200
    assert text(notice.h2) == "Offre expirée"
    assert "Vous ne pouvez plus y répondre" in text(notice)
    assert not has_form(response)
    assert not has_json_ld(response)
    assert parse(response).select_one("#postuler") is None
    assert parse(response).find("meta", attrs={"name": "robots", "content": "noindex"})
    assert "Date limite 10 mars 2026" in text(parse(response).select_one(".offer-about"))


def test_an_offer_past_its_date_says_so_before_the_cron_runs(client, site):
    offer = OfferPageFactory(expired=True)

    response = client.get(offer.url)

    assert text(parse(response).select_one(".offer-notice h2")) == "Offre expirée"
    assert not has_form(response)
    assert not has_json_ld(response)


def test_a_filled_offer_says_the_position_is_filled(client, site):
    offer = OfferPageFactory(filled=True)

    response = client.get(offer.url)
    notice = parse(response).select_one(".offer-notice")

    assert response.status_code == 200
    assert text(notice.h2) == "Poste pourvu"
    assert "Une personne a été recrutée pour ce poste" in text(notice)
    assert not has_form(response)
    assert not has_json_ld(response)


def test_a_closed_offer_leads_to_similar_current_offers(client, site):
    magasinage = TradeFactory(magasinage=True)
    other_logistics_trade = TradeFactory(sector=magasinage.sector, label="Conduite de chariot")
    closed = OfferPageFactory(filled=True, trade=magasinage)
    same_trade = OfferPageFactory(trade=magasinage, title="Magasinier (H/F)")
    same_sector = OfferPageFactory(trade=other_logistics_trade, title="Cariste (H/F)")
    OfferPageFactory(trade=TradeFactory(nettoyage=True), title="Agent de propreté (H/F)")
    OfferPageFactory(trade=magasinage, expired=True, title="Expirée aussi (H/F)")

    notice = parse(client.get(closed.url)).select_one(".offer-notice")
    card_titles = [text(title) for title in notice.select(".card__title")]

    assert notice.find("a", href="/offres/?secteur=logistique")
    # Same trade first, then the same sector; never another sector, never a closed offer.
    assert card_titles == ["Magasinier (H/F)", "Cariste (H/F)"]
    assert notice.find("a", href=same_trade.url)
    assert notice.find("a", href=same_sector.url)


def test_at_most_three_similar_offers(client, site):
    trade = TradeFactory(magasinage=True)
    closed = OfferPageFactory(filled=True, trade=trade)
    OfferPageFactory.create_batch(5, trade=trade)

    notice = parse(client.get(closed.url)).select_one(".offer-notice")

    assert len(notice.select(".card")) == 3


# --- Performance ------------------------------------------------------------------------------
def test_the_open_offer_page_runs_a_fixed_number_of_queries(client, site):
    offer = OfferPageFactory(neighbourhood=NeighbourhoodFactory(), easy_read_version=True)
    few = count_queries(client, offer.url)

    OfferPageFactory.create_batch(8)
    many = count_queries(client, offer.url)

    assert few == many
    assert many <= PUBLIC_PAGE_BUDGET


def test_a_closed_offer_page_runs_a_fixed_number_of_queries_whatever_the_cards(client, site):
    trade = TradeFactory(magasinage=True)
    closed = OfferPageFactory(filled=True, trade=trade)
    OfferPageFactory(trade=trade, neighbourhood=NeighbourhoodFactory())
    one_card = count_queries(client, closed.url)

    OfferPageFactory.create_batch(4, trade=trade, neighbourhood=NeighbourhoodFactory())
    three_cards = count_queries(client, closed.url)

    assert one_card == three_cards
    assert three_cards <= PUBLIC_PAGE_BUDGET
