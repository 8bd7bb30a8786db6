"""The page cache (core.cache): what anonymous visitors get from it, what never goes in it, and
the headers a CDN reads."""

import pytest
from django.core.cache.backends.redis import RedisCache
from django.http import HttpResponse
from django.urls import reverse

from core.cache import PageRedisCache, Status, is_response_shareable
from tests.core.factories import SiteSettingsFactory
from tests.events.factories import EventPageFactory, get_event_index_page
from tests.home.factories import StandardPageFactory, create_site
from tests.offers.factories import OfferPageFactory, get_offer_index_page
from tests.project_holders.factories import ProjectProposalPageFactory

CACHE_STATUS = "X-Wagtail-Cache"
SHARED = "public, max-age=60, s-maxage=300"


@pytest.fixture
def site(db):
    home = create_site()
    SiteSettingsFactory()
    return home


@pytest.fixture
def page(site):
    return StandardPageFactory(parent=site, title="Nos permanences", slug="permanences")


@pytest.fixture
def offer(site):
    """An offer applied for on the employer's site: its page has no form."""
    return OfferPageFactory(
        parent=get_offer_index_page(), title="Cariste", slug="cariste", external_link=True
    )


def publish(page, captured, **changes):
    """Publishes as the editor's « Publier » does; the cache is emptied once it is committed."""
    for name, value in changes.items():
        setattr(page, name, value)
    with captured(execute=True):
        page.save_revision().publish()


def is_private(response):
    return "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


# --- What anonymous visitors get ----------------------------------------------------------------
def test_the_second_anonymous_visit_comes_from_the_cache_without_a_query(
    client, page_cache, page, django_assert_num_queries
):
    first = client.get(page.url)
    assert first[CACHE_STATUS] == "miss"

    with django_assert_num_queries(0):
        second = client.get(page.url)

    assert second[CACHE_STATUS] == "hit"
    assert second.status_code == 200
    assert second.content == first.content
    assert "Nos permanences" in second.content.decode()


@pytest.mark.parametrize("path", ["/", "/offres/", "/evenements/", "/permanences/"])
def test_shared_pages_tell_browsers_and_cdns_how_long_to_keep_them(
    client, page_cache, page, offer, path
):
    get_event_index_page()
    for status in ("miss", "hit"):
        response = client.get(path)
        assert response.status_code == 200
        assert response[CACHE_STATUS] == status
        assert response["Cache-Control"] == SHARED
        # A visitor with cookies (a form's token) gets their own copy from a CDN; the language
        # is in the URL, not in the browser's settings.
        assert response["Vary"] == "Cookie"
        assert not response.has_header("Expires")
        assert not response.cookies


def test_an_offer_applied_for_elsewhere_and_an_event_are_cached(client, page_cache, offer):
    """No form on their pages; their JSON-LD needs no CSP nonce."""
    event = EventPageFactory(parent=get_event_index_page(), title="Forum de l'emploi")

    for url in (offer.url, event.url):
        client.get(url)
        response = client.get(url)
        assert response.status_code == 200
        assert response[CACHE_STATUS] == "hit", url
        assert 'type="application/ld+json"' in response.content.decode()


