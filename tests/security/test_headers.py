"""Every kind of page is sent with the security headers: a strict Content-Security-Policy with a
nonce on the public site and the extranet, a relaxed one only in the Wagtail admin,
Permissions-Policy, Referrer-Policy, nosniff and no framing; production's cookies are Secure,
HttpOnly where no script needs them, and SameSite.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.http import HttpResponse
from django.template import Context, Template
from django.test import override_settings
from django.urls import reverse

from core.csp import CSPMiddleware
from events.registration_views import my_registration_url
from tests.events.factories import EventPageFactory, RegistrationFactory
from tests.extranet.factories import PASSWORD, EditorFactory
from tests.home.factories import StandardPageFactory, create_site
from tests.offers.factories import OfferPageFactory, get_offer_index_page
from tests.project_holders.factories import ProjectHolderFactory, ProjectProposalPageFactory
from tests.resources.factories import ResourceFactory

BASE_DIR = Path(__file__).resolve().parents[2]
EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}


def policy(response, header="Content-Security-Policy"):
    """{directive: [values]} of the response's policy."""
    assert header in response, f"{response.request['PATH_INFO']} has no {header}"
    directives = {}
    for part in response[header].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def assert_strict_policy(response):
    """What the public site and the extranet get: nothing inline but what carries the nonce."""
    csp = policy(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["style-src"] == ["'self'"]
    assert set(csp["img-src"]) == {"'self'", "data:"}
    assert csp["script-src"][0] == "'self'"
    assert all(value == "'self'" or value.startswith("'nonce-") for value in csp["script-src"])
    values = " ".join(" ".join(values) for values in csp.values())
    assert "unsafe-inline" not in values
    assert "unsafe-eval" not in values
    assert_inline_scripts_carry_the_nonce(response, csp)
    assert_other_headers(response)
    return csp


def assert_inline_scripts_carry_the_nonce(response, csp):
    if "html" not in response.get("Content-Type", ""):
        return
    page = BeautifulSoup(response.content, "html.parser")
    nonces = {value[len("'nonce-") : -1] for value in csp["script-src"] if "nonce" in value}
    for script in page.find_all("script"):
        # Data blocks (JSON-LD) are never run: the policy does not apply to them.
        if not script.get("src") and script.get("type", "") in EXECUTABLE_TYPES:
            assert script.get("nonce") in nonces, f"Inline script without the nonce: {script}"
    styled = page.select("[style]")
    assert not styled, f"Inline style attributes: {[str(tag)[:120] for tag in styled]}"
    assert not page.find_all("style"), "Inline <style> element"


def assert_other_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] in {"strict-origin-when-cross-origin", "same-origin"}
    permissions = dict(
        re.fullmatch(r"\s*([a-z-]+)=(.*)", part).groups()
        for part in response["Permissions-Policy"].split(",")
    )
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert permissions[feature] == "()", feature


@pytest.fixture
def site(db):
    home = create_site()
    standard = StandardPageFactory(parent=home, title="Je cherche un emploi")
    offer = OfferPageFactory(title="Agent de propreté (H/F)")
    event = EventPageFactory(registration=True, title="Forum de l'emploi")
    proposal = ProjectProposalPageFactory(parent=home)
    return {
        "home": home,
        "standard": standard,
        "offers": get_offer_index_page(),
        "offer": offer,
        "event": event,
        "occurrence": event.occurrences.get(),
        "proposal": proposal,
    }


PUBLIC_PAGES = {
    "home": lambda site: site["home"].url,
    "standard page": lambda site: site["standard"].url,
    "offer listing": lambda site: site["offers"].url,
    "filtered offer listing": lambda site: f"{site['offers'].url}?q=agent&contrat=cdi&page=1",
    "offer": lambda site: site["offer"].url,
    "agenda": lambda site: site["event"].get_parent().url,
    "event": lambda site: site["event"].url,
    "event registration form": lambda site: site["occurrence"].get_registration_url(),
    "search": lambda site: reverse("search:results") + "?q=emploi",
    "ESS project proposal": lambda site: site["proposal"].url,
    "sign-in": lambda site: reverse("account_login"),
}


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_pages_have_a_strict_policy(client, site, name):
    response = client.get(PUBLIC_PAGES[name](site))
    assert response.status_code == 200
    assert_strict_policy(response)


