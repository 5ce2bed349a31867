"""Animated images that would take a worker minutes and gigabytes to decode are refused up front.

Each frame of an animation is decoded onto the whole canvas, so a few bytes per frame can cost
a full canvas of work each: the frames count together against IMAGE_UPLOAD_MAX_PIXELS. What is
stored is checked in MEDIA_ROOT and in an S3 bucket (the `stored_media` fixture).
"""

import io
import struct

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from articles.models import Article
from tests.admin_forms import cover_form

UPLOAD_URL = reverse("ckeditor_upload")
ADD_URL = reverse("admin:articles_article_add")

GIF_HEADER = b"GIF89a"
TWO_COLOURS = b"\x00\x00\x00\xff\xff\xff"
LOOP_FOREVER = b"\x21\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00"
SHOW_FOR_100_MS = b"\x21\xf9\x04\x00\x0a\x00\x00\x00"  # graphic control extension
ONE_PIXEL = b"\x02\x02\x44\x01\x00"  # LZW minimum code size 2, one sub-block, end
TRAILER = b"\x3b"


def logical_screen(width, height):
    return struct.pack("<HHBBB", width, height, 0x80, 0, 0) + TWO_COLOURS  # global palette


def one_pixel_frame(left=0, top=0):
    return SHOW_FOR_100_MS + b"\x2c" + struct.pack("<HHHHB", left, top, 1, 1, 0) + ONE_PIXEL


def frame_bomb(frames, width=6000, height=6000):
    """The review's GIF, written by hand: a 6000 × 6000 canvas (36 megapixels, under the
    40-megapixel limit for one image) and `frames` frames of one pixel each."""
    frame_data = b"".join(one_pixel_frame() for _ in range(frames))
    return GIF_HEADER + logical_screen(width, height) + LOOP_FOREVER + frame_data + TRAILER


def growing_canvas_bomb(frames):
    """A 1 × 1 canvas whose later frames sit at (5999, 5999): Pillow grows the canvas to
    6000 × 6000 as it reads them, so the header alone understates the work."""
    later = b"".join(one_pixel_frame(5999, 5999) for _ in range(frames - 1))
    return GIF_HEADER + logical_screen(1, 1) + one_pixel_frame() + later + TRAILER


def animation(fmt, frames, size):
    """A real animation of `frames` differently coloured frames."""
    images = [Image.new("RGB", size, (40 * n % 256, 90, 160)) for n in range(frames)]
    buffer = io.BytesIO()
    images[0].save(buffer, fmt, save_all=True, append_images=images[1:], duration=100, loop=0)
    return buffer.getvalue()


def test_the_frame_bomb_is_what_the_review_describes():
    content = frame_bomb(4)
    assert len(content) == 131
    with Image.open(io.BytesIO(content)) as image:
        assert image.size == (6000, 6000)
        assert image.n_frames == 4


BOMBS = {
    "4 frames": frame_bomb(4),
    "40 frames": frame_bomb(40),
    "growing canvas": growing_canvas_bomb(40),
}


@pytest.mark.parametrize("content", BOMBS.values(), ids=BOMBS)
def test_editor_upload_refuses_a_frame_bomb(editor_client, stored_media, content):
    upload = SimpleUploadedFile("party.gif", content, content_type="image/gif")

    response = editor_client.post(UPLOAD_URL, {"upload": upload})

    assert response.status_code == 400
    assert "The animation is too large" in response.json()["error"]["message"]
    assert stored_media.names() == []


@pytest.mark.parametrize("content", BOMBS.values(), ids=BOMBS)
def test_cover_upload_refuses_a_frame_bomb(editor_client, category, stored_media, content):
    upload = SimpleUploadedFile("party.gif", content, content_type="image/gif")

    response = editor_client.post(ADD_URL, cover_form(category, upload))

    assert response.status_code == 200  # the form again, with the error at the cover field
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["cover"]
    assert "The animation is too large" in errors["cover"][0]
    assert not Article.objects.exists()
    assert stored_media.names() == []


@pytest.mark.parametrize("fmt", ["GIF", "PNG", "WEBP"])
def test_all_frames_together_count_against_the_pixel_limit(editor_client, settings, fmt):
    settings.IMAGE_UPLOAD_MAX_PIXELS = 4 * 50 * 50

    fits = editor_client.post(
        UPLOAD_URL, {"upload": SimpleUploadedFile("a", animation(fmt, 4, (50, 50)))}
    )
    too_many = editor_client.post(
        UPLOAD_URL, {"upload": SimpleUploadedFile("b", animation(fmt, 5, (50, 50)))}
    )

    assert fits.status_code == 200
    assert too_many.status_code == 400
    assert "5 frames of 50 × 50 pixels" in too_many.json()["error"]["message"]


def test_frames_are_limited_in_number_however_small(editor_client, settings, stored_media):
    settings.IMAGE_UPLOAD_MAX_FRAMES = 10

    fits = editor_client.post(
        UPLOAD_URL, {"upload": SimpleUploadedFile("a.gif", animation("GIF", 10, (2, 2)))}
    )
    too_many = editor_client.post(
        UPLOAD_URL, {"upload": SimpleUploadedFile("b.gif", animation("GIF", 11, (2, 2)))}
    )

    assert fits.status_code == 200
    assert too_many.status_code == 400
    assert "at most 10 frames" in too_many.json()["error"]["message"]
    assert stored_media.names() == [stored_media.name_of(fits.json()["url"])]


def test_an_animation_with_a_broken_later_frame_is_refused(editor_client, stored_media):
    """Only the first frame used to be decoded on the way in; the broken one failed later."""
    content = animation("GIF", 3, (64, 64))
    broken = content[:-12] + TRAILER  # the last frame's image data cut short

    response = editor_client.post(UPLOAD_URL, {"upload": SimpleUploadedFile("cut.gif", broken)})

    assert response.status_code == 400
    assert "not a complete image" in response.json()["error"]["message"]
    assert stored_media.names() == []
