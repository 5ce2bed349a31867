"""Article views: counted from a beacon while the pages come from the page cache; staff, bots,
other sites and floods are not counted.

The page cache is on (test settings). The batches: test_batches.py; the home page and the
admin: tests/test_readership_pages.py.
"""

import re
import runpy
from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles.models import Article, DailyViews
from articles.readership import counter_key, counters
from articles.readership.counters import SEQUENCE_KEY

from .helpers import (
    BROWSER,
    NOON,
    SAME_ORIGIN,
    SETTINGS_MODULE,
    beacon,
    stored_views,
    write_batch,
)


def test_100_sessions_are_100_views_after_the_batch_while_every_page_came_from_the_cache(
    article, database_tasks, django_assert_num_queries
):
    url = article.get_absolute_url()
    assert Client().get(url).status_code == 200  # the first visitor's page is stored
    for n in range(100):
        visitor = Client(enforce_csrf_checks=True, REMOTE_ADDR=f"198.51.100.{n}")
        with django_assert_num_queries(0):
            page = visitor.get(url, headers={"User-Agent": BROWSER})
        assert page.status_code == 200
        (read_url,) = re.findall(r'data-read-url="([^"]+)"', page.content.decode())
        response = visitor.post(read_url, headers=SAME_ORIGIN)
        assert response.status_code == 204
    assert DailyViews.objects.count() == 0  # no write per view
    assert DBTaskResult.objects.count() == 1  # one batch queued for the interval
    write_batch()
    assert stored_views(article) == 100
    assert DailyViews.objects.get().day == timezone.localdate()


def test_a_view_costs_one_read_and_no_write(article, database_tasks, django_assert_num_queries):
    beacon(article)  # the first one queues the batch
    with django_assert_num_queries(1) as queries:
        assert beacon(article).status_code == 204
    assert queries.captured_queries[0]["sql"].lstrip().startswith("SELECT")


def test_the_beacon_is_never_cached_and_takes_only_post(client, article):
    response = beacon(article)
    assert response.status_code == 204
    assert "no-store" in response["Cache-Control"]
    assert client.get(reverse("articles:read", args=[article.pk])).status_code == 405


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param({"Sec-Fetch-Site": "cross-site"}, id="cross-site"),
        pytest.param({"Sec-Fetch-Site": "same-site"}, id="another subdomain"),
        pytest.param({"Sec-Fetch-Site": "none"}, id="typed in"),
        pytest.param({"Sec-Fetch-Site": None, "Origin": "https://evil.example"}, id="other origin"),
        pytest.param({"Sec-Fetch-Site": None, "Origin": "null"}, id="opaque origin"),
        pytest.param({"Sec-Fetch-Site": None}, id="no origin at all"),
    ],
)
def test_another_site_cannot_count_views(article, database_tasks, headers):
    response = beacon(article, **headers)
    assert response.status_code == 403
    write_batch()
    assert stored_views() == 0


def test_an_older_browser_is_known_by_its_origin(article, database_tasks):
    response = beacon(article, **{"Sec-Fetch-Site": None, "Origin": "https://testserver"})
    assert response.status_code == 204
    write_batch()
    assert stored_views(article) == 1


def test_staff_reading_is_not_counted(editor_client, article, database_tasks):
    assert beacon(article, client=editor_client).status_code == 204
    write_batch()
    assert stored_views() == 0


@pytest.mark.parametrize(
    "user_agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/131.0 Safari/537.36",
        "facebookexternalhit/1.1",
        "curl/8.5.0",
        "python-requests/2.32",
        "",
    ],
)
def test_bots_are_not_counted(article, database_tasks, user_agent):
    assert beacon(article, **{"User-Agent": user_agent}).status_code == 204
    write_batch()
    assert stored_views() == 0


@time_machine.travel(NOON, tick=False)
def test_the_rate_limit_holds_per_address(article, database_tasks, settings):
    settings.ARTICLE_VIEWS_RATE_LIMIT = 3
    settings.ARTICLE_VIEWS_RATE_WINDOW = 60
    statuses = [beacon(article, ip="203.0.113.7").status_code for _ in range(5)]
    assert statuses == [204, 204, 204, 429, 429]
    assert int(beacon(article, ip="203.0.113.7")["Retry-After"]) == 60
    # One IPv6 host: its whole /64 counts as one address.
    ipv6 = [beacon(article, ip=f"2001:db8:1:2::{n}").status_code for n in range(1, 5)]
    assert ipv6 == [204, 204, 204, 429]
    assert beacon(article, ip="198.51.100.1").status_code == 204  # another visitor
    write_batch()
    assert stored_views(article) == 7
    with time_machine.travel(NOON + timedelta(seconds=60), tick=False):
        assert beacon(article, ip="203.0.113.7").status_code == 204  # the next window


def test_a_flood_from_many_addresses_cannot_evict_the_counts(
    article, database_tasks, settings, monkeypatch
):
    """The rate limit's keys are a fixed number of slots, so even a cache that holds only 150
    entries keeps the counts while 400 addresses send a beacon each."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "small-default",
            "OPTIONS": {"MAX_ENTRIES": 150},
        },
    }
    monkeypatch.setattr(counters, "RATE_BUCKETS", 32)
    for n in range(400):
        assert beacon(article, ip=f"10.0.{n // 256}.{n % 256}").status_code == 204
    write_batch()
    assert stored_views(article) == 400


@pytest.mark.parametrize("kind", ["draft", "scheduled", "unknown"])
def test_only_published_articles_are_counted(make_article, database_tasks, kind):
    if kind == "unknown":
        pk = Article.objects.count() + 1000
    else:
        fields = {"draft": {"status": Article.Status.DRAFT}}.get(kind, {})
        if kind == "scheduled":
            fields["publish_at"] = timezone.now() + timedelta(days=1)
        pk = make_article(**fields).pk
    assert beacon(pk).status_code == 404
    assert cache.get(counter_key(pk, timezone.localdate())) is None
    assert cache.get(SEQUENCE_KEY) is None  # no counter was announced either
    write_batch()
    assert stored_views() == 0


def test_preview_pages_send_no_beacon(editor_client, make_article):
    draft = make_article(status=Article.Status.DRAFT)
    page = editor_client.get(reverse("articles:preview", args=[draft.pk]))
    assert page.status_code == 200
    assert "data-read-url" not in page.content.decode()


@pytest.mark.parametrize(
    "variable",
    ["ARTICLE_VIEWS_RATE_LIMIT", "ARTICLE_VIEWS_RATE_WINDOW", "ARTICLE_VIEWS_WRITE_INTERVAL"],
)
def test_a_limit_below_one_stops_start_up(monkeypatch, variable):
    monkeypatch.setenv(variable, "0")
    with pytest.raises(ImproperlyConfigured, match=variable):
        runpy.run_path(str(SETTINGS_MODULE))


def test_an_id_past_what_the_database_holds_is_a_404(article, database_tasks):
    assert beacon(10**30).status_code == 404
