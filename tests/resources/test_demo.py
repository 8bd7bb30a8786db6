"""The resources part of `manage.py load_demo`: 30 tagged resources of the demo's members."""

import tempfile

from django.conf import settings
from django.test import override_settings

from resources.enums import Audience
from resources.models import Resource, ResourceVersion, TaggedResource
from tests.home.demo_tests import LoadDemoTwiceTestCase


def content_counts():
    return {
        "resources": Resource.objects.count(),
        "versions": ResourceVersion.objects.count(),
        "tags": TaggedResource.objects.count(),
    }


class TestResourcesDemo(LoadDemoTwiceTestCase):
    content_counts = staticmethod(content_counts)

    @classmethod
    def setUpClass(cls):
        # The demo's files go to a directory of this class's own (setUpTestData runs before the
        # per-test storage of conftest.py).
        private_dir = tempfile.TemporaryDirectory()
        cls.addClassCleanup(private_dir.cleanup)
        private = {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": private_dir.name, "base_url": None},
        }
        cls.enterClassContext(override_settings(STORAGES={**settings.STORAGES, "private": private}))
        super().setUpClass()

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.stored_sizes = {}
        for version in ResourceVersion.objects.all():
            with version.file.open("rb") as stored:
                cls.stored_sizes[version.pk] = len(stored.read())

    def test_thirty_tagged_resources_of_every_audience(self):
        resources = Resource.objects.prefetch_related("tags").select_related("organisation")
        assert len(resources) == 30
        assert all(resource.tags.all() for resource in resources)
        assert {resource.audience for resource in resources} == set(Audience)
        assert len({resource.organisation for resource in resources}) >= 2
        assert any(resource.is_expired for resource in resources)

    def test_files_are_real_files_of_accepted_types_and_a_few_are_links(self):
        with_files = Resource.objects.filter(current_version__isnull=False)
        links = Resource.objects.exclude(url="")
        assert 3 <= links.count() <= 6
        assert with_files.count() + links.count() == 30
        types = set(ResourceVersion.objects.values_list("content_type", flat=True))
        assert {"application/pdf", "image/png", "application/vnd.oasis.opendocument.text"} <= types
        for version in ResourceVersion.objects.all():
            assert self.stored_sizes[version.pk] == version.size > 0

    def test_a_second_run_adds_nothing(self):
        assert self.counts_after_second_run == self.counts_after_first_run
        assert "ressources partagées créées" in self.first_output
        assert "Les ressources partagées existent déjà." in self.second_output
