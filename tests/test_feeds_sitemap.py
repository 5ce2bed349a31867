"""RSS and Atom feeds, the sitemap and robots.txt, read as a machine reads them."""

import xml.etree.ElementTree as ET
from datetime import timedelta
from email.utils import parsedate_to_datetime

import pytest
from django.utils import timezone

from articles.models import Article
from articles.sitemaps import ArticleSitemap

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ORIGIN = "http://testserver"


@pytest.fixture
def articles(make_article):
    """Three published (the oldest pinned, one with a Chinese title), one draft, one scheduled."""
    now = timezone.now().replace(microsecond=0)
    return {
        "old": make_article(
            title="Old pinned notice", pinned=True, publish_at=now - timedelta(days=9)
        ),
        "middle": make_article(title="新工厂落成", publish_at=now - timedelta(days=5)),
        "new": make_article(title="New order signed", publish_at=now - timedelta(days=1)),
        "draft": make_article(title="Draft notice", status=Article.Status.DRAFT),
        "scheduled": make_article(title="Scheduled notice", publish_at=now + timedelta(days=1)),
    }


def get_xml(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response, ET.fromstring(response.content)


# --- RSS -------------------------------------------------------------------------------------


def test_rss_lists_published_articles_newest_first(client, articles):
    response, rss = get_xml(client, "/feed/")
    assert response["Content-Type"].startswith("application/rss+xml")
    assert rss.tag == "rss"
    assert rss.get("version") == "2.0"
    items = rss.findall("./channel/item")
    expected = [articles["new"], articles["middle"], articles["old"]]
    assert [item.findtext("title") for item in items] == [a.title for a in expected]
    assert [item.findtext("link") for item in items] == [
        ORIGIN + a.get_absolute_url() for a in expected
    ]
    assert [parsedate_to_datetime(item.findtext("pubDate")) for item in items] == [
        a.publish_at for a in expected
    ]


def test_rss_item_carries_summary(client, articles):
    _, rss = get_xml(client, "/feed/")
    descriptions = [item.findtext("description") for item in rss.findall("./channel/item")]
    assert articles["new"].summary in descriptions


def test_rss_leaves_out_drafts_and_scheduled(client, articles):
    response, rss = get_xml(client, "/feed/")
    titles = {item.findtext("title") for item in rss.findall("./channel/item")}
    assert "Draft notice" not in titles
    assert "Scheduled notice" not in titles
    for hidden in (articles["draft"], articles["scheduled"]):
        assert f"/news/{hidden.pk}/".encode() not in response.content


def test_rss_holds_at_most_twenty_newest(client, make_article):
    now = timezone.now()
    made = [
        make_article(title=f"Bulletin {n:02d}", publish_at=now - timedelta(hours=n))
        for n in range(1, 26)
    ]
    _, rss = get_xml(client, "/feed/")
    titles = [item.findtext("title") for item in rss.findall("./channel/item")]
    assert titles == [a.title for a in made[:20]]


def test_rss_of_an_empty_site_is_valid(client, db):
    _, rss = get_xml(client, "/feed/")
    assert rss.find("channel") is not None
    assert rss.findall("./channel/item") == []


# --- Atom ------------------------------------------------------------------------------------


def test_atom_feed_has_entries(client, articles):
    response, feed = get_xml(client, "/feed/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        "New order signed",
        "新工厂落成",
        "Old pinned notice",
    ]
    links = [e.find(f"{ATOM}link").get("href") for e in entries]
    assert links[0] == ORIGIN + articles["new"].get_absolute_url()
    assert all(e.findtext(f"{ATOM}updated") for e in entries)


# --- Sitemap ---------------------------------------------------------------------------------


def sitemap_sections(client):
    """The addresses that the sitemap index at /sitemap.xml lists, as the client asks for them."""
    _, index = get_xml(client, "/sitemap.xml")
    assert index.tag == f"{SITEMAP}sitemapindex"
    locations = [entry.findtext(f"{SITEMAP}loc") for entry in index.findall(f"{SITEMAP}sitemap")]
    assert all(location.startswith(ORIGIN) for location in locations)
    return [location.removeprefix(ORIGIN) for location in locations]


def section_locations(client, path):
    _, urlset = get_xml(client, path)
    assert urlset.tag == f"{SITEMAP}urlset"
    return [url.findtext(f"{SITEMAP}loc") for url in urlset.findall(f"{SITEMAP}url")]


def sitemap_locations(client):
    """Every URL of every section the index lists."""
    return [loc for path in sitemap_sections(client) for loc in section_locations(client, path)]


def test_sitemap_lists_home_categories_and_published_articles(
    client, articles, make_category, make_article
):
    industry = make_category(name="Industry News", slug="industry-news")
    make_article(title="Electrolyser prices fall", category=industry)
    locations = sitemap_locations(client)
    assert f"{ORIGIN}/" in locations
    assert f"{ORIGIN}/news/" in locations
    assert ORIGIN + articles["old"].category.get_absolute_url() in locations
    assert ORIGIN + industry.get_absolute_url() in locations
    for key in ("old", "middle", "new"):
        assert ORIGIN + articles[key].get_absolute_url() in locations
    assert len(locations) == len(set(locations))


def test_sitemap_leaves_out_drafts_and_scheduled(client, articles):
    locations = sitemap_locations(client)
    for hidden in (articles["draft"], articles["scheduled"]):
        assert not any(f"/news/{hidden.pk}/" in loc for loc in locations)


def test_sitemap_splits_articles_into_pages(client, make_article, monkeypatch):
    monkeypatch.setattr(ArticleSitemap, "limit", 5)
    made = [make_article(title=f"Sitemap item {n}") for n in range(12)]
    sections = sitemap_sections(client)
    article_pages = [path for path in sections if path.startswith("/sitemap-articles.xml")]
    assert article_pages == [
        "/sitemap-articles.xml",
        "/sitemap-articles.xml?p=2",
        "/sitemap-articles.xml?p=3",
    ]
    pages = [section_locations(client, path) for path in article_pages]
    assert [len(page) for page in pages] == [5, 5, 2]
    assert sorted(loc for page in pages for loc in page) == sorted(
        ORIGIN + article.get_absolute_url() for article in made
    )
    assert client.get("/sitemap-articles.xml?p=4").status_code == 404
    assert "/sitemap-pages.xml" in sections
    assert "/sitemap-categories.xml" in sections


# --- robots.txt ------------------------------------------------------------------------------


def test_robots_txt(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = [line.strip() for line in response.content.decode().splitlines()]
    assert "Disallow: /admin/" in lines
    assert f"Sitemap: {ORIGIN}/sitemap.xml" in lines
    assert "Disallow: /" not in lines
