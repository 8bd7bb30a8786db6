"""Members share resources without a stumble (issue 14), on the site deployed as documented, in
Chromium.

A member shares a PDF with one chosen organisation, typing two tags with the suggestions of the
tags already used (each offered while it is typed, the one before kept); it is stored in the
private bucket only. A member of the chosen organisation downloads it, byte for byte; a member of
another organisation gets a 404 on its page and its downloads, and does not find it in the list.
A coordinator edits it: the audience kept for the sharer's organisation reads that
organisation's name (never « Mon organisation uniquement »), the chosen organisation is still
ticked, and saving keeps both. axe checks every extranet page walked, on a phone and a desktop.

Headless Chromium draws no <datalist> popup: the journey reads the options the browser would
offer and fills in the one a person would pick, as picking it does.

People, organisations and the existing tags: tests/e2e/content_resources.py.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser import conftest as browser_conftest
from tests.core.factories import pdf_bytes
from tests.e2e.stack import ORIGIN
from tests.e2e.test_coordinator import sign_in_with_a_code
from tests.e2e.test_member import bucket_objects, heading, holding, sign_in

RESOURCE_TITLE = "Consignes de sécurité des chantiers d'été"
PDF = pdf_bytes(RESOURCE_TITLE, ["Chaussures de sécurité", "Gants et lunettes"])
NEW_TAG = "sécurité"
NOT_FOUND = "Cette page n'existe pas ou plus"

# The browser tests' axe check (WCAG 2.1 A and AA), as a fixture of this module.
assert_no_axe_violations = browser_conftest.assert_no_axe_violations


def offered(page):
    """The values the tags field's <datalist> offers now."""
    return page.locator("#etiquettes-existantes option").evaluate_all(
        "options => options.map(option => option.value)"
    )


def type_a_tag_and_pick(page, typed, tag):
    """Types the start of a tag after what the field holds; picks the suggestion of `tag`, which
    must keep what was there before it."""
    field = page.get_by_label("Étiquettes")
    before = field.input_value()
    field.press_sequentially(typed)
    suggestion = f"{before}{tag}, "
    assert suggestion in offered(page), offered(page)
    field.fill(suggestion)


