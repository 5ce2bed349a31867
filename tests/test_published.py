"""The publish rule, and the order in which the News Center lists articles."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article


@pytest.fixture
def past():
    return timezone.now() - timedelta(days=3)


@pytest.fixture
def future():
    return timezone.now() + timedelta(days=3)


def test_published_article_with_past_date_is_public(make_article, past):
    article = make_article(publish_at=past)
    assert list(Article.objects.published()) == [article]
    assert article.is_published()


def test_draft_is_not_public_even_with_a_past_date(make_article, past):
    article = make_article(status=Article.Status.DRAFT, publish_at=past)
    assert not Article.objects.published().exists()
    assert not article.is_published()


def test_scheduled_article_is_not_public_yet(make_article, future):
    article = make_article(publish_at=future)
    assert not Article.objects.published().exists()
    assert not article.is_published()


def test_draft_with_future_date_is_not_public(make_article, future):
    article = make_article(status=Article.Status.DRAFT, publish_at=future)
    assert not Article.objects.published().exists()
    assert not article.is_published()


def test_is_published_agrees_with_queryset(make_article, past, future):
    articles = [
        make_article(publish_at=past),
        make_article(status=Article.Status.DRAFT, publish_at=past),
        make_article(publish_at=future),
        make_article(status=Article.Status.DRAFT, publish_at=future),
    ]
    public = set(Article.objects.published().values_list("pk", flat=True))
    assert {a.pk for a in articles if a.is_published()} == public
    assert public == {articles[0].pk}


@pytest.fixture
def ordered_articles(make_article):
    """Titles in the order the list must show them, plus hidden ones that must not appear."""
    now = timezone.now()
    oldest_pinned = make_article(
        title="Pinned old notice", pinned=True, publish_at=now - timedelta(days=30)
    )
    newer_pinned = make_article(
        title="Pinned fresh notice", pinned=True, publish_at=now - timedelta(days=10)
    )
    same_time = now - timedelta(days=2)
    tie_first_created = make_article(title="Tie created first", publish_at=same_time)
    tie_second_created = make_article(title="Tie created second", publish_at=same_time)
    newest = make_article(title="Newest plain story", publish_at=now - timedelta(hours=1))
    oldest = make_article(title="Oldest plain story", publish_at=now - timedelta(days=20))
    make_article(title="Hidden draft story", status=Article.Status.DRAFT, publish_at=now)
    make_article(title="Hidden scheduled story", publish_at=now + timedelta(days=1))
    return [newer_pinned, oldest_pinned, newest, tie_second_created, tie_first_created, oldest]


def test_queryset_order_is_pinned_then_newest_then_id(ordered_articles):
    assert list(Article.objects.published()) == ordered_articles


def _positions(content, titles):
    text = content.decode()
    missing = [title for title in titles if title not in text]
    assert not missing, f"titles missing from the page: {missing}"
    return [text.index(title) for title in titles]


def test_news_center_shows_articles_in_list_order(client, ordered_articles):
    response = client.get("/news/")
    assert response.status_code == 200
    positions = _positions(response.content, [a.title for a in ordered_articles])
    assert positions == sorted(positions)
    assert b"Hidden draft story" not in response.content
    assert b"Hidden scheduled story" not in response.content


def test_news_center_titles_link_to_articles(client, ordered_articles):
    response = client.get("/news/")
    for article in ordered_articles:
        assert f'href="{article.get_absolute_url()}"' in response.content.decode()


def test_category_page_shows_only_its_category(client, make_article, make_category):
    products = make_category(name="Product News", slug="product-news")
    industry = make_category(name="Industry News", slug="industry-news")
    make_article(title="New turbine launched", category=products)
    make_article(title="Steel prices fall", category=industry)
    make_article(title="Hidden product draft", category=products, status=Article.Status.DRAFT)

    response = client.get(products.get_absolute_url())

    assert response.status_code == 200
    assert b"New turbine launched" in response.content
    assert b"Steel prices fall" not in response.content
    assert b"Hidden product draft" not in response.content


def test_category_page_keeps_list_order(client, make_article, make_category):
    products = make_category(name="Product News", slug="product-news")
    now = timezone.now()
    old = make_article(
        title="Older product story", category=products, publish_at=now - timedelta(days=5)
    )
    new = make_article(
        title="Newer product story", category=products, publish_at=now - timedelta(days=1)
    )
    pinned = make_article(
        title="Pinned product story",
        category=products,
        pinned=True,
        publish_at=now - timedelta(days=9),
    )

    response = client.get(products.get_absolute_url())

    positions = _positions(response.content, [pinned.title, new.title, old.title])
    assert positions == sorted(positions)


def test_category_with_chinese_slug_is_reachable(client, make_article, make_category):
    news = make_category(name="公司新闻", slug="公司新闻")
    make_article(title="年度大会召开", category=news)
    response = client.get(news.get_absolute_url())
    assert response.status_code == 200
    assert "年度大会召开" in response.content.decode()


@pytest.mark.parametrize(
    "slug", ["no-such-category", "%E4%B8%8D%E5%AD%98%E5%9C%A8", "%00", "x" * 300]
)
def test_unknown_category_is_404(client, category, slug):
    assert client.get(f"/news/category/{slug}/").status_code == 404
