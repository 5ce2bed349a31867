"""What search engines and link previews read: canonical addresses, titles, descriptions, Open
Graph and Twitter cards, the JSON-LD NewsArticle, list pages' prev/next, the last-updated date."""

import json
import re
from datetime import datetime
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.urls import reverse

from articles.sharing import share_url
from articles.views import ArticleListView

ORIGIN = "http://testserver"
TZ = ZoneInfo(settings.TIME_ZONE)


class Head(HTMLParser):
    """A page's <title>, <meta> values by name or property, <link> hrefs by rel, and the text of
    its JSON-LD blocks, as a crawler reads them."""

    def __init__(self, html):
        super().__init__()
        self.title, self.meta, self.links, self.json_ld = "", {}, {}, []
        self._in = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("name" in attrs or "property" in attrs):
            key = attrs.get("property") or attrs["name"]
            self.meta.setdefault(key, []).append(attrs.get("content"))
        elif tag == "link":
            self.links.setdefault(attrs.get("rel"), []).append(attrs.get("href"))
        elif tag == "title" or (tag == "script" and attrs.get("type") == "application/ld+json"):
            self._in = tag
            if tag == "script":
                self.json_ld.append("")

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in == "title":
            self.title += data
        elif self._in == "script":
            self.json_ld[-1] += data

    def one(self, key):
        (value,) = self.meta.get(key, [None])
        return value


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    """Pages here are read again after a change the test's transaction never commits."""
    settings.PAGE_CACHE_ENABLED = False


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return Head(response.content.decode())


@pytest.fixture
def article(make_article, image_upload):
    return make_article(
        title="Plant opens in Suzhou",
        summary="A new plant for fuel-cell stacks.",
        source="Suzhou Daily",
        publish_at=datetime(2020, 11, 20, 9, 30, tzinfo=TZ),
        cover=image_upload(size=(1600, 900)),
        cover_alt="The new plant",
    )


def test_article_page_names_its_canonical_address_title_and_description(client, article):
    page = head(client, article.get_absolute_url())
    assert page.links["canonical"] == [ORIGIN + article.get_absolute_url()]
    assert page.title.startswith("Plant opens in Suzhou | News Center")
    assert page.one("description") == "A new plant for fuel-cell stacks."


def test_seo_title_and_description_win_when_set(client, article):
    article.seo_title, article.seo_description = "Suzhou stack plant", "Stacks for 10,000 trucks."
    article.save()
    page = head(client, article.get_absolute_url())
    assert page.title.startswith("Suzhou stack plant | ")
    assert page.one("description") == "Stacks for 10,000 trucks."
    assert page.one("og:title") == page.one("twitter:title") == "Suzhou stack plant"
    assert page.one("og:description") == page.one("twitter:description")
    assert page.one("og:description") == "Stacks for 10,000 trucks."
    # "" is "not set", as None is.
    article.seo_title, article.seo_description = "", ""
    article.save()
    page = head(client, article.get_absolute_url())
    assert page.one("og:title") == "Plant opens in Suzhou"
    assert page.one("description") == "A new plant for fuel-cell stacks."


def test_open_graph_and_twitter_card_describe_the_article(client, article):
    page = head(client, article.get_absolute_url())
    assert page.one("og:type") == "article"
    assert page.one("og:url") == ORIGIN + article.get_absolute_url()
    assert page.one("og:title") == "Plant opens in Suzhou"
    assert page.one("og:description") == "A new plant for fuel-cell stacks."
    assert page.one("og:image") == ORIGIN + article.cover_page.url
    assert (page.one("og:image:width"), page.one("og:image:height")) == ("1200", "675")
    assert page.one("og:image:alt") == "The new plant"
    assert page.one("article:published_time") == "2020-11-20T09:30:00+08:00"
    assert page.one("article:modified_time") == "2020-11-20T09:30:00+08:00"
    assert page.one("twitter:card") == "summary_large_image"
    assert page.one("twitter:image") == ORIGIN + article.cover_page.url


