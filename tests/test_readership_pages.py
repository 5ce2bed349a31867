"""Where views show: "Most read" on the home page, and the views columns of the article list
in the admin. How views are counted: tests/readership/."""

import html
import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, DailyViews
from articles.readership import batch

from .readership.helpers import beacon, write_batch

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
CHANGELIST_URL = reverse("admin:articles_article_changelist")


@pytest.fixture(autouse=True)
def database_tasks(settings):
    settings.TASKS = DATABASE_TASKS


def read(article, views, days_ago=0):
    DailyViews.objects.create(
        article=article, day=timezone.localdate() - timedelta(days=days_ago), views=views
    )


def most_read_titles(client):
    """The titles in the home page's "Most read" list, in order; None without the list."""
    response = client.get("/")
    assert response.status_code == 200
    section = re.search(r'<section class="most-read".*?</section>', response.content.decode(), re.S)
    if section is None:
        return None
    assert "Most read" in section.group()
    return [
        html.unescape(t) for t in re.findall(r'most-read__link"[^>]*>([^<]*)<', section.group())
    ]


# --- Most read on the home page --------------------------------------------------------------


def test_home_shows_no_most_read_before_anything_is_read(client, make_article):
    make_article(title="Quiet news")
    write_batch()
    assert most_read_titles(client) is None


def test_most_read_ranks_published_articles_by_views_in_the_last_30_days(
    client, make_article, django_capture_on_commit_callbacks
):
    a, b, c = (make_article(title=title) for title in ("Tariffs", "New plant", "Awards"))
    old = make_article(title="Old favourite", publish_at=timezone.now() - timedelta(days=90))
    draft = make_article(title="Unpublished story", status=Article.Status.DRAFT)
    read(a, 50)
    read(b, 30, days_ago=3)
    read(b, 50, days_ago=29)  # the first of the 30 days
    read(c, 20)
    read(old, 500, days_ago=30)  # a day too early
    read(draft, 1000)
    extra = [make_article(title=f"Minor item {n}") for n in range(4)]
    for n, article in enumerate(extra):
        read(article, n + 1)
    with django_capture_on_commit_callbacks(execute=True):
        write_batch()
    assert most_read_titles(client) == [
        "New plant",
        "Tariffs",
        "Awards",
        "Minor item 3",
        "Minor item 2",
    ]


def test_the_cached_home_page_shows_the_list_once_a_batch_changes_it(
    client, make_article, django_capture_on_commit_callbacks, django_assert_num_queries
):
    first, second = make_article(title="First story"), make_article(title="Second story")
    assert most_read_titles(client) is None  # and the home page is now cached
    for n in range(3):
        beacon(second, ip=f"192.0.2.{n}")
    beacon(first, ip="192.0.2.9")
    with django_capture_on_commit_callbacks(execute=True):
        write_batch()
    assert most_read_titles(client) == ["Second story", "First story"]

    # More views that leave the order as it is keep every cached page.
    article_url = first.get_absolute_url()
    Client().get(article_url)
    beacon(second, ip="192.0.2.20")
    cache.delete(batch.MOST_READ_CHECKED_KEY)  # as if the refresh interval had passed
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        write_batch()
    assert callbacks == []
    with django_assert_num_queries(0):
        assert Client().get(article_url).status_code == 200


def test_most_read_costs_the_uncached_home_page_one_query(
    client, settings, make_article, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_ENABLED = False
    articles = [make_article() for _ in range(8)]

    def home_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/").status_code == 200
        return len(queries)

    home_queries()  # the category tabs, remembered from here on
    without = home_queries()
    for n, article in enumerate(articles):
        read(article, n + 1)
    with django_capture_on_commit_callbacks(execute=True):
        write_batch()
    assert len(most_read_titles(client)) == 5
    assert home_queries() == without + 1


# --- The admin's article list ----------------------------------------------------------------


def views_cells(content, column):
    return {
        html.unescape(title): int(views)
        for title, views in re.findall(
            rf'<th class="field-title"><a [^>]*>([^<]*)</a></th>.*?'
            rf'<td class="field-{column}">(\d+)</td>',
            content,
            re.S,
        )
    }


def test_the_article_list_shows_views_in_all_and_over_30_days(editor_client, make_article):
    steady = make_article(title="Steady seller")
    make_article(title="New and quiet")
    read(steady, 100, days_ago=45)
    read(steady, 7, days_ago=2)
    content = editor_client.get(CHANGELIST_URL).content.decode()
    assert views_cells(content, "total_views") == {"Steady seller": 107, "New and quiet": 0}
    assert views_cells(content, "recent_views") == {"Steady seller": 7, "New and quiet": 0}


def test_the_views_columns_cost_no_query_per_row(editor_client, make_article):
    def changelist_queries():
        with CaptureQueriesContext(connection) as queries:
            assert editor_client.get(CHANGELIST_URL).status_code == 200
        return len(queries)

    for n in range(2):
        read(make_article(), n + 1)
    with_two = changelist_queries()
    for n in range(6):
        read(make_article(), n + 1, days_ago=n * 10)
    assert changelist_queries() == with_two


def test_the_article_list_sorts_by_views(editor_client, make_article):
    for title, views in (("Middle", 20), ("Top", 90), ("Bottom", 5)):
        read(make_article(title=title), views)
    content = editor_client.get(CHANGELIST_URL).content.decode()
    header = re.search(
        r'<th scope="col" class="sortable column-total_views">.*?</th>', content, re.S
    )
    (sort_link,) = re.findall(r'<a href="(\?o=[^"]+)"', header.group())
    ascending = editor_client.get(CHANGELIST_URL + html.unescape(sort_link)).content.decode()
    assert list(views_cells(ascending, "total_views")) == ["Bottom", "Middle", "Top"]
