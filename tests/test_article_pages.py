"""Article pages: canonical addresses, what the page shows, previous/next, and pagination."""

import re
from datetime import datetime, timedelta
from html.parser import HTMLParser
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.utils import timezone

from articles.models import Article


class LinkParser(HTMLParser):
    """Collect every `<a href>` with its text, and every `<img>`'s attributes."""

    def __init__(self):
        super().__init__()
        self.links = []
        self.images = []
        self._open = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._open.append([dict(attrs).get("href"), ""])
        elif tag == "img":
            self.images.append(dict(attrs))

    def handle_endtag(self, tag):
        if tag == "a" and self._open:
            href, text = self._open.pop()
            self.links.append((href, " ".join(text.split())))

    def handle_data(self, data):
        for link in self._open:
            link[1] += data


def parse(response):
    parser = LinkParser()
    parser.feed(response.content.decode())
    return parser


# --- Canonical addresses -------------------------------------------------------------------


def test_short_url_redirects_permanently_to_canonical(client, make_article):
    article = make_article(title="Annual report released")
    response = client.get(f"/news/{article.pk}/")
    assert response.status_code == 301
    assert response["Location"] == f"/news/{article.pk}/annual-report-released/"


def test_wrong_slug_redirects_permanently_to_canonical(client, make_article):
    article = make_article(title="Annual report released")
    response = client.get(f"/news/{article.pk}/old-title/")
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()


def test_canonical_page_shows_title_date_and_source(client, make_article):
    publish_at = datetime(2020, 11, 20, 12, 0, tzinfo=ZoneInfo(settings.TIME_ZONE))
    article = make_article(
        title="Plant opens in Suzhou", publish_at=publish_at, source="Source: Company Press Office"
    )
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    assert "Plant opens in Suzhou" in content
    assert "2020.11.20" in content
    assert "Source: Company Press Office" in content


def test_date_is_shown_in_the_site_time_zone(client, make_article):
    # Just after midnight locally is still the previous day in UTC.
    publish_at = datetime(2020, 11, 20, 0, 30, tzinfo=ZoneInfo(settings.TIME_ZONE))
    article = make_article(publish_at=publish_at)
    content = client.get(article.get_absolute_url()).content.decode()
    assert "2020.11.20" in content
    assert "2020.11.19" not in content


def test_chinese_title_gets_unicode_slug_and_resolves(client, make_article):
    article = make_article(title="公司召开2020年度总结大会")
    assert article.slug == "公司召开2020年度总结大会"
    browser_url = f"/news/{article.pk}/{quote(article.slug)}/"
    assert article.get_absolute_url() == browser_url

    response = client.get(browser_url)
    assert response.status_code == 200
    assert "公司召开2020年度总结大会" in response.content.decode()


def test_chinese_short_url_redirects_to_encoded_canonical(client, make_article):
    article = make_article(title="新产品发布")
    response = client.get(f"/news/{article.pk}/")
    assert response.status_code == 301
    assert response["Location"] == f"/news/{article.pk}/{quote('新产品发布')}/"


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Article.Status.DRAFT},
        {
            "status": Article.Status.DRAFT,
            "publish_at": datetime(2020, 1, 1, tzinfo=ZoneInfo("UTC")),
        },
        {"publish_at": timezone.now() + timedelta(days=1)},
    ],
    ids=["draft", "draft-past-date", "scheduled"],
)
def test_unpublished_article_is_404_for_visitors(client, make_article, fields):
    article = make_article(**fields)
    assert client.get(article.get_absolute_url()).status_code == 404
    assert client.get(f"/news/{article.pk}/").status_code == 404
    assert client.get(f"/news/{article.pk}/wrong-slug/").status_code == 404


@pytest.mark.parametrize(
    "path", ["/news/abc/", "/news/abc/some-slug/", "/news/1.5/", "/news/99999999999999999999999/"]
)
def test_bad_article_id_is_404(client, make_article, path):
    make_article()
    assert client.get(path).status_code == 404


def test_missing_article_is_404(client, make_article):
    article = make_article()
    assert client.get(f"/news/{article.pk + 1000}/").status_code == 404
    assert client.get(f"/news/{article.pk + 1000}/{article.slug}/").status_code == 404


# --- Previous and next -----------------------------------------------------------------------


@pytest.fixture
def sequence(make_article):
    """A (oldest), B, C published, with a draft and a scheduled article mixed in."""
    now = timezone.now()
    a = make_article(title="Story A oldest", publish_at=now - timedelta(days=3))
    draft = make_article(
        title="Story draft",
        status=Article.Status.DRAFT,
        publish_at=now - timedelta(days=2, hours=12),
    )
    b = make_article(title="Story B middle", publish_at=now - timedelta(days=2))
    c = make_article(title="Story C newest", publish_at=now - timedelta(days=1))
    scheduled = make_article(title="Story scheduled", publish_at=now + timedelta(days=1))
    return a, b, c, draft, scheduled


def _link_text(parser, article):
    texts = [text for href, text in parser.links if href == article.get_absolute_url()]
    assert texts, f"no link to {article.title}"
    return " ".join(texts)


def test_middle_article_links_previous_and_next(client, sequence):
    a, b, c, draft, scheduled = sequence
    response = client.get(b.get_absolute_url())
    assert response.context["previous_article"] == a
    assert response.context["next_article"] == c
    parser = parse(response)
    previous_link, next_link = _link_text(parser, a), _link_text(parser, c)
    assert "Previous" in previous_link and "Story A oldest" in previous_link
    assert "Next" in next_link and "Story C newest" in next_link
    content = response.content.decode()
    assert content.index(a.get_absolute_url()) < content.index(c.get_absolute_url())