def test_a_browser_in_another_language_gets_the_same_french_page(client, page_cache, page):
    french = client.get(page.url, HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9,en;q=0.5")
    english_browser = client.get(page.url, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")

    assert english_browser[CACHE_STATUS] == "hit"
    assert english_browser["Content-Language"] == "fr"
    assert english_browser.content == french.content


def test_tracking_parameters_do_not_make_another_copy(client, page_cache, page):
    client.get(page.url)

    response = client.get(page.url + "?utm_source=lettre&utm_campaign=forum")

    assert response[CACHE_STATUS] == "hit"


def test_a_visitor_who_once_saw_a_form_still_gets_the_shared_copy(client, page_cache, page):
    """The form's token cookie says nothing about this page: one copy for everyone."""
    client.get(page.url)
    client.cookies["csrftoken"] = "a" * 32

    response = client.get(page.url)

    assert response[CACHE_STATUS] == "hit"
    assert not response.cookies


# --- Publishing ---------------------------------------------------------------------------------
def test_a_published_change_shows_at_once(
    client, page_cache, page, django_capture_on_commit_callbacks
):
    client.get(page.url)
    assert client.get(page.url)[CACHE_STATUS] == "hit"

    publish(page, django_capture_on_commit_callbacks, title="Nos permanences du samedi")

    response = client.get(page.url)
    assert response[CACHE_STATUS] == "miss"
    assert "Nos permanences du samedi" in response.content.decode()


def test_a_new_offer_is_listed_at_once(
    client, page_cache, offer, django_capture_on_commit_callbacks
):
    client.get("/offres/")
    assert client.get("/offres/")[CACHE_STATUS] == "hit"

    # Published as an editor does: a draft first, then « Publier ».
    new_offer = OfferPageFactory(
        parent=get_offer_index_page(), title="Agent d'entretien", slug="agent", draft=True
    )
    publish(new_offer, django_capture_on_commit_callbacks)

    assert "Agent d&#x27;entretien" in client.get("/offres/").content.decode()


def test_an_unpublished_page_is_gone_at_once(
    client, page_cache, page, django_capture_on_commit_callbacks
):
    client.get(page.url)
    assert client.get(page.url)[CACHE_STATUS] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()

    assert client.get("/permanences/").status_code == 404


def test_a_deleted_page_is_gone_at_once(
    client, page_cache, page, django_capture_on_commit_callbacks
):
    client.get(page.url)

    with django_capture_on_commit_callbacks(execute=True):
        page.delete()

    assert client.get("/permanences/").status_code == 404


def test_a_renamed_employer_shows_at_once_on_the_listing(
    client, page_cache, offer, django_capture_on_commit_callbacks
):
    """Snippets (organisations, sectors, venues…) and site settings empty the cache too."""
    client.get("/offres/")
    employer = offer.employer

    with django_capture_on_commit_callbacks(execute=True):
        employer.name = "Logistique du Canal"
        employer.save()

    response = client.get("/offres/")
    assert response[CACHE_STATUS] == "miss"
    assert "Logistique du Canal" in response.content.decode()


def test_new_site_settings_show_at_once(
    client, page_cache, page, django_capture_on_commit_callbacks
):
    client.get(page.url)

    with django_capture_on_commit_callbacks(execute=True):
        SiteSettingsFactory(phone="01 99 99 99 99")

    assert "01 99 99 99 99" in client.get(page.url).content.decode()


def test_a_change_nobody_sees_keeps_the_cache(
    client, page_cache, page, django_capture_on_commit_callbacks
):
    """A draft is not shown: the cache stays."""
    client.get(page.url)

    with django_capture_on_commit_callbacks(execute=True):
        page.title = "Brouillon"
        page.save_revision()

    assert client.get(page.url)[CACHE_STATUS] == "hit"


# --- Never shared ------------------------------------------------------------------------------
def test_a_signed_in_visitor_never_gets_or_leaves_a_copy(client, page_cache, page, member):
    client.force_login(member)
    signed_in = client.get(page.url)
    assert signed_in[CACHE_STATUS] == "skip"
    assert is_private(signed_in)

    client.logout()
    assert client.get(page.url)[CACHE_STATUS] == "miss"
    assert client.get(page.url)[CACHE_STATUS] == "hit"

    client.force_login(member)
    again = client.get(page.url)
    assert again[CACHE_STATUS] == "skip"
    assert is_private(again)


def test_a_session_or_a_message_keeps_the_visitor_out_of_the_cache(client, page_cache, page):
    client.get(page.url)

    for cookie in ("sessionid", "messages"):
        client.cookies.clear()
        client.cookies[cookie] = "quelque-chose"
        response = client.get(page.url)
        assert response[CACHE_STATUS] == "skip", cookie
        assert is_private(response)


def test_an_open_offer_is_stored_with_its_form(client, page_cache, site):
    """The « Ça m'intéresse » form carries no token (core.csrf): the page is everyone's."""
    offer = OfferPageFactory(parent=get_offer_index_page(), title="Magasinier", slug="magasinier")

    statuses = []
    for _ in range(2):
        response = client.get(offer.url)
        assert 'class="interest-form' in response.content.decode()
        assert 'name="csrfmiddlewaretoken"' not in response.content.decode()
        assert not response.cookies
        assert response["Cache-Control"] == SHARED
        statuses.append(response[CACHE_STATUS])
    assert statuses == ["miss", "hit"]


def test_the_ess_proposal_form_is_stored_until_someone_types_in_it(client, page_cache, site):
    proposal_page = ProjectProposalPageFactory(parent=site)

    statuses = []
    for _ in range(2):
        response = client.get(proposal_page.url)
        assert response.status_code == 200
        assert 'name="csrfmiddlewaretoken"' not in response.content.decode()
        assert response["Cache-Control"] == SHARED
        statuses.append(response[CACHE_STATUS])
    assert statuses == ["miss", "hit"]
    # Sent back with errors, it holds what this person typed: theirs only.
    response = client.post(proposal_page.url, {"project_name": "Une épicerie solidaire"})
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/offres/?secteur=logistique&sans_diplome=1", "hit"),
        ("/offres/?page=2", "hit"),
        ("/evenements/?type=formation", "hit"),
        ("/offres/?q=cariste", "skip"),
        ("/recherche/?q=emploi", "skip"),
    ],
)
def test_filters_are_cached_and_free_text_is_not(client, page_cache, offer, path, status):
    """A filter is one of few choices that links repeat; a search is a visitor's own words."""
    get_event_index_page()
    client.get(path)

    response = client.get(path)

    assert response[CACHE_STATUS] == status
    if status == "skip":
        assert is_private(response)
    else:
        assert response["Cache-Control"] == SHARED


