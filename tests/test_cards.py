"""The list cards (articles.cards): what a list shows of an article, read as values, must be what
the article itself says: its address, category name, date, cover."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation

from articles.cards import FIELDS, cards, values_of
from articles.models import Article


def card_of(article):
    return cards(Article.objects.filter(pk=article.pk).values(*FIELDS))[0]


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_card_says_what_its_article_says(make_article, make_category, settings, language):
    settings.TIME_ZONE = "Asia/Shanghai"
    category = make_category(name="Industry News", name_zh_hans="行业资讯")
    article = make_article(
        title="<b>Bold</b> claims",
        slug="氢能-news_2026",
        language=language,
        category=category,
        pinned=True,
        summary="S" * 300,
        publish_at=datetime(2026, 3, 1, 23, 30, tzinfo=ZoneInfo("UTC")),
    )
    with translation.override(language):
        card = card_of(article)
        assert card.url == article.get_absolute_url()
        assert card.category == ("行业资讯" if language == "zh-hans" else "Industry News")
    assert (card.pk, card.title, card.summary, card.pinned) == (
        article.pk,
        "<b>Bold</b> claims",  # escaped by the template, as the article's title is
        "S" * 300,
        True,
    )
    # In the site's time zone (+8): the next day there.
    assert card.published.isoformat() == "2026-03-02"
    assert (card.cover_url, card.cover_width, card.cover_height) == ("", None, None)


def test_a_card_shows_the_stored_card_rendition_of_the_cover(
    make_article, image_upload, stored_media
):
    article = make_article(cover=image_upload(size=(1600, 900)), cover_alt="Cranes at dusk")
    card = card_of(article)
    assert card.cover_url == article.cover_card.url
    assert (card.cover_width, card.cover_height) == (480, 270)
    assert card.cover_alt == "Cranes at dusk"


def test_a_card_of_an_article_instance_is_the_card_of_its_row(make_article, image_upload):
    article = make_article(cover=image_upload(), summary="Short.")
    assert cards([values_of(Article.objects.get(pk=article.pk))]) == [card_of(article)]


def test_a_category_outside_the_tabs_is_named_too(make_article, make_category):
    """The tabs are the categories with published news in the language; a related article's
    category may be another (a draft elsewhere, say): it costs a query, and still shows."""
    hidden = make_category(name="Archive")
    draft = make_article(category=hidden, status=Article.Status.DRAFT)
    assert card_of(draft).category == "Archive"


def test_cards_keep_the_order_of_their_rows(make_article):
    articles = [make_article(title=f"Story {n}") for n in range(3)]
    rows = Article.objects.filter(pk__in=[a.pk for a in articles]).order_by("-title")
    assert [card.title for card in cards(rows.values(*FIELDS))] == [
        "Story 2",
        "Story 1",
        "Story 0",
    ]


def test_a_list_page_shows_its_cards_in_one_query_once_the_tabs_are_kept(
    client, make_article, settings, django_assert_num_queries
):
    settings.PAGE_CACHE_ENABLED = False
    for n in range(12):
        make_article(title=f"Story {n}", publish_at=timezone.now() - timedelta(hours=n + 1))
    client.get("/news/")  # the tabs and the count, remembered from here on
    with django_assert_num_queries(1):
        html = client.get("/news/").content.decode()
    assert html.count('class="card"') == 10
    shown = Article.objects.filter(title__in=[f"Story {n}" for n in range(10)])
    assert all(article.get_absolute_url() in html for article in shown)
    assert Article.objects.get(title="Story 10").get_absolute_url() not in html
