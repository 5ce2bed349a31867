"""Hostile and broken image uploads are refused with a clear message; good ones lose their EXIF.

The tests that look at what is stored run twice: with the uploads in MEDIA_ROOT, and in an S3
bucket (the `stored_media` fixture).
"""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from articles.models import Article
from tests.admin_forms import cover_form
from tests.media import image_bytes

UPLOAD_URL = reverse("ckeditor_upload")
ADD_URL = reverse("admin:articles_article_add")

SVG_WITH_SCRIPT = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def decompression_bomb():
    """A tiny PNG that claims 30,000 × 30,000 pixels (900 megapixels) when decoded."""
    buffer = io.BytesIO()
    Image.new("1", (30_000, 30_000)).save(buffer, "PNG")
    return buffer.getvalue()


def jpeg_with_gps():
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "SpyCam"  # Make
    exif[0x8825] = {1: "N", 2: (39.0, 54.0, 20.0), 3: "E", 4: (116.0, 23.0, 29.0)}  # GPS IFD
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


HOSTILE_FILES = {
    "decompression bomb": ("bomb.png", decompression_bomb(), "too many pixels"),
    "svg with a script": ("logo.svg", SVG_WITH_SCRIPT, "not a complete image"),
    "svg renamed .png": ("logo.png", SVG_WITH_SCRIPT, "not a complete image"),
    "html renamed .jpg": ("photo.jpg", b"<html><script>alert(1)</script></html>", "not a complete"),
    "truncated jpeg": ("cut.jpg", image_bytes()[:600], "not a complete image"),
    "bmp": ("old.bmp", image_bytes("BMP"), "Upload a JPEG, PNG, GIF or WebP"),
    "empty file": ("empty.jpg", b"", "not a complete image"),
}


@pytest.mark.parametrize("name, content, message", HOSTILE_FILES.values(), ids=HOSTILE_FILES)
def test_editor_upload_refuses_hostile_files(editor_client, stored_media, name, content, message):
    response = editor_client.post(UPLOAD_URL, {"upload": SimpleUploadedFile(name, content)})

    assert response.status_code == 400
    assert message in response.json()["error"]["message"]
    assert stored_media.names() == []


@pytest.mark.parametrize("name, content, message", HOSTILE_FILES.values(), ids=HOSTILE_FILES)
def test_cover_upload_refuses_hostile_files(
    editor_client, category, stored_media, name, content, message
):
    response = editor_client.post(ADD_URL, cover_form(category, SimpleUploadedFile(name, content)))

    assert response.status_code == 200  # the form again, with the error at the cover field
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["cover"]
    assert errors["cover"][0] in response.content.decode()
    assert not Article.objects.exists()
    assert stored_media.names() == []


def test_oversized_upload_is_refused_with_the_limit(editor_client, settings, stored_media):
    settings.IMAGE_UPLOAD_MAX_BYTES = 1000
    upload = SimpleUploadedFile("big.jpg", image_bytes(size=(400, 400)))

    response = editor_client.post(UPLOAD_URL, {"upload": upload})

    assert response.status_code == 400
    assert "the limit is 1000" in response.json()["error"]["message"]
    assert stored_media.names() == []


def test_image_over_the_pixel_limit_is_refused(editor_client, settings, stored_media):
    settings.IMAGE_UPLOAD_MAX_PIXELS = 100 * 100
    upload = SimpleUploadedFile("wide.png", image_bytes("PNG", size=(101, 100)))

    response = editor_client.post(UPLOAD_URL, {"upload": upload})

    assert response.status_code == 400
    assert stored_media.names() == []


