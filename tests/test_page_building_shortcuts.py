"""What a page is built from, worked out once instead of for every page (issue 12), must say
what the long way says: article addresses without a reverse() each, the template texts, the
language links of a page, and an article's previous and next articles."""

import re
from datetime import timedelta
from functools import partial

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from django.apps import apps
from django.core.cache import caches
from django.test import override_settings
from django.urls import reverse, set_script_prefix
from django.utils import timezone, translation

from articles import apps as articles_apps
from articles.addresses import address, fixed_address, fixed_address_in
from articles.models import Article
from articles.models.languages import article_url
from pagecache import freshness

SLUGS = ["hydrogen-plant-opens", "h2_day-2026", "氢能工厂投产", "café-opens", "x"]


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("active", ["en", "zh-hans"])
@pytest.mark.parametrize("slug", SLUGS)
def test_an_article_address_is_what_reverse_gives(language, active, slug):
    with translation.override(language):
        expected = reverse("articles:detail", kwargs={"pk": 4321, "slug": slug})
    with translation.override(active):
        assert article_url(language, 4321, slug) == expected


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("name", ["articles:tag", "articles:category"])
@pytest.mark.parametrize("slug", SLUGS)
def test_tag_and_category_addresses_are_what_reverse_gives(language, name, slug):
    with translation.override(language):
        assert address(name, language, slug=slug) == reverse(name, kwargs={"slug": slug})


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("name", ["home", "articles:list", "search", "feed"])
def test_addresses_without_arguments_are_what_reverse_gives(language, name):
    with translation.override(language):
        expected = reverse(name)
    with translation.override(language):
        assert fixed_address(name) == expected
    assert fixed_address_in(name, language, None, "/") == expected  # under any active language


def test_an_article_address_keeps_the_script_prefix():
    try:
        set_script_prefix("/corporate/")
        assert article_url("en", 7, "hydrogen") == "/corporate/news/7/hydrogen/"
        assert article_url("zh-hans", 7, "氢能") == "/corporate/zh-hans/news/7/%E6%B0%A2%E8%83%BD/"
        set_script_prefix("/")
        assert article_url("en", 7, "hydrogen") == "/news/7/hydrogen/"
    finally:
        set_script_prefix("/")


def test_a_list_links_each_article_to_its_page(client, make_article):
    article = make_article(title="Electrolyser order", slug="electrolyser-order")
    html = client.get("/news/").content.decode()
    assert f'href="/news/{article.pk}/electrolyser-order/"' in html
    assert client.get(f"/news/{article.pk}/electrolyser-order/").status_code == 200


def test_template_texts_follow_each_page_language_in_turn(client, make_article):
    make_article(language="en")
    make_article(language="zh-hans")
    for _ in range(2):
        english = client.get("/news/").content.decode()
        chinese = client.get("/zh-hans/news/").content.decode()
        assert "Skip to main content" in english and "跳到主要内容" not in english
        assert "跳到主要内容" in chinese and "Skip to main content" not in chinese


def test_template_texts_follow_the_translations_in_use(client, make_article, tmp_path, settings):
    """Texts are read from the catalogs in use: a changed LOCALE_PATHS (a test's, or a
    restarted site's) gives its own, not those read before."""
    settings.PAGE_CACHE_ENABLED = False  # each page built, not a copy of the first
    make_article(language="zh-hans")
    assert "跳到主要内容" in client.get("/zh-hans/news/").content.decode()
    catalog = Catalog(locale="zh_Hans")
    catalog.add("Skip to main content", "跳到正文")
    (tmp_path / "zh_Hans" / "LC_MESSAGES").mkdir(parents=True)
    with open(tmp_path / "zh_Hans" / "LC_MESSAGES" / "django.mo", "wb") as mo:
        write_mo(mo, catalog)
    with override_settings(LOCALE_PATHS=[tmp_path]):
        assert "跳到正文" in client.get("/zh-hans/news/").content.decode()
    assert "跳到主要内容" in client.get("/zh-hans/news/").content.decode()


