"""Replacing or removing a cover deletes the old original and its renditions once no article and
no revision uses them any more (articles.covers); a revision that uses one keeps it.

Each test runs with the media in MEDIA_ROOT and in an S3 bucket (the `stored_media` fixture).
"""

import io

import pytest
import reversion
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from articles.models import Article

from .admin_forms import article_form

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:articles_article_add")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def files_of(article):
    """The names of the article's cover and of its two renditions."""
    names = [article.cover.name, article.cover_card.name, article.cover_page.name]
    assert all(names) and names[0] != names[1]
    return names


def versions(article):
    return list(Version.objects.get_for_object(article).order_by("pk"))


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a block as a request or command would: what waits for the commit runs after it."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def exist(stored_media):
    """Those of the names given that are stored: in MEDIA_ROOT, then in the bucket."""
    return lambda names: [name for name in names if stored_media.exists(name)]


@pytest.fixture
def covered(make_article, image_upload, exist):
    """An article with a cover, saved without a revision (as a script would)."""
    return make_article(title="Covered", slug="covered", cover=image_upload(size=(800, 450)))


@pytest.fixture
def edited_twice(editor_client, category, image_upload, committed, exist):
    """An article an editor added with a cover, then gave another cover: two revisions."""
    with committed():
        editor_client.post(ADD_URL, article_form(category, slug="s", cover=image_upload("a.jpg")))
    article = Article.objects.get()
    first_files = files_of(article)
    with committed():
        response = editor_client.post(
            change_url(article), article_form(category, slug="s", cover=image_upload("b.jpg"))
        )
    assert response.status_code == 302
    article.refresh_from_db()
    return article, first_files


def test_a_replaced_cover_no_revision_uses_is_deleted_with_its_renditions(
    editor_client, covered, image_upload, committed, exist
):
    old = files_of(covered)
    assert exist(old) == old

    with committed():
        response = editor_client.post(
            change_url(covered),
            article_form(covered.category, slug="covered", cover=image_upload("new.jpg")),
        )

    assert response.status_code == 302
    covered.refresh_from_db()
    assert exist(old) == []
    new = files_of(covered)
    assert exist(new) == new


def test_a_cleared_cover_no_revision_uses_is_deleted(editor_client, covered, committed, exist):
    old = files_of(covered)

    with committed():
        editor_client.post(
            change_url(covered),
            article_form(covered.category, slug="covered", **{"cover-clear": "on"}),
        )

    covered.refresh_from_db()
    assert not covered.cover
    assert exist(old) == []


def test_a_replaced_cover_a_revision_uses_stays_until_the_revisions_are_deleted(
    edited_twice, committed, exist
):
    article, first = edited_twice
    current = files_of(article)
    assert exist(first) == first  # the first revision still shows this cover
    assert exist(current) == current

    with committed():
        call_command("deleterevisions", "articles.Article", keep=1, stdout=io.StringIO())

    assert len(versions(article)) == 1
    assert exist(first) == []
    assert exist(current) == current


def test_restoring_a_revision_brings_its_kept_cover_back(
    editor_client, edited_twice, committed, exist
):
    article, first = edited_twice
    replaced = files_of(article)
    old_version = versions(article)[0]
    restore_url = reverse("admin:articles_article_revision", args=[article.pk, old_version.pk])

    with committed():
        response = editor_client.post(restore_url, article_form(article.category, slug="s"))

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.cover.name == first[0]
    assert article.cover_page.name.startswith(article.cover.name + ".")
    page = Client().get(article.get_absolute_url()).content.decode()
    assert article.cover_page.url in page
    assert exist(replaced) == replaced  # the second revision still uses it


def test_a_cover_another_article_uses_is_kept(
    covered, make_article, image_upload, committed, exist
):
    twin = make_article(title="Twin", cover=covered.cover.name)  # as seeded articles share one
    shared = files_of(covered)
    assert files_of(twin) == shared

    with committed():
        covered.cover = image_upload("new.jpg")
        covered.save()
    assert exist(shared) == shared

    with committed():
        twin.cover = ""
        twin.save()
    assert exist(shared) == []


def test_a_deleted_articles_cover_stays_while_its_revisions_exist(
    editor_client, edited_twice, committed, exist
):
    article, first = edited_twice
    current = files_of(article)

    with committed():
        response = editor_client.post(
            reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"}
        )

    assert response.status_code == 302
    assert not Article.objects.exists()
    assert exist(current) == current  # a recovery brings the article back with it

    with committed():
        call_command("deleterevisions", stdout=io.StringIO())

    assert exist(current) == [] and exist(first) == []


def test_an_article_deleted_without_revisions_loses_its_cover(covered, committed, exist):
    old = files_of(covered)

    with committed():
        covered.delete()

    assert exist(old) == []


def test_deleting_version_rows_releases_their_covers(edited_twice, committed, exist):
    article, first = edited_twice

    with committed():
        versions(article)[0].delete()

    assert exist(first) == []
    assert exist(files_of(article)) == files_of(article)


def test_a_rolled_back_change_keeps_the_old_cover(covered, image_upload, committed, exist):
    old = files_of(covered)

    with committed(), pytest.raises(RuntimeError), transaction.atomic():
        covered.cover = image_upload("new.jpg")
        covered.save()
        raise RuntimeError("the request failed after the save")

    assert exist(old) == old
    covered.refresh_from_db()
    assert covered.cover.name == old[0]


def test_a_cover_in_a_revision_of_an_article_made_by_a_command_is_kept(
    covered, image_upload, committed, exist
):
    with reversion.create_revision():
        covered.save()  # what loaddemo and the importers do
    old = files_of(covered)

    with committed():
        covered.cover = image_upload("new.jpg")
        covered.save()

    assert exist(old) == old