def test_an_inline_script_runs_with_its_own_nonce(rf):
    """A template that needs an inline script writes `nonce="{{ request.csp_nonce }}"`: the
    header names that nonce, and each response has a new one (a nonce that repeats is no
    secret)."""
    template = Template('<script nonce="{{ request.csp_nonce }}">document.title = "ok";</script>')

    def view(request):
        return HttpResponse(template.render(Context({"request": request})))

    middleware = CSPMiddleware(view)
    nonces = []
    for _ in range(2):
        response = middleware(rf.get("/"))
        [script] = BeautifulSoup(response.content, "html.parser").find_all("script")
        assert f"'nonce-{script['nonce']}'" in policy(response)["script-src"]
        nonces.append(script["nonce"])
    assert nonces[0] != nonces[1]


def test_json_ld_is_a_data_block_that_needs_no_nonce(client, site):
    """The offer's and the event's structured data are never run, so the policy does not apply
    to them: the pages ask for no nonce, and stay cacheable (core.cache)."""
    for page in (site["offer"], site["event"]):
        response = client.get(page.url)
        [script] = BeautifulSoup(response.content, "html.parser").select(
            'script[type="application/ld+json"]'
        )
        json.loads(script.string)
        assert not any("nonce" in value for value in policy(response)["script-src"])


def test_the_registrants_page_sends_its_address_to_no_other_site(client, site):
    """Not "no-referrer", which makes browsers post its cancel form with `Origin: null`: Django
    refuses that (tests/e2e walks it in Chromium)."""
    registration = RegistrationFactory(occurrence=site["occurrence"])
    event = site["event"]
    url = my_registration_url(
        event.url, event, site["occurrence"].local_date.isoformat(), registration
    )
    response = client.get(url)
    assert response.status_code == 200
    assert_strict_policy(response)
    assert response["Referrer-Policy"] == "same-origin"


def test_the_404_page(client, site):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    assert_strict_policy(response)


def test_the_sitemap(client, site):
    response = client.get(reverse("sitemap"))
    assert response.status_code == 200
    assert_strict_policy(response)


