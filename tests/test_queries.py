"""Every public page costs the same few SQL queries with 3 articles as with 300, cache off."""

import xml.etree.ElementTree as ET
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, TaggedArticle
from articles.search import text_from_html
from articles.views import ArticleListView

TAG_PAGE = "/news/tag/wind/"
PAGES = {
    "home": lambda article, category: "/",
    "list": lambda article, category: "/news/",
    "list page 2": lambda article, category: "/news/?page=2",
    "category": lambda article, category: category.get_absolute_url(),
    # With its tags and related articles (add_articles tags it and most others).
    "article": lambda article, category: article.get_absolute_url(),
    "tag": lambda article, category: TAG_PAGE,
    "tag page 2": lambda article, category: TAG_PAGE + "?page=2",
    "search": lambda article, category: "/search/?q=word",
    "feed": lambda article, category: "/feed/",
    "atom feed": lambda article, category: "/feed/atom/",
    "sitemap": lambda article, category: "/sitemap.xml",
    "robots": lambda article, category: "/robots.txt",
    "message form": lambda article, category: "/message/",
}
MAX_QUERIES = 5
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def add_articles(make_article, make_category, category, image_upload):
    """Articles over three categories, every third one pinned, some drafts and scheduled ones,
    tagged "Wind" or "Solar" or both.

    The first three have covers and tags, made the way editors make them; the rest are
    bulk-inserted (a cover each would mean a thumbnail each, and the page under test has its
    own cover).
    """
    categories = [
        category,
        make_category(name="Industry News", slug="industry-news", position=2),
        make_category(name="Media Coverage", slug="media-coverage", position=3),
    ]
    made = [
        make_article(
            title=f"Wind word report {n}",
            category=categories[n % 3],
            pinned=n == 0,
            cover=image_upload(),
            cover_alt=f"Photo for report {n}",
        )
        for n in range(3)
    ]
    for n, article in enumerate(made):
        article.tags.add("Wind", *(["Solar"] if n == 1 else []))
    wind, solar = Tag.objects.get(slug="wind"), Tag.objects.get(slug="solar")

    def add_bulk(count):
        now = timezone.now()
        articles = []
        for n in range(len(made), len(made) + count):
            body = f"<p>Body of wind word report {n}.</p>"
            articles.append(
                Article(
                    title=f"Wind word report {n}",
                    slug=f"wind-word-report-{n}",
                    category=categories[n % 3],
                    summary=f"Summary {n}.",
                    body=body,
                    body_text=text_from_html(body),
                    pinned=n % 3 == 0,
                    status=Article.Status.DRAFT if n % 10 == 0 else Article.Status.PUBLISHED,
                    publish_at=now + timedelta(days=1) if n % 25 == 0 else now - timedelta(hours=n),
                )
            )
        added = Article.objects.bulk_create(articles)
        TaggedArticle.objects.bulk_create(
            TaggedArticle(content_object=article, tag=tag)
            for n, article in enumerate(added)
            for tag in [wind, solar][: n % 3]
        )
        made.extend(added)

    add_bulk.made = made
    add_bulk.categories = categories
    return add_bulk


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), response


def sitemap_sections(client):
    """The section URLs that /sitemap.xml, an index of sections, lists."""
    root = ET.fromstring(client.get("/sitemap.xml").content)
    assert root.tag == f"{SITEMAP_NS}sitemapindex", "/sitemap.xml is not a sitemap index"
    locations = [loc.text for loc in root.iter(f"{SITEMAP_NS}loc")]
    assert locations, "/sitemap.xml lists no sections"
    return [urlsplit(location)._replace(scheme="", netloc="").geturl() for location in locations]


def assert_constant(client, urls, add_articles):
    """Count each URL's queries with 3 articles, add 297 more, count again."""
    for url in urls:
        client.get(url)  # easy-thumbnails records its renditions on first use
    few = {url: count_queries(client, url)[0] for url in urls}
    add_articles(297)
    many = {url: count_queries(client, url)[0] for url in urls}
    for url in urls:
        assert many[url] == few[url], (
            f"{url}: {few[url]} queries with 3 articles, {many[url]} with 300"
        )
        assert few[url] <= MAX_QUERIES, f"{url}: {few[url]} queries, at most {MAX_QUERIES}"


@pytest.mark.parametrize("page", PAGES)
def test_query_count_does_not_grow_with_content(client, settings, monkeypatch, add_articles, page):
    settings.PAGE_CACHE_ENABLED = False
    # Two to a page, so that with only three articles "page 2" exists (a missing page is a 404).
    monkeypatch.setattr(ArticleListView, "paginate_by", 2)
    article = add_articles.made[1]
    url = PAGES[page](article, add_articles.categories[0])
    assert_constant(client, [url], add_articles)


def test_sitemap_sections_cost_a_constant_number_of_queries(client, settings, add_articles):
    settings.PAGE_CACHE_ENABLED = False
    assert_constant(client, sitemap_sections(client), add_articles)


def test_the_three_hundred_articles_are_really_there(client, settings, add_articles):
    """The counts above mean something only if the bulk articles show on the pages."""
    settings.PAGE_CACHE_ENABLED = False
    add_articles(297)
    visible = Article.objects.published().count()
    assert visible > 250
    page = client.get("/news/?page=2").context["page_obj"]
    assert (page.number, page.paginator.count) == (2, visible)
    tagged = Article.objects.published().filter(tags__slug="wind").count()
    assert tagged > 100
    assert client.get(TAG_PAGE).context["page_obj"].paginator.count == tagged
    related = client.get(add_articles.made[1].get_absolute_url()).context["related_articles"]
    assert len(related) == 3


def test_cached_pages_run_no_query_at_all(client, add_articles):
    add_articles(297)
    article = add_articles.made[1]
    # Search and the message form are built for every request (pagecache.middleware).
    cached = [page for page in PAGES if page not in ("search", "message form")]
    urls = [PAGES[page](article, add_articles.categories[0]) for page in cached]
    for url in urls + sitemap_sections(client):
        client.get(url)
        queries, _response = count_queries(client, url)
        assert queries == 0, f"{url}: {queries} queries on a cached page"
