"""The files members share are stored readable by the site's own account only (issue 12).

On one server's disk (PRIVATE_MEDIA_ROOT, when no S3 bucket is set), a file readable by every
account would be open to any other program or person on the machine. The private storage's
OPTIONS set file_permissions_mode 0600 and directory_permissions_mode 0700 in base.py, test.py
(and production.py's local branch); tests/conftest.py's and tests/resources/conftest.py's
storages keep them.
"""

import os
import stat

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from config.settings import base
from resources.enums import Audience, ResourceKind
from resources.models import Resource
from tests.core.factories import pdf_bytes


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def loose_umask():
    """The most common umask (022): without explicit modes, files come out 0644."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_a_shared_file_and_its_folders_are_private_to_the_sites_account(
    client, member, loose_umask, private_storage_in_a_temporary_directory
):
    client.force_login(member)

    response = client.post(
        reverse("resources:create"),
        {
            "title": "Compte rendu du comité",
            "description": "",
            "kind": ResourceKind.GUIDE,
            "tags": "",
            "audience": Audience.ALL_MEMBERS,
            "valid_until": "",
            "url": "",
            "file": SimpleUploadedFile("cr.pdf", pdf_bytes("CR"), content_type="application/pdf"),
        },
    )

    assert response.status_code == 302
    stored = (
        private_storage_in_a_temporary_directory / Resource.objects.get().current_version.file.name
    )
    assert mode(stored) == 0o600
    folder = stored.parent
    while folder != private_storage_in_a_temporary_directory.parent:
        assert mode(folder) == 0o700, folder
        folder = folder.parent


def test_the_settings_give_the_private_storage_owner_only_modes():
    """What production starts from when it keeps the files on its own disk."""
    options = base.STORAGES["private"]["OPTIONS"]

    assert options["file_permissions_mode"] == 0o600
    assert options["directory_permissions_mode"] == 0o700
