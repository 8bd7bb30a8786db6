"""Files kept in S3 buckets are backed up and restored through the storage API, like local ones.

moto stands in for the object storage (in-process); the storages are configured as production.py
configures them: a public bucket with a public ACL and cache headers, a private one.
"""

import tarfile
from io import StringIO
from pathlib import Path

import boto3
import pytest
from django.core.management import call_command
from moto import mock_aws

from tests.backups.conftest import PRIVATE_FILE, PUBLIC_FILE, store, stored_text

pytestmark = pytest.mark.django_db(transaction=True)

PUBLIC_BUCKET = "sauvegarde-public"
PRIVATE_BUCKET = "sauvegarde-private"
CONNECTION = {
    "access_key": "backups",
    "secret_key": "backups",
    "region_name": "us-east-1",
    "file_overwrite": False,
}


@pytest.fixture
def s3(settings, own_storages):
    with mock_aws():
        client = boto3.client(
            "s3",
            region_name="us-east-1",
            aws_access_key_id="backups",
            aws_secret_access_key="backups",
        )
        for bucket in (PUBLIC_BUCKET, PRIVATE_BUCKET):
            client.create_bucket(Bucket=bucket)
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {
                    **CONNECTION,
                    "bucket_name": PUBLIC_BUCKET,
                    "querystring_auth": False,
                    "default_acl": "public-read",
                    "object_parameters": {"CacheControl": "public, max-age=31536000"},
                },
            },
            "private": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {**CONNECTION, "bucket_name": PRIVATE_BUCKET, "default_acl": "private"},
            },
        }
        yield client


def keys(client, bucket):
    return sorted(item["Key"] for item in client.list_objects_v2(Bucket=bucket).get("Contents", []))


def everyone_can_read(client, bucket, key):
    grants = client.get_object_acl(Bucket=bucket, Key=key)["Grants"]
    return any(grant["Grantee"].get("URI", "").endswith("/AllUsers") for grant in grants)


def test_bucket_files_are_backed_up_and_restored_through_the_storages(
    s3, backup_directory, own_storages
):
    store("default", PUBLIC_FILE, "une image")
    store("default", "documents/guide.txt", "un guide")
    store("private", PRIVATE_FILE, "un compte-rendu")
    media_root, private_root = own_storages
    out = StringIO()
    call_command("backup", directory=str(backup_directory), stdout=out)
    folder = Path(out.getvalue().splitlines()[0])

    with tarfile.open(folder / "media.tar.gz") as archive:
        assert sorted(archive.getnames()) == [
            "media/documents/guide.txt",
            f"media/{PUBLIC_FILE}",
            f"private/{PRIVATE_FILE}",
        ]
        assert archive.extractfile(f"private/{PRIVATE_FILE}").read() == b"un compte-rendu"

    # Lost, overwritten and added objects.
    s3.delete_object(Bucket=PUBLIC_BUCKET, Key=PUBLIC_FILE)
    s3.put_object(Bucket=PRIVATE_BUCKET, Key=PRIVATE_FILE, Body=b"ecrase")
    s3.put_object(Bucket=PUBLIC_BUCKET, Key="images/apres.txt", Body=b"apres")

    call_command("restore", str(folder), yes=True, stdout=StringIO())

    assert keys(s3, PUBLIC_BUCKET) == ["documents/guide.txt", PUBLIC_FILE]
    assert keys(s3, PRIVATE_BUCKET) == [PRIVATE_FILE]
    assert stored_text("default", PUBLIC_FILE) == "une image"
    assert stored_text("private", PRIVATE_FILE) == "un compte-rendu"
    # Written by the storages, with what they give every upload.
    assert everyone_can_read(s3, PUBLIC_BUCKET, PUBLIC_FILE)
    assert not everyone_can_read(s3, PRIVATE_BUCKET, PRIVATE_FILE)
    head = s3.head_object(Bucket=PUBLIC_BUCKET, Key=PUBLIC_FILE)
    assert head["CacheControl"] == "public, max-age=31536000"
    # Nothing went to the local folders the tests' storages would otherwise use.
    assert not media_root.exists() and not private_root.exists()
