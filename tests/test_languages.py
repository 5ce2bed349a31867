"""The bilingual public site: English unprefixed, Simplified Chinese under /zh-hans/, each
language's pages showing its own articles, and links between a page and its translation."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.test import Client
from django.urls import clear_url_caches

from articles.models import Article

ZH_CN_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "zh-CN,zh;q=0.9,en;q=0.5"}


@pytest.fixture
def english(make_article):
    return make_article(title="Hydrogen plant opens", slug="hydrogen-plant-opens", language="en")


@pytest.fixture
def chinese(make_article):
    return make_article(title="氢能工厂投产", slug="氢能工厂投产", language="zh-hans")


def translation_of(article, make_article, **fields):
    fields.setdefault("language", "zh-hans" if article.language == "en" else "en")
    return make_article(translation_key=article.translation_key, **fields)


def html_lang(response):
    return re.search(r'<html lang="([^"]+)">', response.content.decode()).group(1)


def hreflangs(response):
    """{hreflang: href} of the page's <link rel=alternate hreflang>."""
    links = re.findall(
        r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', response.content.decode()
    )
    return dict(links)


def switcher(response):
    """[(text, href)] of the language switcher's links."""
    nav = re.search(r'<nav class="language-switcher".*?</nav>', response.content.decode(), re.S)
    links = re.findall(r'<a [^>]*href="([^"]+)"[^>]*>([^<]*)</a>', nav.group())
    return [(text.strip(), href) for href, text in links]


@pytest.mark.parametrize(
    "path",
    ["/zh-hans/", "/zh-hans/news/", "/zh-hans/message/", "/zh-hans/search/?q=氢能"],
)
def test_chinese_pages_answer_in_chinese(client, chinese, path):
    response = client.get(path)
    assert response.status_code == 200
    assert html_lang(response) == "zh-Hans"
    assert response["Content-Language"] == "zh-hans"


def test_a_chinese_article_is_a_chinese_page(client, chinese):
    assert chinese.get_absolute_url().startswith("/zh-hans/news/")
    response = client.get(chinese.get_absolute_url())
    assert response.status_code == 200
    assert html_lang(response) == "zh-Hans"
    assert "氢能工厂投产" in response.content.decode()


@pytest.mark.parametrize("path", ["/", "/news/", "/message/", "/search/?q=plant", "/feed/"])
def test_english_addresses_are_unchanged(client, english, path):
    response = client.get(path, **ZH_CN_BROWSER)
    assert response.status_code == 200
    assert response["Content-Language"] == "en"
    if path != "/feed/":
        assert html_lang(response) == "en"


def test_a_chinese_browser_gets_the_english_home_cached(client, english, django_assert_num_queries):
    first = client.get("/", **ZH_CN_BROWSER)
    assert first.status_code == 200  # no redirect to /zh-hans/
    assert html_lang(first) == "en"
    assert "Accept-Language" not in first.get("Vary", "")
    with django_assert_num_queries(0):  # from the page cache, shared with every browser
        again = Client().get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert again.content == first.content


def test_a_language_cookie_does_not_change_a_page(client, english, chinese):
    client.cookies["django_language"] = "zh-hans"
    assert html_lang(client.get("/news/")) == "en"
    client.cookies["django_language"] = "en"
    assert html_lang(client.get("/zh-hans/news/")) == "zh-Hans"


def test_each_language_lists_its_own_articles(client, english, chinese):
    category = f"/news/category/{english.category.slug}/"
    for path in ("/", "/news/", category, "/search/?q=plant"):
        page = client.get(path).content.decode()
        assert "Hydrogen plant opens" in page, path
        assert "氢能工厂投产" not in page, path
    for path in ("/zh-hans/", "/zh-hans/news/", "/zh-hans/search/?q=氢能"):
        page = client.get(path).content.decode()
        assert "氢能工厂投产" in page, path
        assert "Hydrogen plant opens" not in page, path


