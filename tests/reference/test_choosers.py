"""The admin's choosers for trades, sectors, neighbourhoods, employers and venues: an editor types
a few letters in the search box and picks the result.

What once failed: the page editor opens a chooser in the page's language (`?locale=fr`,
Wagtail's ACTIVE_CONTENT_LOCALE), so the search ran on a queryset filtered by locale, and models
whose search fields did not declare `locale` answered a 500 (« Cannot filter search results with
field "locale_id" »); the neighbourhoods had no autocomplete field (only whole words found); the
venue chooser had no search box (venues are not in the search index); on SQLite, the trade and
organisation listings' search named fields that backend cannot search (« no such column »).
"""

import pytest
from django.urls import reverse
from wagtail.snippets.models import get_snippet_models

from tests.events.factories import VenueFactory
from tests.extranet.factories import EditorFactory, activate_totp
from tests.home.factories import create_site
from tests.organisations.factories import OrganisationFactory, valid_siret
from tests.reference.factories import NeighbourhoodFactory, SectorFactory, TradeFactory

pytestmark = pytest.mark.django_db

# (chooser's URL namespace, makes the object to find, makes another, what the editor types)
CHOOSERS = {
    "trade": (
        "wagtailsnippetchoosers_reference_trade",
        lambda: TradeFactory(magasinage=True),
        lambda: TradeFactory(nettoyage=True),
        "magas",
    ),
    "sector": (
        "wagtailsnippetchoosers_reference_sector",
        lambda: SectorFactory(logistique=True),
        lambda: SectorFactory(proprete=True),
        "logist",
    ),
    "neighbourhood": (
        "wagtailsnippetchoosers_reference_neighbourhood",
        lambda: NeighbourhoodFactory(name="Franc-Moisin", commune="Saint-Denis"),
        lambda: NeighbourhoodFactory(name="La Source", commune="Bobigny"),
        "franc",
    ),
    "organisation": (
        "wagtailsnippetchoosers_organisations_organisation",
        lambda: OrganisationFactory(name="Logistique Plaine Commune"),
        lambda: OrganisationFactory(name="Propreté Services 93"),
        "logist",
    ),
    "venue": (
        "wagtailsnippetchoosers_events_venue",
        lambda: VenueFactory(name="Maison des associations", commune="Saint-Denis"),
        lambda: VenueFactory(name="Médiathèque Ulysse", commune="Saint-Denis"),
        "maison",
    ),
}


@pytest.fixture
def editor_client(client):
    create_site()
    editor = EditorFactory()
    activate_totp(editor)
    client.force_login(editor)
    return client


@pytest.mark.parametrize("chooser", CHOOSERS)
@pytest.mark.parametrize("view", ["choose", "choose_results"])
def test_an_editor_finds_what_they_type_in_a_choosers_search_box(editor_client, chooser, view):
    namespace, wanted, other, typed = CHOOSERS[chooser]
    found, not_found = wanted(), other()

    # As the page editor opens it: in the page's language.
    response = editor_client.get(reverse(f"{namespace}:{view}"), {"q": typed, "locale": "fr"})

    assert response.status_code == 200
    if view == "choose":
        html = response.json()["html"]
        assert 'name="q"' in html, "the chooser has no search box"
    else:
        html = response.content.decode()
    assert str(found) in html
    assert str(not_found) not in html


LISTINGS = {
    "trade": "wagtailsnippets_reference_trade:list",
    "sector": "wagtailsnippets_reference_sector:list",
    "neighbourhood": "wagtailsnippets_reference_neighbourhood:list",
    "organisation": "wagtailsnippets_organisations_organisation:list",
    "venue": "wagtailsnippets_events_venue:list",
}


@pytest.fixture
def superuser_client(client, django_user_model):
    create_site()
    superuser = django_user_model.objects.create_superuser(
        username="coordination@example.org", email="coordination@example.org", password="x"
    )
    activate_totp(superuser)
    client.force_login(superuser)
    return client


@pytest.mark.parametrize("chooser", CHOOSERS)
def test_the_snippet_listings_search_box_finds_what_is_typed(superuser_client, chooser):
    _namespace, wanted, other, typed = CHOOSERS[chooser]
    found, not_found = wanted(), other()

    response = superuser_client.get(reverse(LISTINGS[chooser]), {"q": typed, "locale": "fr"})

    assert response.status_code == 200
    html = response.content.decode()
    assert shown(found, html)
    assert not shown(not_found, html)


# What else people type in a listing's search box: a trade's ROME code, a company's SIRET.
BY_CODE = {
    "trade": (lambda: TradeFactory(magasinage=True), lambda: TradeFactory(nettoyage=True), "N1103"),
    "organisation": (
        lambda: OrganisationFactory(name="Logistique Plaine Commune", siret=valid_siret(4242)),
        lambda: OrganisationFactory(name="Propreté Services 93"),
        valid_siret(4242),
    ),
}


@pytest.mark.parametrize("chooser", BY_CODE)
def test_the_listing_and_the_chooser_find_a_trade_or_an_organisation_by_its_code(
    superuser_client, chooser
):
    wanted, other, typed = BY_CODE[chooser]
    found, not_found = wanted(), other()

    for url in (reverse(LISTINGS[chooser]), reverse(f"{CHOOSERS[chooser][0]}:choose_results")):
        response = superuser_client.get(url, {"q": typed, "locale": "fr"})

        assert response.status_code == 200
        html = response.content.decode()
        assert shown(found, html), url
        assert not shown(not_found, html), url


def shown(obj, html):
    """Whether the listing (its name column) or the chooser (its whole name) shows `obj`."""
    return any(text and text in html for text in (str(obj), getattr(obj, "name", "")))


@pytest.mark.parametrize(
    "address",
    ["chosen/abc/", "chosen/1.5/", "chosen-multiple/?id=abc&id=1"],
    ids=["letters", "decimal", "multiple"],
)
def test_every_snippet_chooser_answers_404_to_a_malformed_id(superuser_client, address):
    # Wagtail's own chooser lets a non-numeric id reach the database: a 500 (core.viewsets).
    for model in get_snippet_models():
        url = f"/admin/snippets/choose/{model._meta.app_label}/{model._meta.model_name}/{address}"
        assert superuser_client.get(url).status_code == 404, url
