"""`manage.py copy_media_to_storage`, against moto's S3 server: a site's existing media go into
the bucket under their names, a second run copies nothing, a changed file is replaced, and it
refuses with one line when there is nowhere to copy to or nothing to copy."""

import io

import pytest
from django.core.management import CommandError, call_command

from newscenter.media_settings import MEDIA_CACHE_CONTROL
from tests.media import image_bytes
from tests.s3_storage import from_environment

LOCAL_MEDIA = {
    "covers/2020/11/board.jpg": image_bytes(),
    "uploads/2021/03/02/chart.png": image_bytes("PNG"),
    "uploads/2021/03/02/chart_thumb.png": image_bytes("PNG", size=(75, 42)),
    "covers/seed/封面 1.jpg": image_bytes(color=(200, 10, 10)),
}


@pytest.fixture
def local_media(media_root):
    """A site's existing uploads in MEDIA_ROOT."""
    for name, content in LOCAL_MEDIA.items():
        path = media_root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return media_root


def copy_media(*args):
    out = io.StringIO()
    call_command("copy_media_to_storage", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_copy_puts_every_file_in_the_bucket_under_its_name(s3_bucket, local_media):
    output = copy_media()

    assert "Copied 4 files and replaced 0; 0 already there." in output
    assert s3_bucket.names() == sorted(LOCAL_MEDIA)
    for name, content in LOCAL_MEDIA.items():
        assert s3_bucket.read(name) == content
    assert s3_bucket.metadata("covers/2020/11/board.jpg")["CacheControl"] == MEDIA_CACHE_CONTROL


def test_copying_again_copies_nothing(s3_bucket, local_media):
    copy_media()
    written = {name: s3_bucket.metadata(name)["LastModified"] for name in LOCAL_MEDIA}

    output = copy_media()

    assert "Copied 0 files and replaced 0; 4 already there." in output
    assert {name: s3_bucket.metadata(name)["LastModified"] for name in LOCAL_MEDIA} == written
    assert s3_bucket.names() == sorted(LOCAL_MEDIA)


def test_a_changed_file_replaces_the_one_in_the_bucket_under_the_same_name(s3_bucket, local_media):
    copy_media()
    changed = image_bytes(size=(800, 450))
    (local_media / "covers/2020/11/board.jpg").write_bytes(changed)
    (local_media / "uploads/new.png").write_bytes(image_bytes("PNG"))

    output = copy_media("--verbosity", "2")

    assert "Replaced: covers/2020/11/board.jpg" in output
    assert "Copied: uploads/new.png" in output
    assert "Copied 1 file and replaced 1; 3 already there." in output
    assert s3_bucket.read("covers/2020/11/board.jpg") == changed
    assert s3_bucket.names() == sorted([*LOCAL_MEDIA, "uploads/new.png"])


def test_a_dry_run_writes_nothing(s3_bucket, local_media):
    output = copy_media("--dry-run", "--verbosity", "2")

    assert "Would copy: covers/2020/11/board.jpg" in output
    assert "4 files would be copied and 0 replaced; 0 already there" in output
    assert s3_bucket.names() == []


def test_copy_refuses_when_the_media_are_still_local(local_media):
    with pytest.raises(CommandError, match="still this machine's MEDIA_ROOT"):
        copy_media()


def test_copy_refuses_without_local_media(s3_bucket, media_root):
    assert not media_root.exists()
    with pytest.raises(CommandError, match="is not a folder: there are no local uploads"):
        copy_media()
    assert s3_bucket.names() == []


def test_copy_stops_with_one_line_when_the_bucket_cannot_be_written(
    s3_server, settings, local_media
):
    storage, _origin = from_environment(s3_server.environment("no-such-bucket"))
    settings.STORAGES = {**settings.STORAGES, "default": storage}

    with pytest.raises(CommandError, match="Could not copy covers/2020/11/board.jpg: ") as error:
        copy_media()
    assert "\n" not in str(error.value)