def test_tag_pages_are_per_language(client, english, chinese):
    chinese.tags.add("氢能")
    english.tags.add("plants")
    assert client.get("/zh-hans/news/tag/氢能/").status_code == 200
    assert client.get("/news/tag/氢能/").status_code == 404
    assert client.get("/zh-hans/news/tag/plants/").status_code == 404


def test_counts_are_kept_per_language(client, make_article, chinese):
    for _n in range(11):
        make_article()
    assert client.get("/news/?page=2").status_code == 200
    # The English count (11) is remembered; the Chinese list has a page only.
    assert client.get("/zh-hans/news/?page=2").status_code == 404


def test_category_tabs_show_categories_with_news_in_the_language(
    client, make_category, make_article, chinese
):
    english_only = make_category(name="Media Coverage", slug="media-coverage", position=3)
    make_article(category=english_only)
    assert "Media Coverage" in client.get("/news/").content.decode()
    assert "Media Coverage" not in client.get("/zh-hans/news/").content.decode()


def test_an_article_under_the_other_prefix_redirects_to_its_own(client, english, chinese):
    response = client.get(f"/zh-hans/news/{english.pk}/{english.slug}/")
    assert response.status_code == 301
    assert response["Location"] == english.get_absolute_url() == english_url(english)
    response = client.get(f"/news/{chinese.pk}/{chinese.slug}/")
    assert response.status_code == 301
    assert response["Location"] == chinese.get_absolute_url()


def english_url(article):
    return f"/news/{article.pk}/{article.slug}/"


def test_previous_next_and_related_stay_in_the_language(client, make_article, english, chinese):
    later = make_article(title="Second English story")
    page = client.get(later.get_absolute_url()).content.decode()
    assert "Hydrogen plant opens" in page
    assert "氢能工厂投产" not in page


def test_switcher_and_hreflang_link_an_article_and_its_translation(client, english, make_article):
    translation = translation_of(english, make_article, title="氢能工厂投产", slug="氢能工厂")
    response = client.get(english.get_absolute_url())
    assert switcher(response) == [("简体中文", translation.get_absolute_url())]
    assert hreflangs(response) == {
        "en": "http://testserver" + english.get_absolute_url(),
        "zh-Hans": "http://testserver" + translation.get_absolute_url(),
        "x-default": "http://testserver" + english.get_absolute_url(),
    }
    back = client.get(translation.get_absolute_url())
    assert switcher(back) == [("English", english.get_absolute_url())]
    assert hreflangs(back)["en"] == "http://testserver" + english.get_absolute_url()