def test_a_member_shares_a_file_with_a_chosen_organisation_only(
    deployed, visit, assert_no_axe_violations
):
    content = deployed.content
    private_bucket = deployed.documented["S3_PRIVATE_BUCKET"]
    public_bucket = deployed.documented["S3_PUBLIC_BUCKET"]
    first_tag, second_tag = content["resources_existing_tags"]
    chosen_organisation = content["resources_chosen_organisation"]

    # --- The member shares a PDF from their phone, typing two existing tags and a new one.
    sharer = visit("phone")
    sign_in(sharer, content["resources_sharer_email"])
    assert_no_axe_violations(sharer)
    private_before = bucket_objects(deployed.s3, private_bucket)
    sharer.get_by_role("link", name="Partager une ressource").first.click()
    expect(heading(sharer)).to_have_text("Partager une ressource")
    sharer.get_by_label("Titre").fill(RESOURCE_TITLE)
    sharer.get_by_label("Fichier").set_input_files(
        {"name": "consignes-securite.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    type_a_tag_and_pick(sharer, first_tag[:4], first_tag)
    type_a_tag_and_pick(sharer, second_tag[:3], second_tag)
    # A tag already typed is not offered again.
    assert not [value for value in offered(sharer) if value.endswith(f", {first_tag}, ")]
    sharer.get_by_label("Étiquettes").press_sequentially(NEW_TAG)

    organisations = sharer.get_by_role("group", name="Organisations qui la verront")
    expect(organisations).to_be_hidden()
    sharer.get_by_label("Organisations choisies").check()
    expect(organisations).to_be_visible()
    # Sent with no organisation ticked: said next to the list, the rest kept.
    sharer.get_by_role("button", name="Partager").click()
    expect(organisations).to_contain_text("Cochez au moins une organisation")
    expect(sharer.get_by_label("Titre")).to_have_value(RESOURCE_TITLE)
    expect(sharer.get_by_label("Étiquettes")).to_have_value(f"{first_tag}, {second_tag}, {NEW_TAG}")
    expect(sharer.get_by_label("Organisations choisies")).to_be_checked()
    assert_no_axe_violations(sharer)

    # Its own organisation is not offered (it always sees it); the filter finds the chosen one.
    expect(
        organisations.get_by_label(content["resources_sharer_organisation"], exact=True)
    ).to_have_count(0)
    unchosen_choice = organisations.get_by_label(content["resources_unchosen_organisation"])
    expect(unchosen_choice).to_be_visible()
    organisations.get_by_label("Filtrer les organisations par leur nom").fill("maison de l'emploi")
    expect(unchosen_choice).to_be_hidden()
    organisations.get_by_label(chosen_organisation, exact=True).check()
    assert_no_axe_violations(sharer)
    # The file is chosen again after an error (the form's help says so).
    sharer.get_by_label("Fichier").set_input_files(
        {"name": "consignes-securite.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    sharer.get_by_role("button", name="Partager").click()
    expect(heading(sharer)).to_have_text(RESOURCE_TITLE)
    expect(sharer.locator("body")).to_contain_text(f"Ressource « {RESOURCE_TITLE} » partagée.")
    expect(sharer.locator("main")).to_contain_text(f"Partagée avec {chosen_organisation}")
    for tag in (first_tag, second_tag, NEW_TAG):
        expect(sharer.get_by_role("list", name="Étiquettes")).to_contain_text(tag)
    assert_no_axe_violations(sharer)
    resource_url = sharer.url
    assert re.fullmatch(re.escape(f"{ORIGIN}/extranet/ressources/") + r"\d+/", resource_url)
    download_url = f"{resource_url}telecharger/"
    version_path = sharer.get_by_role(
        "link", name="Télécharger consignes-securite.pdf"
    ).get_attribute("href")

    # --- Stored in the private bucket only, once.
    new_private = {
        key: size
        for key, size in bucket_objects(deployed.s3, private_bucket).items()
        if key not in private_before
    }
    assert len(holding(deployed.s3, private_bucket, new_private, PDF)) == 1
    public_after = bucket_objects(deployed.s3, public_bucket)
    assert not holding(deployed.s3, public_bucket, public_after, PDF)

    # --- A member of another organisation: not listed, and neither page nor file exists.
    unchosen = visit("desktop")
    sign_in(unchosen, content["resources_unchosen_email"])
    unchosen.goto("/extranet/ressources/")
    expect(heading(unchosen)).to_have_text("Ressources partagées")
    expect(unchosen.locator("main")).not_to_contain_text(RESOURCE_TITLE)
    for url in (resource_url, download_url, f"{ORIGIN}{version_path}"):
        response = unchosen.goto(url)
        assert response.status == 404, url
        expect(heading(unchosen)).to_have_text(NOT_FOUND)
        expect(unchosen.locator("main")).not_to_contain_text(RESOURCE_TITLE)

    # --- A member of the chosen organisation finds it in the list and downloads it.
    reader = visit("desktop")
    sign_in(reader, content["resources_chosen_email"])
    reader.goto("/extranet/ressources/")
    reader.get_by_role("link", name=RESOURCE_TITLE).click()
    expect(heading(reader)).to_have_text(RESOURCE_TITLE)
    expect(reader.locator("main")).to_contain_text("Organisations choisies")
    # Whom else it is shared with is for those who may change it.
    expect(reader.locator("main")).not_to_contain_text("Partagée avec")
    assert_no_axe_violations(reader)
    with reader.expect_download() as download_info:
        reader.get_by_role("link", name=re.compile("^Télécharger PDF")).click()
    download = download_info.value
    assert download.url == download_url
    with open(download.path(), "rb") as downloaded:
        assert downloaded.read() == PDF

    # --- A coordinator edits it: the audiences read from the sharer's organisation.
    coordinator = visit("desktop")
    sign_in_with_a_code(
        coordinator,
        content["resources_coordinator_email"],
        content["resources_coordinator_totp_secret"],
    )
    coordinator.goto(resource_url)
    coordinator.get_by_role("link", name=re.compile("^Modifier")).click()
    expect(heading(coordinator)).to_have_text(f"Modifier {RESOURCE_TITLE}")
    audience = coordinator.get_by_role("group", name="Visible par")
    expect(audience).not_to_contain_text("Mon organisation uniquement")
    expect(
        coordinator.get_by_label(
            f"Les membres de {content['resources_sharer_organisation']} uniquement"
        )
    ).not_to_be_checked()
    expect(coordinator.get_by_label("Organisations choisies")).to_be_checked()
    expect(coordinator.get_by_label(chosen_organisation, exact=True)).to_be_checked()
    assert_no_axe_violations(coordinator)
    coordinator.get_by_label("Titre").fill(f"{RESOURCE_TITLE} (relu)")
    coordinator.get_by_role("button", name="Enregistrer").click()
    expect(heading(coordinator)).to_have_text(f"{RESOURCE_TITLE} (relu)")
    expect(coordinator.locator("main")).to_contain_text(f"Partagée avec {chosen_organisation}")
    assert_no_axe_violations(coordinator)

    # --- Kept: the chosen organisation still downloads it, the other still gets a 404.
    reader.goto(resource_url)
    expect(heading(reader)).to_have_text(f"{RESOURCE_TITLE} (relu)")
    assert unchosen.goto(resource_url).status == 404


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_the_resource_pages_pass_axe(deployed, visit, viewport, assert_no_axe_violations):
    """The list, the form with « Organisations choisies » open and filtered, a resource shared
    with chosen organisations and its edit form, as its owner sees them."""
    content = deployed.content
    page = visit(viewport)
    sign_in(page, content["resources_sharer_email"])
    page.goto("/extranet/ressources/")
    expect(heading(page)).to_have_text("Ressources partagées")
    assert_no_axe_violations(page)

    page.goto("/extranet/ressources/partager/")
    page.get_by_label("Organisations choisies").check()
    page.get_by_label("Filtrer les organisations par leur nom").fill("val")
    page.get_by_label("Étiquettes").press_sequentially("chan")
    assert_no_axe_violations(page)

    page.goto(content["resources_shared_path"])
    expect(page.locator("main")).to_contain_text(
        f"Partagée avec {content['resources_chosen_organisation']}"
    )
    assert_no_axe_violations(page)
    page.get_by_role("link", name=re.compile("^Modifier")).click()
    expect(page.get_by_label("Organisations choisies")).to_be_checked()
    expect(page.get_by_label("Mon organisation uniquement")).not_to_be_checked()
    assert_no_axe_violations(page)