@pytest.mark.parametrize(
    "path", ["/extranet/", "/compte/login/", "/admin/", "/en/compte/login/", "/ar/extranet/"]
)
def test_signed_in_areas_are_never_cached(client, page_cache, site, path):
    for _ in range(2):
        response = client.get(path)
        assert response[CACHE_STATUS] == "skip"
        assert "no-store" in response["Cache-Control"]


def test_the_extranet_is_private_for_its_members(client, page_cache, member):
    client.force_login(member)

    response = client.get(reverse("extranet:home"))

    assert response.status_code == 200
    assert response[CACHE_STATUS] == "skip"
    assert is_private(response)


def test_a_missing_page_is_not_stored(client, page_cache, site):
    """Robots asking for random addresses would push real pages out of the cache."""
    client.get("/nulle-part/")

    response = client.get("/nulle-part/")

    assert response.status_code == 404
    assert response[CACHE_STATUS] == "skip"
    assert is_private(response)


def test_a_page_that_used_the_csp_nonce_is_not_shared(rf):
    """Its scripts carry that response's nonce: another response's header would block them."""
    request = rf.get("/")
    request._page_cache_status = Status.MISS
    response = HttpResponse("<p>Bonjour</p>")
    assert is_response_shareable(request, response)

    request._csp_nonce = "bm9uY2U="

    assert not is_response_shareable(request, response)


def test_with_the_cache_off_nothing_is_shared(client, page_cache, settings, page):
    settings.PAGE_CACHE = False

    response = client.get(page.url)

    assert is_private(response)
    assert not response.has_header(CACHE_STATUS)


# --- Redis (production) ------------------------------------------------------------------------
REDIS_URL = "redis://127.0.0.1:6379/2"


