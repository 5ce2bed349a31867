"""Public pages cost the same number of SQL queries with 3 articles as with 30."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

PAGES = {
    "home": lambda article, category: "/",
    "list": lambda article, category: "/news/",
    "category": lambda article, category: category.get_absolute_url(),
    "article": lambda article, category: article.get_absolute_url(),
    "search": lambda article, category: "/search/?q=word",
    "feed": lambda article, category: "/feed/",
    "sitemap": lambda article, category: "/sitemap.xml",
}
# Without any cache in front. The article page also looks up its cover rendition.
LIMITS = {"home": 5, "list": 5, "category": 5, "search": 5, "article": 8}


@pytest.fixture
def add_articles(make_article, make_category, category, image_upload):
    """Articles with covers over two categories, every third one pinned."""
    categories = [category, make_category(name="Industry News", slug="industry-news")]
    made = []

    def add(count):
        for _ in range(count):
            n = len(made)
            made.append(
                make_article(
                    title=f"Wind word report {n}",
                    category=categories[n % 2],
                    pinned=n % 3 == 0,
                    cover=image_upload(),
                    cover_alt=f"Photo for report {n}",
                )
            )
        return made

    add.categories = categories
    return add


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("page", PAGES)
def test_query_count_does_not_grow_with_content(client, settings, add_articles, page):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    article = add_articles(3)[0]
    url = PAGES[page](article, add_articles.categories[0])
    client.get(url)  # easy-thumbnails records its renditions on first use
    few = count_queries(client, url)

    add_articles(27)
    many = count_queries(client, url)

    assert many == few, f"{url}: {few} queries with 3 articles, {many} with 30"
    if page in LIMITS:
        assert few <= LIMITS[page], f"{url}: {few} queries, at most {LIMITS[page]} expected"
