"""What a visitor sees that only the templates decide: layout, controls, dates, links, markup."""

import re
from datetime import datetime, timedelta
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.paginator import Paginator
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from pagecache import page_links


class Tags(HTMLParser):
    """Every start tag of a page, in order, as (name, attributes, text up to the next tag)."""

    def __init__(self, html):
        super().__init__()
        self.tags = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append([tag, dict(attrs), ""])

    def handle_data(self, data):
        if self.tags:
            self.tags[-1][2] += data

    def find(self, tag, **attrs):
        return [
            (attributes, text.strip())
            for name, attributes, text in self.tags
            if name == tag and all(k in attributes and attributes[k] == v for k, v in attrs.items())
        ]


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode(), Tags(response.content.decode())


@pytest.fixture
def article(make_article, image_upload):
    return make_article(
        title="FTXT and BAIC FOTON Speeds Up Deepening Cooperation",
        publish_at=datetime(2020, 11, 20, 12, 0, tzinfo=ZoneInfo(settings.TIME_ZONE)),
        source="FTXT Communications",
        cover=image_upload(size=(1600, 900)),
        cover_alt="Two teams shake hands",
    )


@pytest.fixture
def public_urls(article):
    return [
        reverse("home"),
        reverse("articles:list"),
        article.category.get_absolute_url(),
        article.get_absolute_url(),
        reverse("search") + "?q=FOTON",
        reverse("search"),
    ]


def test_every_public_page_has_skip_link_landmarks_and_nav(client, public_urls):
    for url in public_urls + ["/no-such-page/"]:
        status = 404 if url == "/no-such-page/" else 200
        html, tags = page(client, url, status)
        assert tags.find("a", href="#main"), url
        assert tags.find("main", id="main"), url
        assert tags.find("header") and tags.find("footer"), url
        assert tags.find("nav", **{"aria-label": "Main"}), url
        nav_links = {a["href"] for a, _ in tags.find("a", **{"class": "site-nav__link"})}
        assert nav_links == {"/", "/news/", reverse("online_messages:create")}, url
        assert tags.find("form", action="/search/", role="search"), url
        assert tags.find("label", **{"for": "site-search-q"}), url
        assert tags.find("link", rel="alternate", type="application/rss+xml", href="/feed/"), url
        assert settings.COMPANY["address"] in html, url


def test_active_section_is_marked_in_the_navigation(client, article):
    _, tags = page(client, article.get_absolute_url())
    current = tags.find("a", **{"class": "site-nav__link", "aria-current": "page"})
    assert [text for _, text in current] == ["News Center"]

    _, tags = page(client, reverse("home"))
    current = tags.find("a", **{"class": "site-nav__link", "aria-current": "page"})
    assert [text for _, text in current] == ["Home"]


def test_font_size_control_markup_and_script_only_on_article_page(client, article):
    _, tags = page(client, article.get_absolute_url())
    ((group, _),) = tags.find("div", role="group", **{"aria-label": "Font size"})
    assert "data-font-size-control" in group and "hidden" in group
    buttons = tags.find("button", type="button")
    sizes = {a["data-font-size"]: (a["aria-pressed"], text) for a, text in buttons}
    assert sizes == {
        "small": ("false", "Small"),
        "medium": ("true", "Medium"),
        "large": ("false", "Large"),
    }
    ((script, _),) = [
        s for s in tags.find("script") if s[0].get("src", "").endswith("font-size.js")
    ]
    assert "defer" not in script and "async" not in script

    for url in (reverse("home"), reverse("articles:list"), reverse("search") + "?q=FOTON"):
        html, tags = page(client, url)
        assert "font-size.js" not in html, url
        assert not tags.find("div", role="group"), url


def test_dates_are_shown_as_year_month_day_with_dots(client, article):
    for url in (reverse("articles:list"), article.get_absolute_url(), reverse("home")):
        _, tags = page(client, url)
        dates = [(a.get("datetime"), text) for a, text in tags.find("time")]
        assert ("2020-11-20", "2020.11.20") in dates, url


def test_article_breadcrumbs_meta_cover_and_canonical(client, article, make_article):
    older = make_article(title="Older news", publish_at=article.publish_at - timedelta(days=1))
    html, tags = page(client, article.get_absolute_url())
    crumbs = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S).group()
    crumb_links = Tags(crumbs).find("a")
    assert [(a["href"], text) for a, text in crumb_links] == [
        ("/", "Home"),
        ("/news/", "News Center"),
        (article.category.get_absolute_url(), "Company News"),
    ]
    assert [text for _, text in tags.find("h1")] == [article.title]
    assert "Source: FTXT Communications" in html
    assert tags.find("meta", name="description", content=article.summary)
    ((canonical, _),) = tags.find("link", rel="canonical")
    assert canonical["href"] == "http://testserver" + article.get_absolute_url()

    (cover,) = [a for a, _ in tags.find("img") if a.get("alt") == "Two teams shake hands"]
    assert (cover["width"], cover["height"]) == ("1200", "675")
    assert cover["src"] != article.cover.url
    assert tags.find("div", **{"data-article-body": None})

    ((previous, _),) = tags.find("a", rel="prev")
    assert previous["href"] == older.get_absolute_url()
    assert re.search(r'rel="prev">\s*<span[^>]*>Previous</span>\s*<span[^>]*>Older news<', html)
    assert not tags.find("a", rel="next")


