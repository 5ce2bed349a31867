"""Stale while revalidating: after a write, one request builds each page again while the others
may get the copy from just before the write, for PAGE_CACHE_STALE_SECONDS at most, and never
staff.

"Another worker is building it" is the page's rebuild lock, taken in the pages cache as that
worker would take it.
"""

import pytest
from django.core.cache import caches
from django.test import Client, RequestFactory

from pagecache import freshness
from pagecache.middleware import page_key


@pytest.fixture
def article(make_article):
    return make_article(title="Hydrogen plant opens")


@pytest.fixture
def edit(article, django_capture_on_commit_callbacks):
    """Rename the article and commit: every cached page is stale from now on."""

    def edit(title):
        with django_capture_on_commit_callbacks(execute=True):
            article.title = title
            article.save()

    return edit


def another_worker_rebuilds(url):
    key = page_key(RequestFactory().get(url))
    assert caches["pages"].add(freshness.REBUILD_KEY_PREFIX + key, True, 60)


def text(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def seconds_later(monkeypatch, seconds):
    now = freshness.clock()
    monkeypatch.setattr(freshness, "clock", lambda: now + seconds)


def test_the_first_visitor_after_a_write_gets_the_new_page(client, edit):
    assert "Hydrogen plant opens" in text(client, "/news/")
    edit("Hydrogen plant doubles output")
    assert "Hydrogen plant doubles output" in text(Client(), "/news/")


def test_while_another_worker_rebuilds_visitors_get_the_previous_copy(client, edit):
    text(client, "/news/")
    edit("Hydrogen plant doubles output")
    another_worker_rebuilds("/news/")
    assert "Hydrogen plant opens" in text(Client(), "/news/")


def test_the_previous_copy_is_served_only_for_the_allowed_seconds(
    client, edit, settings, monkeypatch
):
    settings.PAGE_CACHE_STALE_SECONDS = 5
    text(client, "/news/")
    edit("Hydrogen plant doubles output")
    another_worker_rebuilds("/news/")
    seconds_later(monkeypatch, 4.9)
    assert "Hydrogen plant opens" in text(Client(), "/news/")
    seconds_later(monkeypatch, 0.1)
    assert "Hydrogen plant doubles output" in text(Client(), "/news/")


def test_staff_never_get_the_previous_copy(client, edit, editor):
    text(client, "/news/")
    edit("Hydrogen plant doubles output")
    another_worker_rebuilds("/news/")
    staff = Client()
    staff.force_login(editor)
    assert "Hydrogen plant doubles output" in text(staff, "/news/")


def test_a_copy_from_before_two_writes_is_never_served(client, edit):
    text(client, "/news/")
    edit("Hydrogen plant doubles output")
    edit("Hydrogen plant triples output")
    another_worker_rebuilds("/news/")
    assert "Hydrogen plant triples output" in text(Client(), "/news/")


def test_no_stale_copy_when_the_setting_is_zero(client, edit, settings):
    settings.PAGE_CACHE_STALE_SECONDS = 0
    text(client, "/news/")
    edit("Hydrogen plant doubles output")
    another_worker_rebuilds("/news/")
    assert "Hydrogen plant doubles output" in text(Client(), "/news/")


def test_the_rebuilding_request_releases_its_lock(client, edit, article):
    text(client, "/news/")
    text(client, article.get_absolute_url())
    edit("Hydrogen plant doubles output")
    text(Client(), "/news/")  # takes the lock, builds, stores and releases
    key = page_key(RequestFactory().get("/news/"))
    assert caches["pages"].get(freshness.REBUILD_KEY_PREFIX + key) is None
    # A page that is not stored (a slug written wrong redirects) releases it too.
    wrong = article.get_absolute_url().replace(article.slug, "wrong-slug")
    assert Client().get(wrong).status_code == 301
    key = page_key(RequestFactory().get(wrong))
    assert caches["pages"].get(freshness.REBUILD_KEY_PREFIX + key) is None
