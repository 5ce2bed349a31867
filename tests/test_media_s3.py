"""Media in an S3-compatible bucket (AWS_STORAGE_BUCKET_NAME), against moto's S3 server: uploads
land in the bucket, pages link them at stable public addresses that the page's policy allows,
the editor's file browser lists them, and unused covers leave it. The hostile-upload and metadata
tests run against the bucket too (the `stored_media` fixture in their modules);
copy_media_to_storage: test_copy_media_to_storage.py."""

import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from articles.models import Article
from newscenter.media_settings import LOCAL_STORAGE, MEDIA_CACHE_CONTROL
from tests.admin_forms import article_form
from tests.media import Images, image_bytes
from tests.s3_storage import from_environment

ROOT = Path(__file__).resolve().parent.parent
ADD_URL = reverse("admin:articles_article_add")
UPLOAD_URL = reverse("ckeditor_upload")
BROWSE_URL = reverse("ckeditor_browse")


def fetched(url):
    """What a visitor's browser gets at `url`: no credentials, plain HTTP."""
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.headers, response.read()


def renditions(article):
    return [article.cover.name, article.cover_card.name, article.cover_page.name]


@pytest.fixture
def no_page_cache(settings):
    settings.PAGE_CACHE_ENABLED = False


# --- Covers ---------------------------------------------------------------------------------------


@pytest.fixture
def covered(s3_bucket, editor_client, category, image_upload):
    """An article an editor published with a cover, through the admin."""
    form = article_form(category, cover=image_upload("board.jpg", size=(1600, 900)))
    assert editor_client.post(ADD_URL, form).status_code == 302
    return Article.objects.get()


def test_a_cover_uploaded_in_the_admin_is_stored_in_the_bucket(s3_bucket, covered, media_root):
    assert s3_bucket.names() == sorted(renditions(covered))
    with Image.open(s3_bucket.open(covered.cover_page.name)) as image:
        assert image.size == (1200, 675)
    assert not media_root.exists()  # nothing on this host's disk


def test_pages_show_covers_at_public_bucket_addresses(
    client, s3_bucket, covered, settings, no_page_cache
):
    article_page = client.get(covered.get_absolute_url())
    news_list = client.get(reverse("articles:list"))

    (cover,) = Images(article_page.content.decode()).sources(alt=covered.cover_alt)
    (card,) = Images(news_list.content.decode()).sources(alt=covered.cover_alt)
    assert s3_bucket.name_of(cover) == covered.cover_page.name  # no query string either
    assert s3_bucket.name_of(card) == covered.cover_card.name
    assert cover.startswith(settings.MEDIA_ORIGIN + "/")
    for page in (article_page, news_list):
        img_src = page["Content-Security-Policy"].split("img-src ")[1].split(";")[0]
        assert settings.MEDIA_ORIGIN in img_src.split()  # the browser may load them


def test_a_visitor_gets_the_cover_from_the_bucket_cacheable(s3_bucket, covered):
    headers, body = fetched(covered.cover_page.url)

    assert headers["Content-Type"] == "image/jpeg"
    assert headers["Cache-Control"] == MEDIA_CACHE_CONTROL
    assert body == s3_bucket.read(covered.cover_page.name)


def test_a_replaced_cover_leaves_only_the_new_one_in_the_bucket(
    s3_bucket, make_article, image_upload, django_capture_on_commit_callbacks
):
    article = make_article(cover=image_upload(size=(800, 450)))  # no revision keeps the old one
    old = renditions(article)

    with django_capture_on_commit_callbacks(execute=True):
        article.cover = image_upload("new.jpg")
        article.save()

    assert s3_bucket.names() == sorted(renditions(article))
    assert not set(old) & set(s3_bucket.names())


def test_a_deleted_article_leaves_nothing_in_the_bucket(
    s3_bucket, make_article, image_upload, django_capture_on_commit_callbacks
):
    article = make_article(cover=image_upload(size=(800, 450)))  # saved without a revision
    assert s3_bucket.names() == sorted(renditions(article))

    with django_capture_on_commit_callbacks(execute=True):
        article.delete()

    assert s3_bucket.names() == []


# --- Editor images ------------------------------------------------------------------------------


def test_an_editor_image_is_stored_in_the_bucket_at_a_public_address(s3_bucket, editor_client):
    upload = SimpleUploadedFile("Chart.png", image_bytes("PNG"))

    response = editor_client.post(UPLOAD_URL, {"upload": upload})

    assert response.status_code == 200
    name = s3_bucket.name_of(response.json()["url"])
    assert name.startswith("uploads/") and name.endswith(".png")
    thumbnail = name.removesuffix(".png") + "_thumb.png"  # the file browser's
    assert s3_bucket.names() == sorted([name, thumbnail])
    headers, body = fetched(response.json()["url"])
    assert headers["Content-Type"] == "image/png"
    assert headers["Cache-Control"] == MEDIA_CACHE_CONTROL
    assert body == s3_bucket.read(name)


def test_an_html_file_behind_a_png_is_served_as_a_png(s3_bucket, editor_client):
    """The bucket serves each object with the type it was stored with: never as a page."""
    upload = SimpleUploadedFile("evil.html", image_bytes("PNG") + b"<script>alert(1)</script>")

    url = editor_client.post(UPLOAD_URL, {"upload": upload}).json()["url"]

    headers, body = fetched(url)
    assert headers["Content-Type"] == "image/png"
    assert b"<script>" not in body


