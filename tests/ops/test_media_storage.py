"""Uploaded files go through Django's storage API: local disk by default, an S3 bucket to share."""

import boto3
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile
from moto import mock_aws

from briefings import services as briefing_services
from briefings.models import Briefing
from portal import observability

BUCKET = "portal-media"
REGION = "eu-central-1"


def s3_storage(**overrides):
    options = {
        "bucket": BUCKET,
        "endpoint_url": "",
        "region": REGION,
        "access_key": "test-key",
        "secret_key": "test-secret",
        "prefix": "media",
    }
    return observability.media_storage("s3", **{**options, **overrides})


def test_local_disk_is_the_default():
    assert observability.media_storage(
        "local", bucket="", endpoint_url="", region="", access_key="", secret_key="", prefix=""
    ) == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_s3_storage_keeps_every_object_private_and_unique():
    storage = s3_storage(endpoint_url="https://s3.example.net")
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"] == {
        "bucket_name": BUCKET,
        "location": "media",
        "default_acl": "private",
        "querystring_auth": True,
        "file_overwrite": False,
        "endpoint_url": "https://s3.example.net",
        "region_name": REGION,
        "access_key": "test-key",
        "secret_key": "test-secret",
    }


def test_s3_without_keys_leaves_credentials_to_boto3():
    options = s3_storage(access_key="", secret_key="")["OPTIONS"]
    assert "access_key" not in options and "secret_key" not in options


def test_s3_needs_a_bucket():
    with pytest.raises(ImproperlyConfigured, match="S3_BUCKET"):
        s3_storage(bucket="")


def test_an_unknown_media_storage_is_refused():
    with pytest.raises(ImproperlyConfigured, match="MEDIA_STORAGE"):
        observability.media_storage(
            "nfs", bucket="", endpoint_url="", region="", access_key="", secret_key="", prefix=""
        )


@pytest.fixture
def s3_media(settings):
    with mock_aws():
        client = boto3.client("s3", region_name=REGION)
        client.create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION}
        )
        settings.STORAGES = {**settings.STORAGES, "default": s3_storage()}
        yield client


def published_briefing(team, hr):
    briefing = Briefing.objects.create(
        title_en="New tariff", title_de="Neuer Tarif", author=hr, status=Briefing.Status.PUBLISHED
    )
    briefing.teams.add(team)
    return briefing


def test_a_briefing_attachment_is_stored_in_the_bucket_and_served_only_to_readers(
    cast, team, s3_media, login
):
    briefing = published_briefing(team, cast["hr"])
    attachment = briefing_services.attachment_add(
        briefing=briefing, upload=SimpleUploadedFile("tariff.pdf", b"%PDF-1.4 tariff")
    )

    keys = [item["Key"] for item in s3_media.list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert keys == [f"media/{attachment.file.name}"]
    grants = s3_media.get_object_acl(Bucket=BUCKET, Key=keys[0])["Grants"]
    assert [grant["Grantee"].get("URI") for grant in grants] == [None], "no public or group grant"

    url = f"/briefings/{briefing.pk}/attachments/{attachment.pk}/"
    response = login(cast["agent"]).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 tariff"
    assert login(cast["other_agent"]).get(url).status_code == 404


def test_two_uploads_with_the_same_name_do_not_overwrite_each_other(cast, team, s3_media):
    briefing = published_briefing(team, cast["hr"])
    first = briefing_services.attachment_add(
        briefing=briefing, upload=SimpleUploadedFile("plan.pdf", b"%PDF one")
    )
    second = briefing_services.attachment_add(
        briefing=briefing, upload=SimpleUploadedFile("plan.pdf", b"%PDF two")
    )
    assert first.file.name != second.file.name
    assert (first.file.open("rb").read(), second.file.open("rb").read()) == (
        b"%PDF one",
        b"%PDF two",
    )


def test_media_files_have_no_public_url(cast, team, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    briefing = published_briefing(team, cast["hr"])
    attachment = briefing_services.attachment_add(
        briefing=briefing, upload=SimpleUploadedFile("plan.pdf", b"%PDF")
    )
    assert (tmp_path / attachment.file.name).exists()
    client.force_login(cast["agent"])
    assert client.get(f"/{settings.MEDIA_URL}{attachment.file.name}").status_code == 404
