"""Under the real Content-Security-Policy, in Chromium, nothing the pages need is blocked.

Each page records the browser's `securitypolicyviolation` events (from before its first script)
and its console errors: the home page, an offer with its JSON-LD, an event page with « Écouter »
(whose script must have run: the button shows), the extranet's home signed in, and the Wagtail
admin's dashboard, page editor and its preview, image chooser, image upload (its thumbnails are
blob: images), focal point editor and wagtail-localize's translation editor, under the admin's
relaxed policy.
"""

import json
import re

import pytest
from django.conf import settings as django_settings
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# The smallest PNG image: one transparent pixel.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push({
    directive: event.violatedDirective,
    blocked: event.blockedURI,
    source: event.sourceFile,
    line: event.lineNumber,
    sample: event.sample,
  });
});
"""


def watch(page):
    """Record violations and console errors (« Refused to … ») of every page this tab opens."""
    page.add_init_script(RECORD_VIOLATIONS)
    errors = []
    page.on(
        "console",
        lambda message: errors.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def assert_nothing_blocked(page, errors):
    violations = []
    for frame in page.frames:
        try:
            violations.extend(frame.evaluate("window.cspViolations || []"))
        except Exception:  # noqa: S112 (a frame gone away records nothing more)
            continue
    blocked = [error for error in errors if "Content Security Policy" in error]
    assert not violations, f"{page.url}:\n" + json.dumps(violations, indent=1)
    assert not blocked, f"{page.url}:\n" + "\n".join(blocked)
    header_errors = [error for error in errors if "Permissions-Policy" in error]
    assert not header_errors, header_errors


def sign_in(page, live_server, user):
    from tests.clients import SignInClient

    client = SignInClient()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": django_settings.SESSION_COOKIE_NAME,
                "value": client.cookies[django_settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


@pytest.fixture
def pages(site_pages):
    from tests.events.factories import EventPageFactory
    from tests.offers.factories import OfferPageFactory

    offer = OfferPageFactory(title="Agent de propreté (H/F)")
    event = EventPageFactory(registration=True, title="Forum de l'emploi de Saint-Denis")
    return {**site_pages, "offer": offer, "event": event}


def test_public_pages_run_under_the_policy(new_page, pages):
    page = new_page("phone")
    errors = watch(page)

    page.goto("/")
    assert page.get_by_role("heading", level=1).is_visible()
    assert_nothing_blocked(page, errors)

    page.goto(pages["offer"].url)
    assert page.locator('script[type="application/ld+json"]').count() == 1
    assert_nothing_blocked(page, errors)

    page.goto(pages["event"].url)
    assert page.locator('script[type="application/ld+json"]').count() == 1
    # listen.js ran: it shows the button only once it has found speech synthesis.
    page.wait_for_function("window.listenButtonsReady === true")
    assert page.get_by_role("button", name="Écouter").is_visible()
    assert_nothing_blocked(page, errors)

    page.get_by_role("link", name="M'inscrire", exact=True).first.click()
    expect(page).to_have_url(re.compile(r"/inscription/"))
    assert_nothing_blocked(page, errors)


def test_the_extranet_runs_under_the_policy(new_page, live_server, pages):
    from tests.extranet.factories import MembershipFactory
    from tests.organisations.factories import OrganisationFactory

    member = MembershipFactory(organisation=OrganisationFactory(name="Régie de quartier")).user
    page = new_page("desktop")
    errors = watch(page)
    page.goto("/compte/login/")
    assert_nothing_blocked(page, errors)

    sign_in(page, live_server, member)
    page.goto("/extranet/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Espace membres")
    assert_nothing_blocked(page, errors)
    page.goto("/extranet/ressources/")
    assert_nothing_blocked(page, errors)


def test_the_wagtail_admin_runs_under_its_policy(new_page, live_server, pages):
    from wagtail.models import Locale
    from wagtail_localize.models import Translation, TranslationSource

    from tests.extranet.factories import EditorFactory

    editor = EditorFactory(is_superuser=True)
    page = new_page("desktop")
    errors = watch(page)
    sign_in(page, live_server, editor)

    page.goto("/admin/")
    assert page.locator("main").is_visible()
    assert_nothing_blocked(page, errors)

    # The page editor, with its rich text (Draftail), StreamField and preview panel.
    every_block = pages["every_block"]
    page.goto(f"/admin/pages/{every_block.pk}/edit/")
    page.wait_for_selector(".Draftail-Editor")
    assert_nothing_blocked(page, errors)
    page.locator('[data-side-panel-toggle="preview"]').click()
    page.wait_for_selector("iframe")
    page.wait_for_timeout(1_000)
    assert_nothing_blocked(page, errors)

    # The image chooser, opened from the page editor's image field.
    page.goto(f"/admin/pages/{pages['jobs'].pk}/edit/")
    # Through the DOM: the image field may sit in a tab that is not shown.
    page.evaluate("document.querySelector('[data-chooser-action-choose]').click()")
    page.wait_for_selector(".modal-dialog")
    page.wait_for_timeout(500)
    assert_nothing_blocked(page, errors)

    # Uploading images (thumbnails drawn in the browser) and an image's focal point editor.
    page.goto("/admin/images/multiple/add/")
    page.set_input_files("#fileupload", [{"name": "a.png", "mimeType": "image/png", "buffer": PNG}])
    page.wait_for_selector("#upload-list li")
    page.wait_for_timeout(500)
    assert_nothing_blocked(page, errors)
    page.goto(f"/admin/images/{pages['sponsorship'].listing_image_id}/")
    page.wait_for_selector(".focal-point-chooser, [data-focal-point-chooser], img")
    assert_nothing_blocked(page, errors)

    # wagtail-localize's translation editor (a React application).
    source, _created = TranslationSource.get_or_create_from_instance(pages["jobs"])
    translation = Translation.objects.create(
        source=source, target_locale=Locale.objects.get(language_code="en"), enabled=True
    )
    translation.save_target(publish=True)
    english = pages["jobs"].get_translation(translation.target_locale)
    page.goto(f"/admin/pages/{english.pk}/edit/")
    # The React application has rendered the translation's segments into its root.
    page.wait_for_selector(".js-translation-editor .w-tabs__list, .js-translation-editor li")
    page.wait_for_timeout(1_000)
    assert_nothing_blocked(page, errors)
