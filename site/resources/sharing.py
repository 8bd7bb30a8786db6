"""Sharing, changing and deleting resources, each in one transaction.

Files are written to the private storage before the rows that name them are committed, and
deleted from it only once the deletion of their rows is committed: a failure never leaves a
row without its file.
"""

from django.db import transaction
from django.db.models import F

from extranet.permissions import current_membership
from resources.models import Resource, ResourceVersion


def add_version(resource, uploaded_file, detected_type, uploaded_by):
    """The new file becomes the resource's current version; the previous ones stay listed."""
    version = ResourceVersion(
        resource=resource,
        original_name=uploaded_file.name[:255],
        content_type=detected_type.content_type,
        size=uploaded_file.size,
        uploaded_by=uploaded_by,
    )
    # The name only matters for the storage's random name (storage.random_file_name).
    version.file.save(uploaded_file.name, uploaded_file, save=False)
    version.save()
    resource.current_version = version
    resource.save(update_fields=["current_version", "updated_at"])
    return version


@transaction.atomic
def share(form, shared_by):
    """A new resource of the sharer's organisation, from a valid ResourceForm."""
    resource = form.save(commit=False)
    membership = current_membership(shared_by)
    resource.organisation = membership.organisation if membership else None
    resource.shared_by = shared_by
    resource.save()
    form.save_m2m()
    if uploaded := form.cleaned_data.get("file"):
        add_version(resource, uploaded, form.detected_type, shared_by)
    return resource


@transaction.atomic
def update(form, changed_by):
    resource = form.save()
    if uploaded := form.cleaned_data.get("file"):
        add_version(resource, uploaded, form.detected_type, changed_by)
    return resource


@transaction.atomic
def delete(resource):
    """Deletes the resource and its versions; their files follow (resources.signals)."""
    resource.delete()


def count_download(resource):
    Resource.objects.filter(pk=resource.pk).update(download_count=F("download_count") + 1)