def test_emptying_the_page_cache_leaves_sessions_and_rate_limits_in_redis():
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"no Redis at {REDIS_URL}")

    pages = PageRedisCache(REDIS_URL, {"KEY_PREFIX": "test-page-cache-pages"})
    other = RedisCache(REDIS_URL, {"KEY_PREFIX": "test-page-cache"})
    try:
        other.set("session", "kept", 60)
        for number in range(1500):
            pages.set(f"page-{number}", "<html>", 60)

        pages.clear()

        assert pages.get("page-0") is None
        assert pages.get("page-1499") is None
        assert other.get("session") == "kept"
    finally:
        other.delete("session")
        pages.clear()


# --- What uncached listings take from the cache --------------------------------------------------
def test_a_search_in_the_offers_reads_the_filters_choices_from_the_cache_until_a_publication(
    client, page_cache, offer, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    """Keywords keep the listing out of the page cache, but not its filters' choices (four
    queries, one of them over every current offer); a publication brings the new ones."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as first:
        response = client.get("/offres/?q=cariste")
    assert "Cache-Control" in response and is_private(response)

    with django_assert_max_num_queries(len(first) - 4):
        client.get("/offres/?q=cariste")

    other = OfferPageFactory(parent=get_offer_index_page(), title="Vendeur", commune="Stains")
    publish(other, django_capture_on_commit_callbacks)
    response = client.get("/offres/?q=cariste")
    assert '<option value="Stains">' in response.content.decode()


# --- Query strings ------------------------------------------------------------------------------
def stored_pages():
    """How many entries the page cache holds (the tests' local-memory cache)."""
    from django.conf import settings
    from django.core.cache import caches

    return len(caches[settings.PAGE_CACHE_BACKEND]._cache)


def test_junk_query_strings_add_no_copies_of_a_page(client, page_cache, page):
    """A probe sent 500 requests with a random `?z=`: each one stored another copy."""
    client.get(page.url)
    client.get("/offres/?sans_diplome=1")
    before = stored_pages()

    for number in range(30):
        response = client.get(f"{page.url}?z={number}")
        assert response.status_code == 200
        assert response[CACHE_STATUS] == "skip"
        assert "Nos permanences" in response.content.decode()
        junk_filter = client.get(f"/offres/?sans_diplome=1&fbclid=x&zz{number}=1")
        assert junk_filter[CACHE_STATUS] == "skip"

    assert stored_pages() == before


def test_a_filter_gets_its_own_copy_whatever_the_order_of_its_parameters(client, page_cache, offer):
    assert client.get("/offres/")[CACHE_STATUS] == "miss"
    before = stored_pages()

    first = client.get("/offres/?sans_diplome=1&tri=fin&utm_source=lettre")
    same = client.get("/offres/?tri=fin&utm_medium=mail&sans_diplome=1")

    assert first[CACHE_STATUS] == "miss"
    assert same[CACHE_STATUS] == "hit"
    assert same.content == first.content
    assert stored_pages() > before


def test_every_parameter_a_public_page_reads_is_kept_in_the_cache_key():
    """A name missing here would keep its pages out of the cache (see core.cache)."""
    from core.cache import PAGE_PARAMETERS, UNCACHED_PARAMETERS
    from core.models import EASY_READ_PARAMETER
    from core.templatetags.navigation_tags import MISSING_TRANSLATION_PARAMETER
    from events.views import AUDIENCE_PARAMETER, TYPE_PARAMETER
    from offers.filters import FILTER_PARAMETERS, SORT

    read = {
        *FILTER_PARAMETERS,
        SORT,
        TYPE_PARAMETER,
        AUDIENCE_PARAMETER,
        EASY_READ_PARAMETER,
        MISSING_TRANSLATION_PARAMETER,
        "page",
    }
    assert read - UNCACHED_PARAMETERS <= PAGE_PARAMETERS
