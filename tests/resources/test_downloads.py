"""Downloads: private files served only by the permission-checking view, as attachments."""

import pytest
from django.conf import settings
from django.urls import reverse

from resources.files import detect_type, download_name
from resources.models import Resource
from tests.core.factories import pdf_bytes
from tests.resources.factories import (
    EXE_BYTES,
    ResourceFactory,
    ResourceVersionFactory,
    docx_bytes,
    png_bytes,
)


def download(client, resource):
    """The response and its content, read to the end (which closes the file, as a server does)."""
    response = client.get(reverse("resources:download", args=[resource.pk]))
    content = b"".join(response.streaming_content) if response.status_code == 200 else None
    return response, content


def test_the_file_comes_as_an_attachment_that_the_browser_never_runs(client, member, organisation):
    resource = ResourceFactory(
        organisation=organisation, file=png_bytes(), file__name="plan du quartier été.png"
    )
    client.force_login(member)

    response, content = download(client, resource)

    assert content == png_bytes()
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''plan%20du%20quartier%20%C3%A9t%C3%A9.png"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert "sandbox" in response["Content-Security-Policy"]


def test_the_downloaded_name_ends_with_the_detected_type():
    assert download_name("notes.docx", "application/pdf") == "notes.docx.pdf"
    assert download_name("photo.JPEG", "image/jpeg") == "photo.JPEG"
    assert download_name("../../etc/passwd", "application/pdf") == "passwd.pdf"


def test_downloads_are_counted(client, member, other_member, organisation):
    resource = ResourceFactory(organisation=organisation)
    first = resource.current_version
    ResourceVersionFactory(resource=resource, data=png_bytes())

    client.force_login(member)
    download(client, resource)
    client.force_login(other_member)
    download(client, resource)
    old = client.get(reverse("resources:version_download", args=[resource.pk, first.pk]))
    assert b"".join(old.streaming_content).startswith(b"%PDF")

    resource.refresh_from_db()
    assert resource.download_count == 3
    assert "<dd>3</dd>" in client.get(resource.get_absolute_url()).content.decode()


def test_refused_downloads_are_not_counted(client, other_member, organisation):
    resource = ResourceFactory(organisation=organisation, organisation_only=True)
    client.force_login(other_member)

    response, _ = download(client, resource)

    assert response.status_code == 404
    resource.refresh_from_db()
    assert resource.download_count == 0


def test_a_link_has_nothing_to_download(client, member, organisation):
    resource = ResourceFactory(organisation=organisation, link=True)
    client.force_login(member)

    response, _ = download(client, resource)

    assert response.status_code == 404


def test_a_version_of_another_resource_is_not_found(client, member, organisation):
    mine = ResourceFactory(organisation=organisation)
    hidden = ResourceFactory(organisation_only=True)
    client.force_login(member)

    response = client.get(
        reverse("resources:version_download", args=[mine.pk, hidden.current_version.pk])
    )

    assert response.status_code == 404


def test_no_private_file_is_reachable_under_media(
    client, member, organisation, private_storage_in_a_temporary_directory
):
    resource = ResourceFactory(organisation=organisation, file=docx_bytes())
    name = resource.current_version.file.name
    client.force_login(member)

    stored = private_storage_in_a_temporary_directory / name
    assert stored.is_file()
    # Nothing under MEDIA_ROOT, and no URL for it.
    media_root = settings.MEDIA_ROOT
    assert not media_root.exists() or not any(path.is_file() for path in media_root.rglob("*"))
    for url in [f"{settings.MEDIA_URL}{name}", f"{settings.MEDIA_URL}private/{name}"]:
        assert client.get(url).status_code == 404
    with pytest.raises(ValueError, match="Private files have no URL"):
        resource.current_version.file.url  # noqa: B018


def test_a_missing_file_answers_not_found(client, member, organisation):
    resource = ResourceFactory(organisation=organisation)
    resource.current_version.file.storage.delete(resource.current_version.file.name)
    client.force_login(member)

    response, _ = download(client, resource)

    assert response.status_code == 404
    assert Resource.objects.get().download_count == 0


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (pdf_bytes("x"), "application/pdf"),
        (png_bytes(), "image/png"),
        (docx_bytes(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (EXE_BYTES, None),
        (b"", None),
    ],
    ids=["pdf", "png", "docx", "exe", "empty"],
)
def test_detect_type_reads_the_content(data, expected):
    from django.core.files.base import ContentFile

    file_type = detect_type(ContentFile(data, name="x.pdf"))

    assert (file_type.content_type if file_type else None) == expected