def test_html_disguised_behind_a_real_png_is_stored_as_a_png(editor_client, stored_media):
    content = image_bytes("PNG") + b"<script>alert(1)</script>"
    response = editor_client.post(UPLOAD_URL, {"upload": SimpleUploadedFile("evil.html", content)})

    url = response.json()["url"]
    assert url.endswith(".png")
    stored = stored_media.read(stored_media.name_of(url))
    assert b"<script>" not in stored


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "GIF", "WEBP"])
def test_editor_upload_accepts_each_format_under_a_random_name(editor_client, stored_media, fmt):
    upload = SimpleUploadedFile(f"Board Meeting.{fmt.lower()}", image_bytes(fmt))

    response = editor_client.post(UPLOAD_URL, {"upload": upload})

    assert response.status_code == 200
    url = response.json()["url"]
    assert "Board" not in url
    with Image.open(stored_media.open(stored_media.name_of(url))) as image:
        assert image.format == fmt


def test_editor_upload_strips_gps_metadata(editor_client, stored_media):
    upload = SimpleUploadedFile("holiday.jpg", jpeg_with_gps())

    url = editor_client.post(UPLOAD_URL, {"upload": upload}).json()["url"]

    with Image.open(stored_media.open(stored_media.name_of(url))) as image:
        assert dict(image.getexif()) == {}


def test_cover_is_stored_without_metadata_under_a_random_name(
    editor_client, category, stored_media
):
    upload = SimpleUploadedFile("ceo-at-home.jpg", jpeg_with_gps())

    response = editor_client.post(ADD_URL, cover_form(category, upload))

    assert response.status_code == 302
    cover = Article.objects.get().cover
    assert "ceo-at-home" not in cover.name and cover.name.endswith(".jpg")
    with Image.open(stored_media.open(cover.name)) as image:
        assert dict(image.getexif()) == {}


# --- CSRF ---------------------------------------------------------------------------------


@pytest.fixture
def csrf_checking_editor_client(editor):
    """An editor's browser: Django's test client skips CSRF checks unless told otherwise."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    return client


def form_token(client):
    """The token in the article form, which the editor's script sends with each upload."""
    page = client.get(ADD_URL).content.decode()
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def test_upload_without_the_csrf_token_is_refused(csrf_checking_editor_client, stored_media):
    client = csrf_checking_editor_client
    client.get(ADD_URL)  # the editor has the CSRF cookie, as in a real session

    response = client.post(UPLOAD_URL, {"upload": SimpleUploadedFile("a.jpg", image_bytes())})

    assert response.status_code == 403
    assert stored_media.names() == []


def test_upload_with_the_token_in_a_header_is_stored(csrf_checking_editor_client, stored_media):
    client = csrf_checking_editor_client

    response = client.post(
        UPLOAD_URL,
        {"upload": SimpleUploadedFile("a.jpg", image_bytes())},
        headers={"X-CSRFToken": form_token(client)},
    )

    assert response.status_code == 200
    assert stored_media.exists(stored_media.name_of(response.json()["url"]))


# --- The file browser's upload tab --------------------------------------------------------


def test_upload_tab_gets_a_script_calling_the_editor_back(editor_client, stored_media):
    upload = SimpleUploadedFile("a.png", image_bytes("PNG"))

    response = editor_client.post(f"{UPLOAD_URL}?CKEditorFuncNum=3", {"upload": upload})

    url = re.search(r'callFunction\(3, "([^"]+)", ""\)', response.text)
    assert url, response.text
    name = stored_media.name_of(url.group(1))
    assert name.startswith("uploads/") and name.endswith(".png")
    assert stored_media.exists(name)


@pytest.mark.parametrize(
    "number",
    ["١", "3\n", "3;alert(1)", "12345678901", "-1", " 3"],
    ids=["arabic-indic digit", "newline", "script", "eleven digits", "negative", "space"],
)
def test_a_callback_number_other_than_ascii_digits_gets_json(editor_client, number):
    upload = SimpleUploadedFile("a.png", image_bytes("PNG"))

    response = editor_client.post(
        UPLOAD_URL, {"upload": upload}, query_params={"CKEditorFuncNum": number}
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "<script>" not in response.text
