"""The News Center's paginator gives every page exactly what Django's own paginator gives."""

from datetime import timedelta

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.cards import FIELDS
from articles.models import Article
from articles.pagination import ReversiblePaginator


@pytest.fixture
def thirty_five(make_article, make_category, category):
    """35 published articles over two categories: every seventh pinned, some sharing a moment,
    plus a draft and a scheduled one that no page may show."""
    industry = make_category(name="Industry News", slug="industry-news")
    now = timezone.now().replace(microsecond=0)
    for n in range(35):
        make_article(
            title=f"Report {n:02d}",
            category=industry if n % 3 else category,
            pinned=n % 7 == 0,
            publish_at=now - timedelta(hours=n // 2),  # pairs share a moment: id decides
        )
    make_article(title="Draft report", status=Article.Status.DRAFT)
    make_article(title="Scheduled report", publish_at=now + timedelta(days=1))
    return industry


@pytest.fixture(autouse=True, params=["deferred join", "plain queries"])
def reading(request, monkeypatch):
    """Every test twice: each page read through the deferred join, as deep pages are, and read
    with plain queries, as pages near either end of the list are."""
    shallow = 0 if request.param == "deferred join" else 10**9
    monkeypatch.setattr(ReversiblePaginator, "SHALLOW", shallow)


def listing(**filters):
    return Article.objects.published().values(*FIELDS).filter(**filters)


def ids(page):
    """The ids of a page of rows (as the lists read them) or of cards (as they show them)."""
    return [item["id"] if isinstance(item, dict) else item.pk for item in page]


@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_each_page_matches_djangos_paginator(thirty_five, number):
    expected = Paginator(listing(), 10).page(number)
    page = ReversiblePaginator(listing(), 10).page(number)
    assert ids(page) == ids(expected)
    assert len(page) == (5 if number == 4 else 10)
    assert page.paginator.num_pages == 4


@pytest.mark.parametrize("number", [1, 2, 3])
def test_category_pages_match(thirty_five, number):
    articles = listing(category=thirty_five)
    expected = Paginator(articles, 10).page(number)
    assert ids(ReversiblePaginator(articles, 10).page(number)) == ids(expected)


@pytest.mark.parametrize("number", [1, 2, 3, 4, 5, 6])
def test_pages_match_with_orphans(thirty_five, number):
    expected = Paginator(listing(), 6, orphans=2).page(number)
    assert ids(ReversiblePaginator(listing(), 6, orphans=2).page(number)) == ids(expected)


def test_pinned_lead_and_hidden_articles_never_show(thirty_five):
    paginator = ReversiblePaginator(listing(), 10)
    shown = [a for number in paginator.page_range for a in paginator.page(number)]
    assert len(shown) == 35
    assert [row["pinned"] for row in shown[:5]] == [True] * 5
    assert not any(row["pinned"] for row in shown[5:])
    assert {"Draft report", "Scheduled report"}.isdisjoint(row["title"] for row in shown)


def test_news_pages_show_what_djangos_paginator_gives(client, thirty_five):
    for number in (1, 2, 3, 4):
        response = client.get("/news/" + (f"?page={number}" if number > 1 else ""))
        assert response.status_code == 200
        assert ids(response.context["page_obj"]) == ids(Paginator(listing(), 10).page(number))
        content = response.content.decode()
        for card in response.context["page_obj"]:
            assert Article.objects.get(pk=card.pk).get_absolute_url() in content


def test_last_page_skips_no_rows(thirty_five):
    """The last page is read from the end of the index, not after an OFFSET over the others."""
    paginator = ReversiblePaginator(listing(), 10)
    paginator.count  # noqa: B018 (counted first, so only the page's query is captured)
    with CaptureQueriesContext(connection) as queries:
        page = list(paginator.page(4))
    assert len(page) == 5
    assert len(queries) == 1
    assert "OFFSET" not in queries[0]["sql"].upper()


def test_an_empty_list_has_one_empty_page(db):
    page = ReversiblePaginator(listing(), 10).page(1)
    assert list(page) == []
    assert page.paginator.num_pages == 1


def test_orderings_it_cannot_reverse_are_paginated_as_usual(thirty_five):
    by_title = listing().order_by("title")
    for number in (1, 4):
        expected = ids(Paginator(by_title, 10).page(number))
        assert ids(ReversiblePaginator(by_title, 10).page(number)) == expected
    rows = list(listing())
    assert list(ReversiblePaginator(rows, 10).page(4)) == rows[30:]
