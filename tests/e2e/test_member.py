"""A member's journey on the site deployed as documented, in Chromium, e-mails included.

An organisation's admin invites a colleague from the extranet; the invitation leaves through the
worker and the SMTP server, and its link (on the site's one origin) opens the account form. The
new member, signed in at once (members need no authenticator app), shares a PDF with their
organisation only: it is stored in the private bucket, under a random name, and nowhere in the
public one. A member of another organisation gets a 404 on its page and on its downloads; a
colleague downloads it, byte for byte.

People and organisations: tests/e2e/content_member.py.
"""

import re

from playwright.sync_api import expect

from tests.core.factories import pdf_bytes
from tests.e2e.mailbox import links_in
from tests.e2e.stack import ORIGIN
from tests.extranet.factories import PASSWORD

EXTRANET_HOME = re.compile(re.escape(f"{ORIGIN}/extranet/") + "$")
NEW_PASSWORD = "des-tilleuls-qui-recrutent-2026"
RESOURCE_TITLE = "Planning des chantiers d'été"
PDF = pdf_bytes(RESOURCE_TITLE, ["Semaine 27 : espaces verts", "Semaine 28 : peinture"])


def heading(page):
    return page.get_by_role("heading", level=1)


def sign_in(page, email, password=PASSWORD):
    """Through the sign-in form; members land on the extranet's home, no code asked."""
    page.goto("/compte/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()
    expect(page).to_have_url(EXTRANET_HOME)


def bucket_objects(s3, bucket):
    """{key: size} of every object in the bucket."""
    objects = {}
    for listing in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        objects.update((item["Key"], item["Size"]) for item in listing.get("Contents", []))
    return objects


def holding(s3, bucket, objects, content):
    """The keys among `objects` of `bucket` whose bytes are `content`."""
    return [
        key
        for key, size in objects.items()
        if size == len(content) and s3.get_object(Bucket=bucket, Key=key)["Body"].read() == content
    ]


def invite(deployed, visit, content):
    """The admin invites the new colleague from the extranet; the link of the e-mail they get."""
    admin = visit("desktop")
    sign_in(admin, content["member_admin_email"])
    admin.get_by_role("link", name="Inviter une personne").first.click()
    expect(heading(admin)).to_have_text(
        f"Inviter une personne dans {content['member_organisation']}"
    )
    admin.get_by_label("Adresse e-mail").fill(content["member_invited_email"])
    admin.get_by_label("Membre", exact=True).check()
    admin.get_by_role("button", name="Envoyer l'invitation").click()
    expect(admin.locator("body")).to_contain_text(
        f"Invitation envoyée à {content['member_invited_email']}."
    )

    message = deployed.mailbox.wait_for(
        content["member_invited_email"], "Invitation à l'espace membres"
    )
    assert content["member_organisation"] in message["Subject"]
    links = links_in(message)
    # The link to the account form, and the site's address as signature: the one origin.
    assert links and all(re.match(re.escape(ORIGIN) + "(/|$)", link) for link in links), links
    (join_link,) = [link for link in links if "/extranet/rejoindre/" in link]
    return join_link


def test_an_invited_member_shares_a_private_file_that_only_their_organisation_opens(
    deployed, visit
):
    content = deployed.content
    private_bucket = deployed.documented["S3_PRIVATE_BUCKET"]
    public_bucket = deployed.documented["S3_PUBLIC_BUCKET"]
    join_link = invite(deployed, visit, content)

    # --- The invited person follows the link, as from their mail app, and creates the account.
    newcomer = visit("desktop")
    newcomer.goto(join_link)
    newcomer.get_by_label("Prénom").fill("Amina")
    newcomer.get_by_label("Nom (obligatoire)", exact=True).fill("Bouzid")
    newcomer.get_by_label("Mot de passe (obligatoire)", exact=True).fill(NEW_PASSWORD)
    newcomer.get_by_label("Le même mot de passe").fill(NEW_PASSWORD)
    newcomer.get_by_role("button", name="Créer mon compte").click()
    expect(newcomer).to_have_url(EXTRANET_HOME)
    expect(newcomer.locator("body")).to_contain_text("Bienvenue Amina : votre compte est créé.")
    expect(newcomer.locator("body")).to_contain_text(
        f"Mon organisation : {content['member_organisation']}"
    )

    # --- They share a PDF with their organisation only.
    private_before = bucket_objects(deployed.s3, private_bucket)
    newcomer.get_by_role("link", name="Partager une ressource").first.click()
    expect(heading(newcomer)).to_have_text("Partager une ressource")
    newcomer.get_by_label("Titre").fill(RESOURCE_TITLE)
    newcomer.get_by_label("Fichier").set_input_files(
        {"name": "planning-chantiers.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    newcomer.get_by_label("Mon organisation uniquement").check()
    newcomer.get_by_role("button", name="Partager").click()
    expect(heading(newcomer)).to_have_text(RESOURCE_TITLE)
    expect(newcomer.locator("body")).to_contain_text(f"Ressource « {RESOURCE_TITLE} » partagée.")
    resource_url = newcomer.url
    assert re.fullmatch(re.escape(f"{ORIGIN}/extranet/ressources/") + r"\d+/", resource_url)
    download_url = f"{resource_url}telecharger/"
    # The file's history links each version, this first one by the name it was uploaded with.
    version_path = newcomer.get_by_role(
        "link", name="Télécharger planning-chantiers.pdf"
    ).get_attribute("href")
    assert re.fullmatch(r"/extranet/ressources/\d+/versions/\d+/telecharger/", version_path)

    # --- Stored in the private bucket only, under a name that keeps nothing of the uploaded one,
    # and with no grant to anyone but the site's key.
    new_private = {
        key: size
        for key, size in bucket_objects(deployed.s3, private_bucket).items()
        if key not in private_before
    }
    (stored_key,) = holding(deployed.s3, private_bucket, new_private, PDF)
    assert re.fullmatch(r"ressources/\d{4}/\d{2}/[\w-]+\.pdf", stored_key), stored_key
    assert "planning" not in stored_key
    grants = deployed.s3.get_object_acl(Bucket=private_bucket, Key=stored_key)["Grants"]
    assert not [grant for grant in grants if grant["Grantee"].get("URI")], grants
    public_after = bucket_objects(deployed.s3, public_bucket)
    assert not holding(deployed.s3, public_bucket, public_after, PDF)
    assert stored_key not in public_after

    # --- A member of another organisation: neither the page nor the file exists for them.
    other = visit("desktop")
    sign_in(other, content["member_other_organisation_email"])
    for url in (resource_url, download_url, f"{ORIGIN}{version_path}"):
        response = other.goto(url)
        assert response.status == 404, url
        expect(heading(other)).to_have_text("Cette page n'existe pas ou plus")
        expect(other.locator("main")).not_to_contain_text(RESOURCE_TITLE)

    # --- A colleague of the same organisation downloads it: the same bytes.
    colleague = visit("desktop")
    sign_in(colleague, content["member_colleague_email"])
    colleague.goto(resource_url)
    expect(heading(colleague)).to_have_text(RESOURCE_TITLE)
    with colleague.expect_download() as download_info:
        colleague.get_by_role("link", name=re.compile("^Télécharger PDF")).click()
    download = download_info.value
    assert download.url == download_url
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as downloaded:
        assert downloaded.read() == PDF
