"""The page editor offers only the page's language: a French branch page lists the French trades
(once 78 checkboxes mixed French, English and Arabic ones), grouped by sector; an offer accepts
only a trade of its language. Listings and choosers say « Langue » where Wagtail's French says
« Région » (or prints « Locale »), and « Oui »/« Non » where it printed True and False.
"""

import json

import pytest
from bs4 import BeautifulSoup
from django.urls import resolve, reverse
from wagtail.models import Locale, Page
from wagtail.test.utils.form_data import nested_form_data

from reference.viewsets import LanguageChooseView, LanguageIndexView
from tests.offers.factories import BranchIndexPageFactory, get_offer_index_page
from tests.organisations.factories import OrganisationFactory
from tests.reference import test_choosers
from tests.reference.factories import SectorFactory, TradeFactory

pytestmark = pytest.mark.django_db

# A signed-in superuser with two-factor set up, as in the choosers' tests.
superuser_client = test_choosers.superuser_client


def parse(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def in_english(trade, label):
    """The trade's English translation (as wagtail-localize makes it: same translation key)."""
    english = Locale.objects.get(language_code="en")
    sector = SectorFactory(
        name=f"{trade.sector.name} (en)",
        slug=trade.sector.slug,
        locale=english,
        translation_key=trade.sector.translation_key,
    )
    return TradeFactory(
        rome_code=trade.rome_code,
        label=label,
        sector=sector,
        locale=english,
        translation_key=trade.translation_key,
    )


@pytest.fixture
def trades(superuser_client):
    masonry = TradeFactory(maconnerie=True)
    storage = TradeFactory(magasinage=True)
    return {
        "fr": [masonry, storage],
        "en": [in_english(masonry, "Masonry"), in_english(storage, "Warehousing")],
    }


def branch_add_url():
    index = BranchIndexPageFactory()
    return reverse("wagtailadmin_pages:add", args=["offers", "branchpage", index.pk])


def test_a_french_branch_page_offers_only_the_french_trades_grouped_by_sector(
    superuser_client, trades
):
    html = parse(superuser_client.get(branch_add_url()))

    offered = {
        checkbox.find_parent("label").get_text(" ", strip=True)
        for checkbox in html.select("input[name=trades]")
    }
    assert offered == {str(trade) for trade in trades["fr"]}
    legends = [legend.get_text(strip=True) for legend in html.select("#id_trades legend")]
    assert legends == ["Bâtiment et travaux publics", "Logistique et transport"]


def test_a_french_branch_page_refuses_an_english_trade_beside_the_field(superuser_client, trades):
    masonry = trades["fr"][0]
    data = nested_form_data(
        {
            "title": "Le bâtiment",
            "slug": "batiment",
            "sector": masonry.sector_id,
            "key_facts-count": 0,
            "brochures-count": 0,
        }
    )
    data["trades"] = [trades["en"][0].pk]

    response = superuser_client.post(branch_add_url(), data)

    wrapper = parse(response).find(id="id_trades").find_parent(attrs={"data-field-wrapper": True})
    assert "Sélectionnez un choix valide" in wrapper.get_text(" ", strip=True)


def test_an_offer_accepts_only_a_trade_of_its_language(superuser_client, trades):
    index = get_offer_index_page()
    url = reverse("wagtailadmin_pages:add", args=["offers", "offerpage", index.pk])

    response = superuser_client.post(url, nested_form_data({"trade": trades["en"][0].pk}))

    wrapper = parse(response).find(id="id_trade").find_parent(attrs={"data-field-wrapper": True})
    assert "Sélectionnez un choix valide" in wrapper.get_text(" ", strip=True)


def view_as(view_class, request_url, client):
    """The registered view of `request_url`, built from `view_class` with the same settings: what
    the viewset gives once it names view_class (reference.viewsets.TranslatableSnippetViewSet)."""
    match = resolve(request_url.split("?")[0])
    request = client.get(request_url).wsgi_request
    view = view_class.as_view(**match.func.view_initkwargs)
    response = view(request, *match.args, **match.kwargs)
    if hasattr(response, "render"):
        response.render()
    return response


def test_the_trade_chooser_says_langue(superuser_client, trades):
    url = reverse("wagtailsnippetchoosers_reference_trade:choose") + "?locale=fr"

    response = view_as(LanguageChooseView, url, superuser_client)

    html = json.loads(response.content)["html"]
    text = BeautifulSoup(html, "html.parser").get_text(" ", strip=True)
    assert "Langue" in text
    assert "Région" not in text
    assert "Locale" not in text


def test_the_trade_listing_filter_says_langue(superuser_client, trades):
    url = reverse("wagtailsnippets_reference_trade:list") + "?locale=fr"

    response = view_as(LanguageIndexView, url, superuser_client)

    text = BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)
    assert "Langue" in text
    assert "Région" not in text


def test_the_organisations_listing_says_oui_and_non(superuser_client):
    OrganisationFactory(name="Entrepôts du Canal", is_public=True)

    html = parse(superuser_client.get(reverse("wagtailsnippets_organisations_organisation:list")))

    cells = [cell.get_text(strip=True) for cell in html.select("tbody td")]
    assert "Oui" in cells and "Non" in cells
    assert "True" not in cells and "False" not in cells


def test_a_translated_branch_page_shows_its_synchronised_trades_in_its_own_language(trades):
    from offers.models import BranchPage

    # wagtail-localize copies the French page's trades (a synchronised field) to its translation.
    english_page = BranchPage(locale=Locale.objects.get(language_code="en"), trades=trades["fr"])

    assert [str(trade) for trade in english_page.presented_trades()] == [
        "Masonry (F1703)",
        "Warehousing (N1103)",
    ]


def test_the_page_editor_and_the_pages_listing_say_langue(superuser_client, trades):
    # Wagtail's own « Région » (its French « Locale »), reworded by core.wagtail_words.
    home = Page.objects.get(depth=2)
    for url in [
        reverse("wagtailadmin_pages:edit", args=[home.pk]),
        reverse("wagtailadmin_explore", args=[home.get_parent().pk]),
    ]:
        text = parse(superuser_client.get(url)).get_text(" ", strip=True)
        assert "Région" not in text, url
        assert "Langue" in text, url