def test_oldest_article_has_no_previous(client, sequence):
    a, b, c, draft, scheduled = sequence
    response = client.get(a.get_absolute_url())
    assert response.context["previous_article"] is None
    assert response.context["next_article"] == b
    # The pager's links: the related articles below it may link any article.
    html = response.content.decode()
    pager = LinkParser()
    pager.feed(re.search(r'<nav class="article-pager".*?</nav>', html, re.S)[0])
    hrefs = {href for href, _ in pager.links}
    assert b.get_absolute_url() in hrefs
    assert c.get_absolute_url() not in hrefs


def test_newest_article_has_no_next(client, sequence):
    a, b, c, draft, scheduled = sequence
    response = client.get(c.get_absolute_url())
    assert response.context["previous_article"] == b
    assert response.context["next_article"] is None


def test_drafts_and_scheduled_are_never_linked(client, sequence):
    a, b, c, draft, scheduled = sequence
    for article in (a, b, c):
        content = client.get(article.get_absolute_url()).content.decode()
        for hidden in (draft, scheduled):
            assert f"/news/{hidden.pk}/" not in content
            assert hidden.title not in content


# --- Pagination ------------------------------------------------------------------------------


@pytest.fixture
def many_articles(make_article):
    """25 published articles; "Harbour report 01" is the newest."""
    now = timezone.now()
    return [
        make_article(title=f"Harbour report {n:02d}", publish_at=now - timedelta(hours=n))
        for n in range(1, 26)
    ]


def _shown(content, articles):
    return [a.title for a in articles if a.title in content]


# Each page has one address: the same number written another way is redirected to it, and
# anything that names no page is a 404, so no spelling of ?page= makes another cache entry.
REAL_PAGES = {"2": 2, "3": 3}
REDIRECTED_PAGES = {"1": 1, "01": 1, "+1": 1, " 1": 1, "1 ": 1, "002": 2, "+3": 3}
MISSING_PAGES = ["0", "-1", "abc", "", "1.5", "1_0", "\u0661", "2&page=2", "4", "9999",
                 "99999999999999999999999999", "last"]  # fmt: skip


@pytest.mark.parametrize("path", ["/news/", "/search/?q=harbour"])
@pytest.mark.parametrize(("page", "expected"), REAL_PAGES.items())
def test_each_page_shows_its_articles(client, many_articles, path, page, expected):
    separator = "&" if "?" in path else "?"
    response = client.get(f"{path}{separator}page={quote(page)}")
    assert response.status_code == 200
    assert response.context["page_obj"].number == expected
    first = (expected - 1) * 10
    assert _shown(response.content.decode(), many_articles) == [
        a.title for a in many_articles[first : first + 10]
    ]


@pytest.mark.parametrize(
    ("path", "canonical"),
    [("/news/", "/news/"), ("/search/?q=harbour", "/search/?q=harbour")],
)
@pytest.mark.parametrize(("page", "expected"), REDIRECTED_PAGES.items())
def test_a_page_number_written_another_way_redirects(
    client, many_articles, path, canonical, page, expected
):
    separator = "&" if "?" in path else "?"
    response = client.get(f"{path}{separator}page={quote(page)}")
    assert response.status_code == 301
    target = canonical if expected == 1 else f"{canonical}{separator}page={expected}"
    assert response["Location"] == target
    assert client.get(target).context["page_obj"].number == expected


@pytest.mark.parametrize("path", ["/news/", "/search/?q=harbour", "/news/category/company-news/"])
@pytest.mark.parametrize("page", MISSING_PAGES)
def test_a_page_that_does_not_exist_is_404(client, many_articles, path, page):
    separator = "&" if "?" in path else "?"
    value = page if "&" in page else quote(page)
    response = client.get(f"{path}{separator}page={value}")
    assert response.status_code == 404


def test_last_page_has_the_remaining_five(client, many_articles):
    content = client.get("/news/?page=3").content.decode()
    assert _shown(content, many_articles) == [f"Harbour report {n}" for n in range(21, 26)]


def test_pages_link_to_each_other(client, many_articles):
    hrefs = {href for href, _ in parse(client.get("/news/?page=2")).links}
    assert "." in hrefs  # page 1 is the list's own address
    assert "?page=3" in hrefs


def test_search_pages_keep_the_query(client, many_articles):
    hrefs = {href for href, _ in parse(client.get("/search/?q=harbour&page=2")).links}
    assert "?q=harbour" in hrefs
    assert "?q=harbour&page=3" in hrefs


# --- Body images -----------------------------------------------------------------------------


def test_uploaded_body_image_keeps_attributes_and_loads_lazily(client, make_article):
    src = "/media/uploads/2020/11/20/workshop.jpg"
    img_tag = f'<img src="{src}" width="800" height="450" alt="New workshop">'
    article = make_article(body=f"<p>Opening day.</p><p>{img_tag}</p>")
    article.refresh_from_db()
    page_images = [
        img for img in parse(client.get(article.get_absolute_url())).images if img.get("src") == src
    ]
    assert len(page_images) == 1
    image = page_images[0]
    assert (image["width"], image["height"], image["alt"]) == ("800", "450", "New workshop")
    assert image["loading"] == "lazy"
    assert f'src="{src}"' in article.body
    assert 'loading="lazy"' in article.body