def test_extranet_pages_have_a_strict_policy(client, site, member, organisation, coordinator):
    resource = ResourceFactory(organisation=organisation, shared_by=member)
    # Signed in through the form, as two-factor set-up asks for a recent sign-in.
    client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    for url in (
        reverse("extranet:home"),
        reverse("resources:list"),
        reverse("resources:detail", args=[resource.pk]),
        # The QR code is a data: image.
        reverse("mfa_activate_totp"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_strict_policy(response)

    client.force_login(coordinator)
    holder = ProjectHolderFactory(self_registered=True)
    for url in (
        reverse("project_holders:list"),
        reverse("project_holders:detail", args=[holder.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_strict_policy(response)


def test_private_download_is_sandboxed(client, site, member, organisation):
    """The file a member shares is served with a policy that runs nothing, even if it is HTML."""
    resource = ResourceFactory(organisation=organisation, shared_by=member)
    client.force_login(member)
    response = client.get(reverse("resources:download", args=[resource.pk]))
    response.close()
    assert response.status_code == 200
    csp = policy(response)
    assert csp["default-src"] == ["'none'"]
    assert "sandbox" in csp
    assert response["X-Content-Type-Options"] == "nosniff"


def test_anonymous_visitors_of_the_extranet_are_sent_to_sign_in(client, site):
    response = client.get(reverse("extranet:home"))
    assert response.status_code == 302
    assert_strict_policy(response)


def test_the_admin_has_its_own_relaxed_policy(client, site):
    """Wagtail's editors need inline styles and scripts: only under /admin/, and still no
    framing by other sites, no plug-ins, no forms posted elsewhere."""
    client.force_login(EditorFactory(is_superuser=True))
    for url in (
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_pages:edit", args=[site["standard"].pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        csp = policy(response)
        assert "'unsafe-inline'" in csp["style-src"]
        assert "'unsafe-eval'" not in " ".join(" ".join(values) for values in csp.values())
        assert csp["object-src"] == ["'none'"]
        assert csp["form-action"] == ["'self'"]
        assert csp["base-uri"] == ["'self'"]
        assert csp["frame-ancestors"] == ["'self'"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "camera=()" in response["Permissions-Policy"]


@override_settings(
    STATIC_URL="https://cdn.example.org/static/",
    MEDIA_URL="https://medias.example.org/",
)
def test_files_from_another_host_are_allowed_by_the_policy(client, site):
    """With a CDN for static files and a bucket for images, the policy names those hosts."""
    csp = policy(client.get(site["home"].url))
    assert "https://cdn.example.org" in csp["script-src"]
    assert "https://cdn.example.org" in csp["style-src"]
    assert "https://medias.example.org" in csp["img-src"]
    assert "https://medias.example.org" not in csp["script-src"]


# --- Production's cookies ------------------------------------------------------------------------
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "production-check-key-" + "x" * 40,
    "ALLOWED_HOSTS": "www.example.org",
    "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",
    "EMAIL_URL": "smtp://127.0.0.1:25",
}
PRINT_SETTINGS = """
import django, json
django.setup()
from django.conf import settings
names = [
    "SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SECURE", "CSRF_COOKIE_HTTPONLY", "CSRF_COOKIE_SAMESITE",
    "LANGUAGE_COOKIE_SECURE", "LANGUAGE_COOKIE_HTTPONLY", "LANGUAGE_COOKIE_SAMESITE",
    "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_CONTENT_TYPE_NOSNIFF",
    "X_FRAME_OPTIONS", "SECURE_REFERRER_POLICY", "DEBUG", "MIDDLEWARE",
]
print(json.dumps({name: getattr(settings, name) for name in names}))
"""


@pytest.fixture(scope="module")
def production_settings():
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DEBUG"}
    }
    environment.update(PRODUCTION_ENV, PYTHONPATH=str(BASE_DIR / "site"))
    result = subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_cookies_are_secure(production_settings):
    for cookie in ("SESSION", "CSRF", "LANGUAGE"):
        assert production_settings[f"{cookie}_COOKIE_SECURE"] is True, cookie
        assert production_settings[f"{cookie}_COOKIE_HTTPONLY"] is True, cookie
        assert production_settings[f"{cookie}_COOKIE_SAMESITE"] == "Lax", cookie


def test_production_sends_the_headers(production_settings):
    assert production_settings["DEBUG"] is False
    assert production_settings["SECURE_SSL_REDIRECT"] is True
    assert production_settings["SECURE_HSTS_SECONDS"] >= 60 * 60 * 24 * 180
    assert production_settings["SECURE_CONTENT_TYPE_NOSNIFF"] is True
    assert production_settings["X_FRAME_OPTIONS"] == "DENY"
    assert production_settings["SECURE_REFERRER_POLICY"] == "strict-origin-when-cross-origin"
    assert "core.csp.CSPMiddleware" in production_settings["MIDDLEWARE"]
    assert (
        "django_permissions_policy.PermissionsPolicyMiddleware" in production_settings["MIDDLEWARE"]
    )


def test_language_cookie_set_by_the_switcher_is_not_readable_by_scripts(client, site):
    with override_settings(LANGUAGE_COOKIE_SECURE=True):
        response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie["httponly"]
    assert cookie["secure"]
    assert cookie["samesite"] == "Lax"
