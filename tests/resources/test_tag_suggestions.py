"""The resource form's helps (issue 14): tag suggestions for every tag typed, not only the first;
the organisations of « Organisations choisies » shown with their choice and filtered by name.

The form itself works without JavaScript (a plain text field, plain checkboxes); in Chromium,
static/js/resource-form.js rewrites the <datalist> so that the browser's own list (keyboard and
screen reader included) suggests the tag being typed and keeps the ones before it.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from resources.models import Resource
from tests.resources.factories import ResourceFactory
from tests.resources.test_sharing import form_data

DATALIST = "#etiquettes-existantes option"


def test_the_tags_field_asks_for_the_suggestions_script(client, member, organisation):
    ResourceFactory(organisation=organisation, tags=["accueil"])
    client.force_login(member)

    page = client.get(reverse("resources:create")).content.decode()

    assert "data-tag-suggestions" in page
    assert 'list="etiquettes-existantes"' in page
    assert "js/resource-form.js" in page
    # Without JavaScript: the existing tags as they are, for the first tag.
    assert '<option value="accueil">' in page


def test_without_javascript_tags_typed_with_commas_are_kept(client, member):
    client.force_login(member)

    client.post(
        reverse("resources:create"),
        form_data(tags="aide à l'emploi, mobilité, ", url="https://www.example.org/aides"),
    )

    resource = Resource.objects.get()
    assert sorted(tag.name for tag in resource.tags.all()) == ["aide à l'emploi", "mobilité"]


# --- In Chromium ------------------------------------------------------------------------------


@pytest.fixture
def open_page(playwright, live_server):
    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, fresh_pages

    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    try:
        with fresh_pages(browser, live_server.url) as open_page:
            yield open_page
    finally:
        browser.close()


@pytest.fixture
def signed_in_member(open_page, organisation, other_organisation, member):
    from tests.browser.extranet import sign_in
    from tests.home.factories import create_site
    from tests.organisations.factories import OrganisationFactory

    create_site()
    OrganisationFactory(name="Boulangerie des Remparts")
    OrganisationFactory(name="Jardins partagés du Canal")
    ResourceFactory(organisation=organisation, tags=["accueil", "emploi", "mobilité"], file=False)
    ResourceFactory(organisation=other_organisation, tags=["recrutement"], file=False)
    page = open_page("desktop")
    sign_in(page, member)
    page.goto(reverse("resources:create"))
    return page


def suggestions(page):
    return page.locator(DATALIST).evaluate_all("options => options.map(o => o.value)")


@pytest.mark.browser
def test_every_tag_typed_gets_suggestions_keeping_the_ones_before(signed_in_member):
    page = signed_in_member
    tags = page.get_by_label("Étiquettes")

    tags.press_sequentially("emp")
    assert "emploi, " in suggestions(page)

    tags.fill("")
    tags.press_sequentially("emploi, mob")
    offered = suggestions(page)
    assert "emploi, mobilité, " in offered
    assert "emploi, recrutement, " in offered
    # A tag already entered is not offered again.
    assert "emploi, emploi, " not in offered

    # What was typed before the tag being typed is kept as typed, third tag included.
    tags.fill("")
    tags.press_sequentially("emploi,mobilité ,  ac")
    assert "emploi,mobilité ,  accueil, " in suggestions(page)
    assert not any(value.startswith("emploi,mobilité ,  mobilité") for value in suggestions(page))


@pytest.mark.browser
def test_the_chosen_organisations_show_with_their_choice_and_filter_by_name(signed_in_member):
    page = signed_in_member
    organisations = page.get_by_role("group", name="Organisations qui la verront")

    # Hidden until « Organisations choisies » is chosen.
    expect(organisations).to_be_hidden()
    page.get_by_label("Organisations choisies").check()
    expect(organisations).to_be_visible()
    # One's own organisation is not offered: it always sees it.
    expect(organisations.get_by_label("Régie de quartier des Francs-Moisins")).to_have_count(0)

    organisations.get_by_label("Boulangerie des Remparts").check()
    expect(organisations.get_by_label("Jardins partagés du Canal")).to_be_visible()
    organisations.get_by_label("Filtrer les organisations par leur nom").fill("entrepots")
    expect(organisations.get_by_label("Entrepôts du Canal")).to_be_visible()
    # Ticked ones stay shown; the others are hidden.
    expect(organisations.get_by_label("Boulangerie des Remparts")).to_be_visible()
    expect(organisations.get_by_label("Jardins partagés du Canal")).to_be_hidden()
    expect(organisations).to_contain_text("Organisations affichées : 2")
    # Enter in the filter box filters; it does not send the form.
    organisations.get_by_label("Filtrer les organisations par leur nom").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Partager une ressource")

    page.get_by_label("Tous les membres").check()
    expect(organisations).to_be_hidden()