def test_category_page_breadcrumbs_and_active_tab(client, article, make_category, make_article):
    other = make_category(name="Industry News", slug="industry-news", position=2)
    make_article(title="Electrolyser prices fall", category=other)
    make_category(name="Media Coverage", slug="media-coverage", position=3)  # no news yet
    html, tags = page(client, other.get_absolute_url())
    crumbs = Tags(re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S).group())
    assert [text for _, text in crumbs.find("a")] == ["Home", "News Center"]
    assert crumbs.find("span", **{"aria-current": "page"})[0][1] == "Industry News"
    tabs = tags.find("a", **{"class": "category-tabs__tab"})
    assert [text for _, text in tabs] == ["All", "Company News", "Industry News"]
    assert [text for a, text in tabs if a.get("aria-current") == "page"] == ["Industry News"]
    assert "Electrolyser prices fall" in html


def test_list_thumbnails_use_the_card_rendition_not_the_upload(
    client, article, make_article, image_upload
):
    for n in range(4):
        make_article(title=f"With cover {n}", cover=image_upload(), cover_alt=f"Cover {n}")
    plain = make_article(title="No cover here")
    html, tags = page(client, reverse("articles:list"))
    article.refresh_from_db()
    cards = tags.find("img", **{"class": "card__image"})
    assert len(cards) == 5
    assert article.cover.url not in [a["src"] for a, _ in tags.find("img")]
    (mine,) = [a for a, _ in cards if a["src"] == article.cover_card.url]
    assert (mine["width"], mine["height"], mine["alt"]) == ("480", "270", "Two teams shake hands")
    assert ["loading" in a for a, _ in cards] == [False, False, True, True, True]
    assert plain.title in html and len(tags.find("span", **{"class": "card__placeholder"})) == 1


def test_list_pagination_marks_the_current_page(client, make_article):
    for _ in range(25):
        make_article()
    _, tags = page(client, reverse("articles:list") + "?page=2")
    links = tags.find("a", **{"class": "pagination__link"})
    assert [a["href"] for a, _ in links if a.get("aria-current") == "page"] == ["?page=2"]
    assert [a["href"] for a in (x for x, _ in links) if a.get("rel") == "prev"] == ["."]
    assert [a["href"] for a in (x for x, _ in links) if a.get("rel") == "next"] == ["?page=3"]


def test_long_pagination_is_elided_around_the_current_page():
    paginator = Paginator(range(300), 10)
    context = {"page_obj": paginator.page(15), "page_links": page_links(paginator.page(15))}
    html = get_template("includes/pagination.html").render(context)
    shown = [n or "…" for n, _ in re.findall(r"</span>(\d+)</a>|(…)", html)]
    assert shown == ["1", "2", "…", "12", "13", "14", "15", "16", "17", "18", "…", "29", "30"]
    assert re.search(r'page=15" aria-current="page"', html)


def test_search_pagination_keeps_the_query(client, make_article):
    for n in range(12):
        make_article(title=f"Fuel cell & hydrogen {n}")
    html, tags = page(client, reverse("search") + "?q=fuel+cell")
    assert "12 articles match “fuel cell”." in html
    hrefs = [a["href"] for a, _ in tags.find("a", **{"class": "pagination__link"})]
    assert "?q=fuel%20cell&page=2" in hrefs
    assert tags.find("input", id="search-page-q", value="fuel cell")


def test_search_says_when_nothing_matched_or_nothing_was_asked(client, make_article):
    make_article(title="Hydrogen")
    html, _ = page(client, reverse("search") + "?q=%3Cb%3Ezzz")
    assert "No articles match “&lt;b&gt;zzz”." in html
    html, tags = page(client, reverse("search"))
    assert "Type one or more words to search" in html
    assert not tags.find("ul", **{"class": "news-list"})


def test_preview_shows_a_notice_and_the_status(admin_client, client, make_article):
    draft = make_article(title="Launch plans", status=Article.Status.DRAFT)
    html, tags = page(admin_client, reverse("articles:preview", args=[draft.pk]))
    assert "Status: Draft." in html
    assert tags.find("p", **{"class": "notice__title"})[0][1] == "Preview"
    assert tags.find("meta", name="robots", content="noindex, nofollow")

    live = make_article(title="Out now", publish_at=timezone.now() - timedelta(hours=1))
    html, _ = page(client, live.get_absolute_url())
    assert "notice__title" not in html


def test_not_found_page_is_in_the_site_style(client, db):
    html, tags = page(client, "/news/category/missing/", status=404)
    assert [text for _, text in tags.find("h1")] == ["Page not found"]
    assert tags.find("link", rel="stylesheet", href="/static/css/site.css")
    assert tags.find("form", action="/search/")


def test_server_error_page_renders_without_request_or_context():
    html = get_template("500.html").render({})
    tags = Tags(html)
    assert [text for _, text in tags.find("h1")] == ["Something went wrong"]
    assert tags.find("link", rel="stylesheet", href="/static/css/site.css")
    assert tags.find("main", id="main")


def test_robots_txt_names_the_absolute_sitemap(client, db):
    response = client.get("/robots.txt")
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in text and "Disallow: /news/preview/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text.splitlines()
