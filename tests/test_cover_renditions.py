"""The cover's renditions stored on the article (articles.renditions): made once when the cover
is saved, so that the article page shows its cover without asking easy-thumbnails anything.

The tests run with the media in MEDIA_ROOT and in an S3 bucket (the `stored_media` fixture).
"""

import importlib
import io
import json
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from articles.models import Article
from tests.media import Images, image_bytes

fill_cover_pages = importlib.import_module("articles.migrations.0009_cover_page").fill_cover_pages


def stored_size(stored, field_file):
    with Image.open(stored.open(field_file.name)) as image:
        return image.size


def assert_page_rendition_of(stored, article, size=(1200, 675)):
    """`article`, as saved and as stored, has the page rendition of its cover, of `size`."""
    for version in (article, Article.objects.get(pk=article.pk)):
        assert version.cover_page.name.startswith(version.cover.name + ".")
        assert (version.cover_page_width, version.cover_page_height) == size
        assert stored_size(stored, version.cover_page) == size


def thumbnail_queries(queries):
    return [query["sql"] for query in queries if "easy_thumbnails" in query["sql"]]


def cover_images(response):
    """The page's images described as the covers of these tests are."""
    return [image for image in Images(response.content.decode()).images if image.get("alt") == "A"]


@pytest.fixture
def covered(make_article, image_upload, stored_media):
    return make_article(cover=image_upload(size=(1600, 900)), cover_alt="A")


def test_a_saved_cover_gets_its_page_rendition(covered, stored_media):
    assert_page_rendition_of(stored_media, covered)
    assert covered.cover_card.name.startswith(covered.cover.name + ".")
    assert covered.cover_page.name != covered.cover_card.name
    assert stored_media.exists(covered.cover.name)
    assert stored_media.exists(covered.cover_card.name)


def test_a_small_cover_is_not_enlarged(make_article, image_upload, stored_media):
    article = make_article(cover=image_upload(size=(800, 450)))
    assert_page_rendition_of(stored_media, article, size=(800, 450))


def test_the_article_page_shows_the_rendition_without_thumbnail_lookups(
    client, settings, covered, stored_media
):
    settings.PAGE_CACHE_ENABLED = False
    with CaptureQueriesContext(connection) as queries:
        response = client.get(covered.get_absolute_url())

    assert response.status_code == 200
    assert thumbnail_queries(queries) == []
    (image,) = cover_images(response)
    assert image["src"] == covered.cover_page.url
    assert stored_media.name_of(image["src"]) == covered.cover_page.name
    assert (image["width"], image["height"]) == ("1200", "675")


def test_a_replaced_cover_replaces_the_rendition(
    client, settings, covered, image_upload, stored_media
):
    settings.PAGE_CACHE_ENABLED = False
    old = covered.cover_page.name
    article = Article.objects.get(pk=covered.pk)
    article.cover = image_upload(size=(1280, 720))
    article.save()

    assert_page_rendition_of(stored_media, article, size=(1200, 675))
    assert article.cover_page.name != old
    (image,) = cover_images(client.get(article.get_absolute_url()))
    assert image["src"] == article.cover_page.url


def test_a_removed_cover_clears_the_rendition(client, settings, covered):
    settings.PAGE_CACHE_ENABLED = False
    article = Article.objects.get(pk=covered.pk)
    article.cover = None
    article.save()

    for version in (article, Article.objects.get(pk=article.pk)):
        assert not version.cover_page and not version.cover_card
        assert version.cover_page_width is version.cover_page_height is None
    response = client.get(article.get_absolute_url())
    assert cover_images(response) == []
    assert 'class="article__cover"' not in response.content.decode()


def test_saving_an_unchanged_cover_makes_no_rendition(covered):
    article = Article.objects.get(pk=covered.pk)
    article.title = "Renamed"
    with CaptureQueriesContext(connection) as queries:
        article.save()

    assert thumbnail_queries(queries) == []
    assert sum(query["sql"].startswith("UPDATE") for query in queries) == 1  # the save itself


def test_an_article_missing_only_its_page_rendition_gets_it_on_save(covered, stored_media):
    Article.objects.filter(pk=covered.pk).update(
        cover_page=None, cover_page_width=None, cover_page_height=None
    )
    article = Article.objects.get(pk=covered.pk)
    card = article.cover_card.name
    article.save()

    assert_page_rendition_of(stored_media, article)
    assert Article.objects.get(pk=article.pk).cover_card.name == card


def test_seed_articles_fills_the_page_renditions(db, stored_media):
    call_command("seed_articles", "--count", "40", "--seed", "3", stdout=io.StringIO())

    covered = [article for article in Article.objects.all() if article.cover]
    assert covered
    for article in covered:
        assert article.cover_page.name.startswith(article.cover.name + ".")
        assert (article.cover_page_width, article.cover_page_height) == (1200, 675)
        assert stored_media.exists(article.cover_page.name)


def test_import_news_fills_the_page_rendition(category, tmp_path, stored_media):
    name = default_storage.save("covers/2020/11/imported.jpg", ContentFile(image_bytes()))
    path = Path(tmp_path) / "news.jsonl"
    record = {"title": "Imported", "category": category.slug, "body": "<p>B.</p>", "cover": name}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")

    call_command("import_news", str(path), stdout=io.StringIO(), stderr=io.StringIO())

    assert_page_rendition_of(stored_media, Article.objects.get(title="Imported"), size=(640, 360))


# easy-thumbnails warns that it has no SVG support while it tries to read the bad file.
@pytest.mark.filterwarnings("ignore:Could not import VIL")
def test_the_migration_fills_existing_rows_and_skips_broken_covers(
    make_article, image_upload, stored_media
):
    first = make_article(cover=image_upload(size=(1600, 900)))
    sharing = make_article(cover=first.cover.name)  # seeded articles share their covers
    missing = make_article()
    unreadable = make_article()
    default_storage.save("covers/notes.jpg", ContentFile(b"not an image"))
    Article.objects.filter(pk=missing.pk).update(cover="covers/gone.jpg")
    Article.objects.filter(pk=unreadable.pk).update(cover="covers/notes.jpg")
    Article.objects.update(cover_page=None, cover_page_width=None, cover_page_height=None)

    fill_cover_pages(apps, None)

    assert_page_rendition_of(stored_media, Article.objects.get(pk=first.pk))
    assert_page_rendition_of(stored_media, Article.objects.get(pk=sharing.pk))
    for pk in (missing.pk, unreadable.pk):
        article = Article.objects.get(pk=pk)
        assert not article.cover_page and article.cover_page_width is None


def test_adding_the_columns_kept_the_search_triggers(db):
    """The test database is made by every migration: 0009 must not have rebuilt the table,
    which would have dropped SQLite's full-text triggers (see articles/search/)."""
    if connection.vendor != "sqlite":
        pytest.skip("only SQLite keeps its full-text index up to date with triggers")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master "
            "WHERE type = 'trigger' AND tbl_name = 'articles_article'"
        )
        triggers = {name for (name,) in cursor.fetchall()}
    assert triggers >= {
        "articles_article_fts_insert",
        "articles_article_fts_delete",
        "articles_article_fts_update",
    }
