"""Security review, finding 3: the page cache can be neither flooded nor bypassed.

A page is stored once whatever query string it is asked with, a page number written another way
is redirected, and the cache's freshness record lives apart from the pages, where no flood of
pages can cull it.
"""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pagecache.freshness import GENERATION_KEY

HOT_PAGES = [
    "/",
    "/news/",
    "/news/?page=2",
    "/news/category/company-news/",
    "/feed/",
    "/feed/atom/",
    "/sitemap.xml",
    "/robots.txt",
]


@pytest.fixture
def site(make_article):
    articles = [make_article(title=f"Harbour report {n}") for n in range(15)]
    return articles


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_every_hot_page_survives_a_flood_of_query_strings(client, site):
    hot = [*HOT_PAGES, site[0].get_absolute_url()]
    for url in hot:
        client.get(url)
    for n in range(1, 401):
        assert client.get(f"/robots.txt?page={n}").status_code == 200
        client.get(f"/news/?page={n}")  # pages 3..400 don't exist: 404, never stored
        client.get(f"/feed/?p={n}&utm_source={n}")
    for url in hot:
        assert queries_for(client, url) == 0, f"{url} was pushed out of the cache"


@pytest.mark.parametrize("value", ["01", "+1", "%201", "1_0", "%D9%A1", "1&page=1"])
def test_robots_and_articles_ignore_parameters_they_do_not_read(client, site, value):
    client.get("/robots.txt")
    assert queries_for(client, f"/robots.txt?page={value}") == 0
    url = site[0].get_absolute_url()
    client.get(url)
    assert queries_for(client, f"{url}?page={value}&p={value}") == 0


@pytest.mark.parametrize(
    ("query", "status", "location"),
    [
        ("?p=1", 301, "/sitemap-articles.xml"),
        ("?p=01", 301, "/sitemap-articles.xml"),
        ("?p=%2B1", 301, "/sitemap-articles.xml"),
        ("?p=abc", 404, None),
        ("?p=%D9%A1", 404, None),
        ("?p=2", 404, None),  # one section page only
    ],
)
def test_sitemap_pages_have_one_address(client, site, query, status, location):
    response = client.get(f"/sitemap-articles.xml{query}")
    assert response.status_code == status
    if location:
        assert response["Location"] == location


def test_a_flood_of_real_pages_cannot_cull_the_freshness_record(client, settings, site):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "tiny-pages",
            "OPTIONS": {"MAX_ENTRIES": 5},
        },
    }
    client.get("/")
    token = cache.get(GENERATION_KEY).token
    for article in site:
        client.get(article.get_absolute_url())
    assert cache.get(GENERATION_KEY).token == token


def test_without_cache_url_pages_and_records_are_separate_disk_caches(tmp_path):
    """The default set-up: two diskcache stores, shared by the workers, sized in megabytes."""
    env = {k: v for k, v in os.environ.items() if k != "CACHE_URL"}
    env.update(DJANGO_DEBUG="1", PAGE_CACHE_SIZE_MB="64")
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        "print(json.dumps(settings.CACHES, default=str))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**env, "DJANGO_SETTINGS_MODULE": "newscenter.settings"},
        capture_output=True,
        text=True,
        check=True,
        cwd=django_settings.BASE_DIR,
    )
    caches = json.loads(result.stdout)
    assert caches["default"]["BACKEND"] == "newscenter.cache_backends.DiskCache"
    assert caches["pages"]["BACKEND"] == "newscenter.cache_backends.DiskCache"
    assert caches["pages"]["LOCATION"] != caches["default"]["LOCATION"]
    assert caches["pages"]["OPTIONS"]["size_limit"] == 64 * 2**20
