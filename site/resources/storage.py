"""Where shared files live: storages["private"], a directory that no URL serves.

Files are stored under random names (never the name the member uploaded, which could hold
anything, from a path to personal data), in a folder per month so no directory grows forever.
"""

import secrets

from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.core.files.storage import FileSystemStorage, InvalidStorageError, Storage, storages
from django.utils import timezone

PRIVATE_STORAGE_ALIAS = "private"
# What a storage raises when it is away: a full or read-only disk, an object store that does not
# answer or refuses (S3 through django-storages).
STORAGE_ERRORS = (OSError, BotoCoreError, ClientError)


class PrivateStorage(Storage):
    """Hands every operation to storages["private"], looked up at each use.

    Looked up late rather than when models load, so that a change of settings.STORAGES (tests
    give each test its own directory) applies to the model field too.
    """

    @property
    def backend(self):
        try:
            return storages[PRIVATE_STORAGE_ALIAS]
        except InvalidStorageError:
            # Settings that replace STORAGES whole and forget this entry (a test override):
            # still a directory outside MEDIA_ROOT, without a URL.
            return FileSystemStorage(
                location=settings.PRIVATE_MEDIA_ROOT,
                base_url=None,
                **settings.PRIVATE_FILE_PERMISSIONS,
            )

    def _open(self, name, mode="rb"):
        return self.backend._open(name, mode)

    def _save(self, name, content):
        return self.backend._save(name, content)

    def get_available_name(self, name, max_length=None):
        return self.backend.get_available_name(name, max_length=max_length)

    def path(self, name):
        return self.backend.path(name)

    def delete(self, name):
        return self.backend.delete(name)

    def exists(self, name):
        return self.backend.exists(name)

    def listdir(self, path):
        return self.backend.listdir(path)

    def size(self, name):
        return self.backend.size(name)

    def url(self, name):
        # FileSystemStorage reads base_url=None as MEDIA_URL: say plainly there is no URL.
        raise ValueError("Private files have no URL: resources.views.download serves them.")

    def get_accessed_time(self, name):
        return self.backend.get_accessed_time(name)

    def get_created_time(self, name):
        return self.backend.get_created_time(name)

    def get_modified_time(self, name):
        return self.backend.get_modified_time(name)


private_storage_instance = PrivateStorage()


def private_storage():
    """ResourceVersion.file's storage (a callable, so that migrations name it, not a path)."""
    return private_storage_instance


def random_file_name(instance, filename):
    """A random name keeping nothing of the uploaded one; the detected type gives the extension."""
    extension = getattr(instance, "extension", "") or "bin"
    month = timezone.now().strftime("%Y/%m")
    return f"ressources/{month}/{secrets.token_urlsafe(24)}.{extension}"
