"""Tag pages (/news/tag/<slug>/): what they list, their pages, their 404s, Chinese slugs, links
from the article page and the sitemap."""

import re
import warnings
import xml.etree.ElementTree as ET
from datetime import timedelta
from html import unescape
from urllib.parse import quote

import pytest
from django.core.cache import caches
from django.core.cache.backends.base import CacheKeyWarning
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article
from articles.views import ArticleListView

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def tag_url(slug):
    return reverse("articles:tag", kwargs={"slug": slug})


def card_titles(response):
    html = response.content.decode()
    return [unescape(t) for t in re.findall(r'class="card__link" href="[^"]*">([^<]*)<', html)]


@pytest.fixture
def tagged(make_article):
    """Four published "Hydrogen" articles a day apart (newest last), a draft and a scheduled one
    with the tag, and an untagged one."""
    now = timezone.now()
    made = [
        make_article(title=f"Hydrogen story {n}", publish_at=now - timedelta(days=10 - n))
        for n in range(4)
    ]
    made.append(make_article(title="Hydrogen draft", status=Article.Status.DRAFT))
    made.append(make_article(title="Hydrogen soon", publish_at=now + timedelta(days=1)))
    for article in made:
        article.tags.add("Hydrogen")
    make_article(title="Untagged story")
    return made


def test_tag_page_lists_its_published_articles_newest_first(client, tagged):
    response = client.get(tag_url("hydrogen"))
    assert response.status_code == 200
    assert card_titles(response) == [f"Hydrogen story {n}" for n in (3, 2, 1, 0)]
    html = response.content.decode()
    assert '<h2 class="list-heading">Hydrogen</h2>' in html
    assert re.search(r"<title>Hydrogen \| News Center \| ", html)
    assert '<meta name="description" content="News tagged “Hydrogen” from ' in html


def test_tag_page_is_paged_like_a_category(client, tagged, monkeypatch):
    monkeypatch.setattr(ArticleListView, "paginate_by", 3)
    first = client.get(tag_url("hydrogen"))
    assert card_titles(first) == ["Hydrogen story 3", "Hydrogen story 2", "Hydrogen story 1"]
    assert 'rel="next" href="http://testserver/news/tag/hydrogen/?page=2"' in first.text
    second = client.get(tag_url("hydrogen") + "?page=2")
    assert card_titles(second) == ["Hydrogen story 0"]
    assert "(page 2)" in second.text
    assert client.get(tag_url("hydrogen") + "?page=02")["Location"] == "/news/tag/hydrogen/?page=2"
    assert client.get(tag_url("hydrogen") + "?page=3").status_code == 404
    assert client.get(tag_url("hydrogen") + "?page=abc").status_code == 404


def test_a_tag_on_most_articles_is_paged_alike(client, make_article, monkeypatch):
    """Its pages are read by walking the list, testing each article for the tag
    (TagArticleListView.walking_is_quicker): the same articles in the same order."""
    monkeypatch.setattr(ArticleListView, "paginate_by", 2)
    now = timezone.now()
    made = [
        make_article(title=f"Common {n}", publish_at=now - timedelta(hours=n), pinned=n == 3)
        for n in range(6)
    ]
    for article in made[:5]:
        article.tags.add("Common")
    made[5].tags.add("Rare")
    responses = [client.get(tag_url("common") + query) for query in ("", "?page=2", "?page=3")]
    assert [card_titles(response) for response in responses] == [
        ["Common 3", "Common 0"],
        ["Common 1", "Common 2"],
        ["Common 4"],
    ]
    walked = [response.context["paginator"].object_list for response in responses]
    assert all("EXISTS" in str(articles.query) for articles in walked)
    rare = client.get(tag_url("rare"))
    assert card_titles(rare) == ["Common 5"]
    assert "EXISTS" not in str(rare.context["paginator"].object_list.query)
    common = Tag.objects.get(name="Common")
    published = Article.objects.published()
    assert list(published.tagged(common, walk=True)) == list(published.tagged(common))


def test_unknown_tag_and_tag_without_published_news_are_404(client, make_article):
    make_article(status=Article.Status.DRAFT).tags.add("Secret plans")
    assert client.get(tag_url("secret-plans")).status_code == 404
    assert client.get(tag_url("no-such-tag")).status_code == 404
    assert client.get("/news/tag/a%20b/").status_code == 404  # not a slug at all
    Tag.objects.create(name="Unused")
    assert client.get(tag_url("unused")).status_code == 404


