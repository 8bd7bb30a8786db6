"""The file storage fails during an upload (disk full, object storage unreachable): the member is
told next to the file field, keeps what they typed, and nothing is saved — no resource without its
file, no new version."""

from unittest import mock

import pytest
from botocore.exceptions import EndpointConnectionError
from bs4 import BeautifulSoup
from django.urls import reverse

from resources.models import Resource, ResourceVersion
from tests.core.factories import pdf_bytes
from tests.resources.factories import ResourceFactory
from tests.resources.test_sharing import form_data, upload

FAILURES = [
    OSError(28, "No space left on device"),
    EndpointConnectionError(endpoint_url="https://s3.example.org/prive"),
]


@pytest.fixture(autouse=True)
def private_storage_in_a_temporary_directory(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": None},
        },
    }


def storage_fails(error):
    return mock.patch("django.core.files.storage.FileSystemStorage._save", side_effect=error)


def error_next_to_file_field(response):
    page = BeautifulSoup(response.content, "html.parser")
    file_input = page.find("input", attrs={"name": "file"})
    described_by = file_input.get("aria-describedby", "").split()
    messages = " ".join(
        page.find(id=identifier).get_text(" ", strip=True)
        for identifier in described_by
        if page.find(id=identifier)
    )
    return page, messages


@pytest.mark.parametrize("error", FAILURES, ids=["disk full", "object storage unreachable"])
def test_sharing_a_file_when_the_storage_fails(client, member, error):
    client.force_login(member)

    with storage_fails(error):
        response = client.post(
            reverse("resources:create"),
            form_data(title="Compte-rendu du comité", file=upload(pdf_bytes("CR"))),
        )

    assert response.status_code == 503
    page, messages = error_next_to_file_field(response)
    assert "le stockage des fichiers ne répond pas" in messages
    assert page.find("input", attrs={"name": "title"})["value"] == "Compte-rendu du comité"
    assert not Resource.objects.exists()
    assert not ResourceVersion.objects.exists()


def test_a_new_version_when_the_storage_fails_keeps_the_current_one(client, member, organisation):
    resource = ResourceFactory(organisation=organisation, shared_by=member, title="Guide")
    current = resource.current_version
    client.force_login(member)

    with storage_fails(OSError(5, "Input/output error")):
        response = client.post(
            reverse("resources:edit", args=[resource.pk]),
            form_data(title="Guide, édition 2027", file=upload(pdf_bytes("v2"))),
        )

    assert response.status_code == 503
    _page, messages = error_next_to_file_field(response)
    assert "Rien n'a été enregistré" in messages
    resource.refresh_from_db()
    assert resource.title == "Guide"
    assert resource.current_version == current
    assert resource.versions.count() == (1 if current else 0)
