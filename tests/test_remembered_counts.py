"""The News Center's page count is counted once per change, not for every page built, and is
right again as soon as articles change or a scheduled one goes live.

The page cache is off here: these are the pages staff, and visitors just after a change, get.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article


@pytest.fixture(autouse=True)
def page_cache_off(settings):
    settings.PAGE_CACHE_ENABLED = False


@pytest.fixture
def ten_articles(make_article):
    return [make_article(title=f"Report {n}") for n in range(10)]


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return sum("COUNT(" in query["sql"] for query in queries.captured_queries), response


def test_the_articles_are_counted_once_until_they_change(client, ten_articles):
    assert count_queries(client, "/news/")[0] == 1
    assert count_queries(client, "/news/")[0] == 0
    category = ten_articles[0].category
    assert count_queries(client, category.get_absolute_url())[0] == 1
    assert count_queries(client, category.get_absolute_url())[0] == 0


def test_a_new_article_adds_its_page_at_once(
    client, ten_articles, make_article, django_capture_on_commit_callbacks
):
    assert client.get("/news/?page=2").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        make_article(title="The eleventh report")
    counted, response = count_queries(client, "/news/?page=2")
    assert counted == 1
    assert "Report 0" in response.content.decode()  # the oldest, pushed to page 2


def test_unpublishing_removes_the_page_at_once(
    client, ten_articles, make_article, django_capture_on_commit_callbacks
):
    extra = make_article(title="The eleventh report")
    assert client.get("/news/?page=2").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        extra.status = Article.Status.DRAFT
        extra.save()
    assert client.get("/news/?page=2").status_code == 404


def test_a_scheduled_article_counts_from_its_moment_with_no_write(
    client, ten_articles, make_article, monkeypatch
):
    publish_at = timezone.now() + timedelta(hours=2)
    make_article(title="Results go live at noon", publish_at=publish_at)
    assert client.get("/news/?page=2").status_code == 404
    monkeypatch.setattr(timezone, "now", lambda: publish_at + timedelta(seconds=1))
    assert client.get("/news/?page=2").status_code == 200