def test_a_tag_is_remembered_only_when_found_and_until_it_changes(
    client, tagged, django_capture_on_commit_callbacks
):
    """The tag page keeps the tag its slug names, never a made-up slug's absence, and a renamed
    slug moves the page at once."""
    assert client.get(tag_url("no-such-tag")).status_code == 404
    assert caches["pages"].get("pagecache:remembered:articles:tag:no-such-tag") is None
    assert client.get(tag_url("hydrogen")).status_code == 200
    assert caches["pages"].get("pagecache:remembered:articles:tag:hydrogen") is not None
    with django_capture_on_commit_callbacks(execute=True):
        tag = Tag.objects.get(slug="hydrogen")
        tag.slug = "h2"
        tag.save()
    assert client.get(tag_url("hydrogen")).status_code == 404
    assert card_titles(client.get(tag_url("h2")))[0] == "Hydrogen story 3"


def test_a_slug_longer_than_any_tag_is_a_404_without_a_cache_key(client, tagged):
    """Nothing a visitor types becomes an over-long cache key: memcached and Redis backends
    warn on each one."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", CacheKeyWarning)
        assert client.get(tag_url("x" * 300)).status_code == 404
    assert not [w for w in caught if issubclass(w.category, CacheKeyWarning)]


def test_chinese_tag_gets_a_chinese_slug_that_resolves_and_round_trips(client, make_article):
    article = make_article(title="氢能汽车示范运营")
    article.tags.add("氢能")
    tag = Tag.objects.get(name="氢能")
    assert tag.slug == "氢能"
    url = tag_url(tag.slug)
    assert url == "/news/tag/" + quote("氢能") + "/"
    response = client.get(url)
    assert response.status_code == 200
    assert card_titles(response) == ["氢能汽车示范运营"]
    assert f'href="{url}">氢能</a>' in client.get(article.get_absolute_url()).text


def test_tags_whose_names_make_the_same_slug_each_get_a_page(client, make_article):
    first, second = make_article(title="First cells"), make_article(title="Second cells")
    first.tags.add("Fuel cells")
    second.tags.add("fuel cells!")
    slugs = dict(Tag.objects.values_list("name", "slug"))
    assert slugs == {"Fuel cells": "fuel-cells", "fuel cells!": "fuel-cells_1"}
    assert card_titles(client.get(tag_url("fuel-cells"))) == ["First cells"]
    assert card_titles(client.get(tag_url("fuel-cells_1"))) == ["Second cells"]
    assert (
        'href="/news/tag/fuel-cells_1/">fuel cells!</a>'
        in client.get(second.get_absolute_url()).text
    )


def test_article_page_links_its_tags_in_name_order(client, make_article):
    article = make_article()
    article.tags.add("Safety", "Buses", "氢能")
    html = client.get(article.get_absolute_url()).text
    tags = re.search(r'<nav class="article-tags" aria-label="Tags">.*?</nav>', html, re.S)[0]
    assert re.findall(r'href="([^"]+)">([^<]+)<', tags) == [
        ("/news/tag/buses/", "Buses"),
        ("/news/tag/safety/", "Safety"),
        (tag_url("氢能"), "氢能"),
    ]


def test_a_tag_without_a_slug_has_no_link_and_breaks_nothing(client, make_article):
    """A name of punctuation alone slugifies to nothing: no page, so no link, no 500."""
    article = make_article()
    article.tags.add("!!!", "Buses")
    assert Tag.objects.get(name="!!!").slug == ""
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "!!!" not in response.text
    assert 'href="/news/tag/buses/"' in response.text
    assert client.get("/sitemap-tags.xml").status_code == 200


def test_sitemap_lists_the_pages_of_tags_with_published_news(client, tagged, make_article):
    make_article(status=Article.Status.DRAFT).tags.add("Secret plans")
    chinese = make_article()
    chinese.tags.add("氢能")
    index = ET.fromstring(client.get("/sitemap.xml").content)
    sections = [loc.text for loc in index.iter(f"{SITEMAP}loc")]
    assert "http://testserver/sitemap-tags.xml" in sections
    urlset = ET.fromstring(client.get("/sitemap-tags.xml").content)
    locations = sorted(loc.text for loc in urlset.iter(f"{SITEMAP}loc"))
    assert locations == sorted(
        ["http://testserver/news/tag/hydrogen/", "http://testserver" + tag_url("氢能")]
    )
    for location in locations:
        assert client.get(location.removeprefix("http://testserver")).status_code == 200
