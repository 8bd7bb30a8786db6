"""A resident finds an offer on a cheap phone and says « Ça m'intéresse »; axe finds nothing wrong.

The live server flushes the database after each test: the offers are built again for each one,
with the factories, on top of the conftest's small site.
"""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

NEIGHBOURHOOD_CHOICE = "Franc-Moisin (Saint-Denis)"


@pytest.fixture
def offers_site(site_pages):
    """The conftest's site, with offers that the filters tell apart and a branch presentation."""
    from tests.offers.factories import BranchPageFactory, OfferPageFactory, get_offer_index_page
    from tests.reference.factories import NeighbourhoodFactory, TradeFactory

    franc_moisin = NeighbourhoodFactory(name="Franc-Moisin", commune="Saint-Denis")
    floreal = NeighbourhoodFactory(name="Floréal", commune="Saint-Denis")
    cleaning = TradeFactory(nettoyage=True)
    warehouse = TradeFactory(magasinage=True)
    index = get_offer_index_page()
    the_one = OfferPageFactory(
        title="Agent d'entretien (H/F)",
        trade=cleaning,
        neighbourhood=franc_moisin,
        no_diploma=True,
        beginner=True,
        easy_read_version=True,
    )
    # Without a diploma but elsewhere; in the neighbourhood but with a diploma.
    OfferPageFactory(title="Cariste (H/F)", trade=warehouse, neighbourhood=floreal, no_diploma=True)
    OfferPageFactory(title="Comptable (H/F)", trade=warehouse, neighbourhood=franc_moisin)
    expired = OfferPageFactory(
        title="Magasinier (H/F)", trade=warehouse, neighbourhood=franc_moisin, closed_by_cron=True
    )
    filled = OfferPageFactory(
        title="Agent de tri (H/F)", trade=warehouse, no_diploma=True, filled=True
    )
    branch = BranchPageFactory(trades=[warehouse], with_video=True)
    return {
        "index": index,
        "offer": the_one,
        "expired": expired,
        "filled": filled,
        "branch": branch,
        "branch_index": branch.get_parent(),
    }


def filter_no_diploma_in_franc_moisin(page):
    """What a resident does on /offres/: open the filters, tick, choose, send."""
    filters = page.locator("details.offer-filters__more")
    if filters.get_attribute("open") is None:
        filters.locator("summary").click()
    page.get_by_label("Sans diplôme", exact=True).check()
    page.get_by_label("Quartier", exact=True).select_option(label=NEIGHBOURHOOD_CHOICE)
    page.get_by_role("button", name="Voir les offres").click()


