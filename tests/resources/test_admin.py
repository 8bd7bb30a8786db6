"""Coordinators moderate shared resources in the Wagtail admin (here as a superuser)."""

import pytest
from django.urls import NoReverseMatch, reverse

from resources.models import Resource
from tests.resources.factories import ResourceFactory


@pytest.fixture
def admin_client(client, django_user_model):
    superuser = django_user_model.objects.create_superuser(
        "admin", "admin@example.org", "un-mot-de-passe-solide"
    )
    client.force_login(superuser)
    return client


def test_the_admin_lists_and_searches_every_resource(admin_client):
    ResourceFactory(title="Guide de la clause sociale", organisation_only=True)
    ResourceFactory(title="Planning des permanences", coordinators_only=True)

    listing = admin_client.get(reverse("ressources:index"))
    found = admin_client.get(reverse("ressources:index"), {"q": "clause"})

    assert listing.status_code == 200
    assert "Planning des permanences" in listing.content.decode()
    assert "Guide de la clause sociale" in found.content.decode()
    assert "Planning des permanences" not in found.content.decode()


def test_the_admin_changes_a_resource_but_adds_none(admin_client):
    resource = ResourceFactory(tags=["emploi"])

    page = admin_client.get(reverse("ressources:edit", args=[resource.pk]))

    assert page.status_code == 200
    with pytest.raises(NoReverseMatch):
        reverse("ressources:add")


def test_deleting_from_the_admin_deletes_the_files(
    admin_client, django_capture_on_commit_callbacks
):
    resource = ResourceFactory()
    storage, name = resource.current_version.file.storage, resource.current_version.file.name

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("ressources:delete", args=[resource.pk]))

    assert response.status_code == 302
    assert not Resource.objects.exists()
    assert not storage.exists(name)