def test_an_article_without_a_cover_has_no_image_to_preview(client, make_article):
    page = head(client, make_article(title="Text only").get_absolute_url())
    assert page.one("og:image") is None and page.one("twitter:image") is None
    assert page.one("twitter:card") == "summary"
    assert "image" not in json.loads(page.json_ld[0])


def test_json_ld_news_article(client, article):
    article.updated_significantly_at = datetime(2020, 12, 1, 16, 0, tzinfo=TZ)
    article.save()
    article.tags.add("Suzhou", "Stacks")
    page = head(client, article.get_absolute_url())
    (data,) = [json.loads(block) for block in page.json_ld]
    url = ORIGIN + article.get_absolute_url()
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["headline"] == "Plant opens in Suzhou"
    assert data["datePublished"] == "2020-11-20T09:30:00+08:00"
    assert data["dateModified"] == "2020-12-01T16:00:00+08:00"
    assert page.one("article:modified_time") == "2020-12-01T16:00:00+08:00"
    assert data["image"] == [ORIGIN + article.cover_page.url]
    assert data["author"] == {"@type": "Organization", "name": "Suzhou Daily"}
    assert data["publisher"]["name"] == settings.COMPANY["name"]
    assert data["publisher"]["logo"]["url"] == ORIGIN + "/static/img/logo.svg"
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert data["keywords"] == ["Stacks", "Suzhou"]


def test_json_ld_author_is_the_company_without_a_source(client, make_article):
    page = head(client, make_article(source="").get_absolute_url())
    author = json.loads(page.json_ld[0])["author"]
    assert author == {"@type": "Organization", "name": settings.COMPANY["name"]}


def test_json_ld_survives_a_title_that_closes_the_script(client, make_article):
    title = '</script><script>alert("x")</script><!-- & \u2028'
    article = make_article(title=title, summary="</SCRIPT >")
    html = client.get(article.get_absolute_url()).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    assert "<" not in block and ">" not in block and "&" not in block
    data = json.loads(block)
    assert (data["headline"], data["description"]) == (title, "</SCRIPT >")
    assert html.count("<script") == html.count("</script>")


def test_last_updated_shows_only_after_a_significant_change(client, article):
    text = client.get(article.get_absolute_url()).content.decode()
    assert "Last updated" not in text
    article.updated_significantly_at = datetime(2020, 12, 1, 16, 0, tzinfo=TZ)
    article.save()
    text = client.get(article.get_absolute_url()).content.decode()
    assert re.search(r'Last updated:\s*<time datetime="2020-12-01">2020\.12\.01</time>', text), (
        "the last-updated date is missing"
    )


def test_list_pages_name_their_canonical_address_and_neighbours(
    client, make_article, monkeypatch, category
):
    monkeypatch.setattr(ArticleListView, "paginate_by", 2)
    for n in range(5):
        make_article(title=f"Listed {n}").tags.add("Listed")
    for path in ("/news/", category.get_absolute_url(), reverse("articles:tag", args=["listed"])):
        first, second, last = (head(client, path + query) for query in ("", "?page=2", "?page=3"))
        assert first.links["canonical"] == [ORIGIN + path]
        assert "prev" not in first.links
        assert first.links["next"] == [f"{ORIGIN}{path}?page=2"]
        assert second.links["canonical"] == [f"{ORIGIN}{path}?page=2"]
        assert second.links["prev"] == [ORIGIN + path]
        assert second.links["next"] == [f"{ORIGIN}{path}?page=3"]
        assert last.links["prev"] == [f"{ORIGIN}{path}?page=2"] and "next" not in last.links


def test_previews_claim_no_public_address(admin_client, client, make_article):
    """Staff and shared previews are noindex and may show a draft: no canonical, nothing for
    link previews to copy."""
    draft = make_article(title="Secret merger", status="draft")
    path, _expires = share_url(draft)
    for page in (
        head(admin_client, reverse("articles:preview", args=[draft.pk])),
        head(client, path),
    ):
        assert page.one("robots") == "noindex, nofollow"
        assert "canonical" not in page.links
        assert not [key for key in page.meta if key.startswith(("og:", "twitter:", "article:"))]
        assert page.json_ld == []