def test_a_translation_withdrawn_later_is_no_longer_linked(
    client, settings, english, make_article, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_ENABLED = False  # the page is built each time; what it remembers is not
    translation = translation_of(english, make_article, title="氢能工厂投产", slug="氢能工厂")
    assert "zh-Hans" in hreflangs(client.get(english.get_absolute_url()))
    translation.status = Article.Status.DRAFT
    with django_capture_on_commit_callbacks(execute=True):
        translation.save()
    assert hreflangs(client.get(english.get_absolute_url())) == {}


def test_an_unpublished_translation_is_not_linked(client, english, make_article):
    translation_of(english, make_article, status=Article.Status.DRAFT)
    response = client.get(english.get_absolute_url())
    assert hreflangs(response) == {}
    [(text, href)] = switcher(response)
    assert href == "/zh-hans/news/"
    assert "简体中文" in text and text != "简体中文"  # says there is no translation


def test_other_pages_link_to_the_same_page_in_the_other_language(client, english):
    response = client.get(english.category.get_absolute_url())
    slug = english.category.slug
    assert switcher(response) == [("简体中文", f"/zh-hans/news/category/{slug}/")]
    assert hreflangs(response)["zh-Hans"] == f"http://testserver/zh-hans/news/category/{slug}/"
    assert switcher(client.get("/zh-hans/")) == [("English", "/")]


def parse_rss(response):
    return ET.fromstring(response.content)


def test_each_language_has_its_feed(client, english, chinese):
    english_feed = parse_rss(client.get("/feed/", **ZH_CN_BROWSER))
    chinese_feed = parse_rss(client.get("/zh-hans/feed/"))
    assert [t.text for t in english_feed.iter("title")][1:] == ["Hydrogen plant opens"]
    assert [t.text for t in chinese_feed.iter("title")][1:] == ["氢能工厂投产"]
    assert english_feed.find("channel/language").text == "en"
    assert chinese_feed.find("channel/language").text == "zh-hans"
    assert "新闻中心" in chinese_feed.find("channel/title").text


SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def sitemap_urls(client, path):
    """{loc: {hreflang: href}} of one sitemap section."""
    root = ET.fromstring(client.get(path).content)
    return {
        url.find(f"{SITEMAP}loc").text: {
            link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")
        }
        for url in root.iter(f"{SITEMAP}url")
    }


def test_each_language_has_its_sitemap_with_alternates(client, english, chinese, make_article):
    translation = translation_of(english, make_article)
    english_urls = sitemap_urls(client, "/sitemap-articles.xml")
    chinese_urls = sitemap_urls(client, "/zh-hans/sitemap-articles.xml")
    english_loc = "http://testserver" + english.get_absolute_url()
    translation_loc = "http://testserver" + translation.get_absolute_url()
    assert set(english_urls) == {english_loc}
    assert set(chinese_urls) == {"http://testserver" + chinese.get_absolute_url(), translation_loc}
    assert english_urls[english_loc] == {
        "en": english_loc,
        "zh-Hans": translation_loc,
        "x-default": english_loc,
    }
    assert chinese_urls["http://testserver" + chinese.get_absolute_url()] == {}
    index = client.get("/zh-hans/sitemap.xml").content.decode()
    assert "http://testserver/zh-hans/sitemap-articles.xml" in index


def test_robots_names_the_sitemap_of_each_language(client, db):
    robots = client.get("/robots.txt", **ZH_CN_BROWSER).content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in robots
    assert "Sitemap: http://testserver/zh-hans/sitemap.xml" in robots
    assert client.get("/zh-hans/robots.txt").status_code == 404


def test_the_site_and_company_names_are_in_the_page_language(client, chinese):
    chinese_page = client.get("/zh-hans/").content.decode()
    assert "蓝峰氢能科技有限公司" in chinese_page
    assert "新闻中心" in chinese_page
    english_page = client.get("/").content.decode()
    assert "Lanfeng Hydrogen Co., Ltd." in english_page
    assert "蓝峰氢能科技有限公司" not in english_page


@pytest.fixture
def chinese_by_default(settings):
    settings.LANGUAGE_CODE = "zh-hans"
    clear_url_caches()
    yield
    clear_url_caches()


def test_the_default_language_is_the_unprefixed_one(chinese_by_default, client, english, chinese):
    home = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert html_lang(home) == "zh-Hans"
    assert "氢能工厂投产" in home.content.decode()
    assert chinese.get_absolute_url().startswith(f"/news/{chinese.pk}/")
    assert english.get_absolute_url() == f"/en/news/{english.pk}/{english.slug}/"
    english_list = client.get("/en/news/")
    assert html_lang(english_list) == "en"
    assert "Hydrogen plant opens" in english_list.content.decode()
    assert client.get("/zh-hans/news/").status_code == 404


def test_a_missing_page_is_in_the_language_of_its_address(client, db):
    response = client.get("/zh-hans/no-such-page/", **ZH_CN_BROWSER)
    assert response.status_code == 404
    assert html_lang(response) == "zh-Hans"
    assert hreflangs(response) == {}
    assert html_lang(client.get("/no-such-page/", **ZH_CN_BROWSER)) == "en"