def test_a_category_page_links_to_itself_in_the_other_language(client, make_article, category):
    make_article(language="en")
    make_article(language="zh-hans")
    path = f"/news/category/{category.slug}/"
    for _ in range(2):  # the second time from what was worked out the first
        english = client.get(path).content.decode()
        chinese = client.get(f"/zh-hans{path}").content.decode()
        assert f'href="/zh-hans{path}" hreflang="zh-Hans"' in english
        assert f'href="{path}" hreflang="en"' in chinese


@pytest.fixture
def three(make_article):
    now = timezone.now()
    return [
        make_article(title=f"Story {name}", publish_at=now - timedelta(days=days))
        for name, days in (("A", 3), ("B", 2), ("C", 1))
    ]


def pager(client, article):
    """The (previous, next) articles that the article's page links to."""
    html = client.get(article.get_absolute_url()).content.decode()
    nav = re.search(r'<nav class="article-pager".*?</nav>', html, re.S)[0]
    previous = re.search(r'href="([^"]+)" rel="prev"', nav)
    following = re.search(r'href="([^"]+)" rel="next"', nav)
    return tuple(
        Article.objects.get(pk=int(link[1].split("/")[2])) if link else None
        for link in (previous, following)
    )


@pytest.fixture
def write(django_capture_on_commit_callbacks):
    """A write, committed: the pages and what they remember are renewed on commit."""
    return partial(django_capture_on_commit_callbacks, execute=True)


def test_a_newly_published_article_becomes_the_next_of_the_newest(
    client, three, make_article, write
):
    a, b, c = three
    assert pager(client, c) == (b, None)
    with write():
        d = make_article(title="Story D", publish_at=timezone.now() - timedelta(hours=1))
    assert pager(client, c) == (b, d)


def test_an_unpublished_article_leaves_its_neighbours_linked_to_each_other(client, three, write):
    a, b, c = three
    assert pager(client, a) == (None, b)
    assert pager(client, c) == (b, None)
    b.status = Article.Status.DRAFT
    with write():
        b.save()
    assert pager(client, a) == (None, c)
    assert pager(client, c) == (a, None)


def test_a_renamed_neighbour_is_linked_under_its_new_title(client, three, write):
    a, b, c = three
    assert "Story A" in client.get(b.get_absolute_url()).content.decode()
    a.title = "Story A, renamed"
    with write():
        a.save()
    assert "Story A, renamed" in client.get(b.get_absolute_url()).content.decode()


def test_what_pages_remember_is_kept_with_the_pages_not_the_freshness_record(client, three):
    """A crawl of every article stores values for each: in the culled pages cache only."""
    a, b, c = three
    client.get(b.get_absolute_url())
    key = f"pagecache:remembered:articles:surroundings:v2:{b.pk}"
    assert caches["pages"].get(key) is not None
    assert caches["default"].get(key) is None


def test_a_function_registered_again_is_asked_once(monkeypatch, make_article):
    """An AppConfig.ready() run again (as tests may) registers nothing twice: each copy of the
    next-publish function would cost a query whenever the pages change."""
    monkeypatch.setattr(freshness, "next_change_functions", [])
    for _ in range(3):
        apps.get_app_config("articles").ready()
    assert freshness.next_change_functions == [articles_apps.next_publish_at]


def test_a_value_refused_by_keep_is_worked_out_again_and_never_stored(db):
    """What a visitor typed (a made-up tag slug) must not fill the cache: only kept values are."""
    computed = []

    def lookup(value):
        computed.append(value)
        return value

    for _ in range(2):
        assert freshness.remembered("test:missing", partial(lookup, None), keep=bool) is None
        assert freshness.remembered("test:found", partial(lookup, "tag"), keep=bool) == "tag"
    assert computed == [None, "tag", None]
    assert caches["pages"].get("pagecache:remembered:test:missing") is None
