"""Storages on local folders for the tests: public files (images, documents) and the files
members share (private: no URL, the owner's permissions alone)."""

from django.conf import settings


def local_storages(media_root, private_root):
    """STORAGES' "default" and "private" entries on these two folders."""
    return {
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": media_root},
        },
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {
                "location": private_root,
                "base_url": None,
                **settings.PRIVATE_FILE_PERMISSIONS,
            },
        },
    }
