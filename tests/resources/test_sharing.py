"""Sharing a file or a link, new versions, and the clear refusals of bad input."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from resources import files
from resources.enums import Audience, ResourceKind
from resources.models import Resource
from tests.core.factories import pdf_bytes
from tests.resources.factories import (
    EXE_BYTES,
    HTML_BYTES,
    SVG_BYTES,
    ResourceFactory,
    docx_bytes,
    odt_bytes,
    png_bytes,
    zip_bytes,
)


def form_data(**overrides):
    data = {
        "title": "Guide de la mobilité",
        "description": "Les aides au permis et aux transports.",
        "kind": ResourceKind.GUIDE,
        "tags": "mobilité, permis de conduire",
        "audience": Audience.ALL_MEMBERS,
        "valid_until": "",
        "url": "",
    }
    data.update(overrides)
    return data


def upload(data, name="guide.pdf", content_type="application/pdf"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def share(client, **overrides):
    return client.post(reverse("resources:create"), form_data(**overrides))


def test_a_member_shares_a_file_with_tags(client, member, organisation):
    client.force_login(member)

    response = share(client, file=upload(pdf_bytes("Mobilité"), name="Guide mobilité.pdf"))

    resource = Resource.objects.get()
    assert response.status_code == 302
    assert response.url == resource.get_absolute_url()
    assert resource.organisation == organisation
    assert resource.shared_by == member
    assert sorted(tag.name for tag in resource.tags.all()) == ["mobilité", "permis de conduire"]
    version = resource.current_version
    assert version.original_name == "Guide mobilité.pdf"
    assert version.content_type == "application/pdf"
    assert version.uploaded_by == member
    assert version.size == len(pdf_bytes("Mobilité"))
    # Stored under a random name, never the uploaded one.
    assert "mobilit" not in version.file.name.lower()
    assert version.file.name.endswith(".pdf")
    page = client.get(response.url).content.decode()
    assert "Guide de la mobilité" in page
    assert "Ressource « Guide de la mobilité » partagée." in page


@pytest.mark.parametrize(
    ("data", "name", "content_type"),
    [
        (png_bytes(), "photo.png", "image/png"),
        (odt_bytes(), "compte-rendu.odt", "application/vnd.oasis.opendocument.text"),
        (
            docx_bytes(),
            "modele.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    ],
    ids=["png", "odt", "docx"],
)
def test_images_and_office_documents_are_accepted(client, member, data, name, content_type):
    client.force_login(member)

    response = share(client, file=upload(data, name=name, content_type="application/octet-stream"))

    assert response.status_code == 302
    assert Resource.objects.get().current_version.content_type == content_type


def test_a_member_shares_a_link(client, member):
    client.force_login(member)

    response = share(client, url="https://www.example.org/mobilite")

    resource = Resource.objects.get()
    assert response.status_code == 302
    assert resource.url == "https://www.example.org/mobilite"
    assert resource.current_version is None


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (EXE_BYTES, "rapport.pdf"),
        (HTML_BYTES, "rapport.pdf"),
        (SVG_BYTES, "logo.png"),
        (zip_bytes([("a.txt", "bonjour")]), "tableau.xlsx"),
        (EXE_BYTES, "tableau.docx"),
        (b"%PDF", "court.odt"),
    ],
    ids=["exe-as-pdf", "html-as-pdf", "svg-as-png", "zip-as-xlsx", "exe-as-docx", "truncated"],
)
def test_a_file_of_another_type_is_refused_whatever_its_name(client, member, data, name):
    client.force_login(member)

    response = share(client, file=upload(data, name=name, content_type="application/pdf"))

    assert response.status_code == 200
    assert not Resource.objects.exists()
    form = response.context["form"]
    assert "Ce type de fichier n'est pas accepté" in form.errors["file"][0]
    page = response.content.decode()
    assert "Ce type de fichier n&#x27;est pas accepté" in page
    # What was typed is kept.
    assert 'value="Guide de la mobilité"' in page
    assert 'value="mobilité, permis de conduire"' in page


def test_a_file_over_the_limit_is_refused(client, member, monkeypatch):
    monkeypatch.setattr(files, "MAX_FILE_SIZE", 1000)
    client.force_login(member)

    response = share(client, file=upload(png_bytes(size=(400, 400)) + b"\0" * 2000))

    assert not Resource.objects.exists()
    [message] = response.context["form"].errors["file"]
    assert message.startswith("Ce fichier pèse ")
    assert message.endswith(" : 1000\xa0octets au plus, s'il vous plaît.")
    assert 'value="Guide de la mobilité"' in response.content.decode()


def test_neither_a_file_nor_a_link(client, member):
    client.force_login(member)

    response = share(client)

    assert response.context["form"].errors["file"] == [
        "Choisissez un fichier à partager, ou indiquez un lien."
    ]
    assert "Le formulaire contient des erreurs" in response.content.decode()


def test_both_a_file_and_a_link(client, member):
    client.force_login(member)

    response = share(client, file=upload(pdf_bytes("x")), url="https://www.example.org/")

    assert not Resource.objects.exists()
    assert response.context["form"].errors["url"] == [
        "Partagez un fichier ou un lien, pas les deux : videz l'un des deux."
    ]


@pytest.mark.parametrize("url", ["pas une adresse", "javascript:alert(1)", "ftp://example.org/a"])
def test_a_bad_link(client, member, url):
    client.force_login(member)

    response = share(client, url=url)

    assert not Resource.objects.exists()
    assert response.context["form"].errors["url"]
    assert "Le formulaire contient des erreurs" in response.content.decode()


def test_only_an_organisation_member_may_choose_my_organisation_only(client, coordinator):
    client.force_login(coordinator)

    response = share(client, url="https://www.example.org/", audience=Audience.ORGANISATION)

    assert "audience" in response.context["form"].errors
    share(client, url="https://www.example.org/", audience=Audience.COORDINATORS)
    resource = Resource.objects.get()
    assert resource.organisation is None
    assert resource.shared_by == coordinator


def test_a_new_file_becomes_the_current_version_and_the_old_one_stays(
    client, member, org_admin, organisation
):
    resource = ResourceFactory(organisation=organisation, shared_by=member)
    first = resource.current_version
    client.force_login(org_admin)

    response = client.post(
        reverse("resources:edit", args=[resource.pk]),
        form_data(title=resource.title, file=upload(png_bytes(), name="nouvelle.png")),
    )

    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.versions.count() == 2
    assert resource.current_version != first
    assert resource.current_version.content_type == "image/png"
    assert resource.current_version.uploaded_by == org_admin
    page = client.get(resource.get_absolute_url()).content.decode()
    assert "Télécharger nouvelle.png" in page
    assert "Télécharger guide.pdf" in page
    old = client.get(reverse("resources:version_download", args=[resource.pk, first.pk]))
    assert old["Content-Type"] == "application/pdf"
    assert b"".join(old.streaming_content).startswith(b"%PDF")


def test_editing_without_a_file_keeps_the_current_one(client, member, organisation):
    resource = ResourceFactory(organisation=organisation, shared_by=member)
    client.force_login(member)

    client.post(
        reverse("resources:edit", args=[resource.pk]),
        form_data(title="Nouveau titre", tags="emploi", valid_until="2030-01-31"),
    )

    resource.refresh_from_db()
    assert resource.title == "Nouveau titre"
    assert resource.versions.count() == 1
    assert resource.valid_until == datetime.date(2030, 1, 31)
    assert [tag.name for tag in resource.tags.all()] == ["emploi"]


def test_a_link_stays_a_link(client, member, organisation):
    resource = ResourceFactory(organisation=organisation, link=True)
    client.force_login(member)

    response = client.post(reverse("resources:edit", args=[resource.pk]), form_data(url=""))

    assert response.context["form"].errors["url"] == ["Indiquez l'adresse du lien."]
    assert "file" not in response.context["form"].fields


def test_deleting_removes_the_files_too(
    client, member, organisation, django_capture_on_commit_callbacks
):
    resource = ResourceFactory(organisation=organisation)
    storage = resource.current_version.file.storage
    name = resource.current_version.file.name
    assert storage.exists(name)
    client.force_login(member)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("resources:delete", args=[resource.pk]))

    assert response.status_code == 302
    assert not Resource.objects.exists()
    assert not storage.exists(name)


def test_the_delete_page_asks_first(client, member, organisation):
    resource = ResourceFactory(organisation=organisation, title="Planning")
    client.force_login(member)

    page = client.get(reverse("resources:delete", args=[resource.pk])).content.decode()

    assert "Supprimer « Planning » ?" in page
    assert Resource.objects.exists()


def test_the_form_suggests_the_tags_the_person_may_see(client, member, organisation):
    ResourceFactory(organisation=organisation, tags=["accueil"])
    ResourceFactory(organisation_only=True, tags=["secret d'une autre"])
    client.force_login(member)

    page = client.get(reverse("resources:create")).content.decode()

    assert 'list="etiquettes-existantes"' in page
    assert '<datalist id="etiquettes-existantes">' in page
    assert '<option value="accueil">' in page
    assert "secret d" not in page