def test_the_file_browser_lists_the_images_in_the_bucket(s3_bucket, editor_client):
    urls = []
    for fmt in ("JPEG", "PNG"):
        upload = SimpleUploadedFile(f"photo.{fmt.lower()}", image_bytes(fmt))
        urls.append(editor_client.post(UPLOAD_URL, {"upload": upload}).json()["url"])

    response = editor_client.get(BROWSE_URL)

    assert response.status_code == 200
    sources = Images(response.content.decode()).sources()
    for url in urls:
        stem, extension = s3_bucket.name_of(url).rsplit(".", 1)
        thumbnail = f"{s3_bucket.public_url}{stem}_thumb.{extension}"
        assert thumbnail in sources  # each image shows as its thumbnail, from the bucket
        assert url in response.content.decode()  # and links to the image itself


@pytest.mark.parametrize("who, status", [("anonymous", 302), ("message handler", 403)])
def test_who_may_not_upload_stores_nothing_in_the_bucket(s3_bucket, client, handler, who, status):
    if who == "message handler":
        client.force_login(handler)
    upload = SimpleUploadedFile("a.jpg", image_bytes())

    response = client.post(UPLOAD_URL, {"upload": upload})

    assert response.status_code == status  # to the login page, or forbidden
    assert s3_bucket.names() == []


# --- Settings: where the bucket's objects are public ------------------------------------------

BUCKET = {"AWS_STORAGE_BUCKET_NAME": "news-media"}


def test_without_a_bucket_media_stay_in_media_root():
    assert from_environment({}) == (LOCAL_STORAGE, None)


@pytest.mark.parametrize(
    "variables, address, origin",
    [
        (
            {"AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9000"},
            "http://127.0.0.1:9000/news-media/",
            "http://127.0.0.1:9000",
        ),
        (
            {"AWS_S3_ENDPOINT_URL": "https://storage.example.com/s3/"},
            "https://storage.example.com/s3/news-media/",
            "https://storage.example.com",
        ),
        (
            {"AWS_S3_REGION_NAME": "eu-west-1"},
            "https://news-media.s3.eu-west-1.amazonaws.com/",
            "https://news-media.s3.eu-west-1.amazonaws.com",
        ),
        ({}, "https://news-media.s3.amazonaws.com/", "https://news-media.s3.amazonaws.com"),
        (
            {
                "AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9000",
                "AWS_S3_CUSTOM_DOMAIN": "media.example.com/news/",
            },
            "https://media.example.com/news/",
            "https://media.example.com",
        ),
        (
            {"AWS_S3_CUSTOM_DOMAIN": "http://cdn.intranet.example/"},
            "http://cdn.intranet.example/",
            "http://cdn.intranet.example",
        ),
    ],
    ids=["endpoint", "endpoint with a path", "aws region", "aws", "cdn", "cdn as a url"],
)
def test_public_addresses_are_plain_and_permanent(variables, address, origin):
    storage, media_origin = from_environment({**BUCKET, **variables})
    options = storage["OPTIONS"]

    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert f"{options['url_protocol']}//{options['custom_domain']}/" == address
    assert media_origin == origin
    assert options["querystring_auth"] is False  # no signature that expires
    assert options["file_overwrite"] is False  # a cached address never changes content


@pytest.mark.parametrize("endpoint", ["127.0.0.1:9000", "ftp://storage.example.com", "http://"])
@pytest.mark.parametrize("cdn", ["", "media.example.com"], ids=["direct", "behind a cdn"])
def test_an_endpoint_that_is_not_an_http_address_is_refused(endpoint, cdn):
    variables = {**BUCKET, "AWS_S3_ENDPOINT_URL": endpoint, "AWS_S3_CUSTOM_DOMAIN": cdn}
    with pytest.raises(ImproperlyConfigured, match="AWS_S3_ENDPOINT_URL must be an http"):
        from_environment(variables)


def test_a_cdn_address_that_is_not_http_is_refused():
    with pytest.raises(ImproperlyConfigured, match="AWS_S3_CUSTOM_DOMAIN must be an http"):
        from_environment({**BUCKET, "AWS_S3_CUSTOM_DOMAIN": "ftp://media.example.com"})


def test_settings_send_uploads_to_the_bucket_and_allow_its_images(tmp_path):
    """What a host gets from the variables alone: settings.py read in a fresh process."""
    script = (
        "from django.conf import settings; "
        "print(settings.STORAGES['default']['BACKEND']); "
        "print(settings.STORAGES['staticfiles']['BACKEND']); "
        "print(' '.join(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']))"
    )
    variables = {
        **BUCKET,
        "AWS_S3_ENDPOINT_URL": "https://storage.example.com",
        "DJANGO_SETTINGS_MODULE": "newscenter.settings",
        "DJANGO_SECRET_KEY": "tests-only-not-secret",
        "DJANGO_ALLOWED_HOSTS": "news.example.com",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], "HOME": str(tmp_path), **variables},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    default, static, img_src = result.stdout.splitlines()
    assert default == "storages.backends.s3.S3Storage"
    assert static == "whitenoise.storage.CompressedManifestStaticFilesStorage"  # unchanged
    assert img_src.split() == ["'self'", "data:", "https://storage.example.com"]