def send_interest(page, name="Samira Benali", phone="06 12 34 56 78"):
    page.get_by_label("Votre nom").fill(name)
    page.get_by_label("Votre téléphone").fill(phone)
    page.get_by_label(re.compile("^J'accepte que la Plateforme")).check()
    page.get_by_role("button", name="Envoyer ma demande").click()


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_a_resident_filters_opens_an_offer_and_says_it_interests_her(
    new_page, offers_site, javascript
):
    from offers.models import Interest

    offer = offers_site["offer"]
    page = new_page("phone", javascript=javascript)

    page.goto(offers_site["index"].url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Offres d'emploi")
    filter_no_diploma_in_franc_moisin(page)

    expect(page).to_have_url(re.compile(r"sans_diplome=1"))
    expect(page).to_have_url(re.compile(r"quartier=franc-moisin"))
    results = page.locator("ul.offer-cards")
    expect(results.get_by_role("link")).to_have_count(1)
    expect(page.locator("#resultats")).to_have_text("1 offre")
    results.get_by_role("link", name="Agent d'entretien (H/F)").click()

    expect(page).to_have_url(re.compile(re.escape(offer.url) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Agent d'entretien (H/F)")
    send_interest(page)

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Merci, votre demande est bien envoyée"
    )
    expect(page.get_by_role("link", name="Agent d'entretien (H/F)")).to_be_visible()
    interest = Interest.objects.get()
    assert interest.offer_id == offer.pk
    assert interest.name == "Samira Benali"
    assert interest.phone == "06 12 34 56 78"


def test_a_mistake_in_the_form_is_explained_and_what_was_typed_is_kept(new_page, offers_site):
    from offers.models import Interest

    page = new_page("phone")
    page.goto(offers_site["offer"].url)

    page.get_by_label("Votre nom").fill("Samira Benali")
    page.get_by_role("button", name="Envoyer ma demande").click()

    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("heading")).to_have_text("Il y a 2 erreurs dans le formulaire")
    expect(page.get_by_label("Votre nom")).to_have_value("Samira Benali")
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("Votre téléphone")).to_be_focused()
    assert not Interest.objects.exists()

    page.get_by_label("Votre téléphone").fill("06 12 34 56 78")
    page.get_by_label(re.compile("^J'accepte que la Plateforme")).check()
    page.get_by_role("button", name="Envoyer ma demande").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Merci, votre demande est bien envoyée"
    )
    assert Interest.objects.get().name == "Samira Benali"


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_an_expired_offer_says_so_and_offers_no_form(new_page, offers_site, javascript):
    page = new_page("phone", javascript=javascript)

    response = page.goto(offers_site["expired"].url)

    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("Magasinier (H/F)")
    expect(page.get_by_text("Offre expirée").first).to_be_visible()
    expect(page.get_by_role("button", name="Envoyer ma demande")).to_have_count(0)


# --- Accessibility -------------------------------------------------------------------------------
def listing(page, site):
    page.goto(site["index"].url)


def filtered_listing(page, site):
    page.goto(site["index"].url)
    filter_no_diploma_in_franc_moisin(page)
    expect(page.locator("ul.offer-cards").get_by_role("link")).to_have_count(1)


def listing_without_results(page, site):
    page.goto(site["index"].url + "?q=xylophone")


def listing_with_an_unknown_choice(page, site):
    page.goto(site["index"].url + "?secteur=ancienne-filiere&quartier=nulle-part")


def offer(page, site):
    page.goto(site["offer"].url)


def interest_form_with_errors(page, site):
    page.goto(site["offer"].url)
    page.get_by_role("button", name="Envoyer ma demande").click()
    expect(page.locator(".error-summary")).to_be_visible()


def interest_sent(page, site):
    page.goto(site["offer"].url)
    send_interest(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Merci, votre demande est bien envoyée"
    )


def expired_offer(page, site):
    page.goto(site["expired"].url)


def filled_offer(page, site):
    page.goto(site["filled"].url)


def branch_page(page, site):
    page.goto(site["branch"].url)


def branch_index(page, site):
    page.goto(site["branch_index"].url)


PAGES = {
    "listing": listing,
    "listing with filters": filtered_listing,
    "listing without results": listing_without_results,
    "listing with an unknown choice": listing_with_an_unknown_choice,
    "offer": offer,
    "interest form with errors": interest_form_with_errors,
    "interest sent": interest_sent,
    "expired offer": expired_offer,
    "filled offer": filled_offer,
    "branch page": branch_page,
    "branch index": branch_index,
}


# The phone is what residents have; the wider layout is checked on the pages the issue names.
ON_DESKTOP_TOO = [
    "listing",
    "listing with filters",
    "offer",
    "interest form with errors",
    "expired offer",
    "branch page",
]
CASES = [("phone", name) for name in PAGES] + [("desktop", name) for name in ON_DESKTOP_TOO]


@pytest.mark.parametrize(("viewport", "page_name"), CASES)
def test_no_accessibility_violation(
    new_page, offers_site, assert_no_axe_violations, viewport, page_name
):
    page = new_page(viewport)

    PAGES[page_name](page, offers_site)

    expect(page.locator("main h1")).to_have_count(1)
    assert_no_axe_violations(page)
