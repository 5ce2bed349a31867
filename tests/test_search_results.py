"""The search page's results: the order of articles.search, read a page at a time, counted up to
a cap. Every test runs on whichever database DATABASE_URL names; `make test` runs both."""

from datetime import timedelta

import pytest
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import search
from articles.cards import FIELDS
from articles.models import Article
from articles.search import sqlite
from articles.views import SearchView

WORD = "zephyr"


def hours_ago(hours):
    return timezone.now() - timedelta(hours=hours)


@pytest.fixture
def tiers(make_article):
    """Matches of WORD in each tier, their dates interleaved, and some that must never show.

    Returns the published matches in the order search gives them: title matches, then summary
    matches, then the rest, newest first within each."""
    made = {"title": [], "summary": [], "body": []}
    for n in range(40):
        tier = ("title", "summary", "body", "body")[n % 4]
        fields = {
            "title": f"{WORD.title()} report {n}" if tier == "title" else f"Report {n}",
            "summary": f"A {WORD} came by." if tier == "summary" else "Nothing much.",
            "body": f"<p>Notes on the {WORD}.</p>" if tier == "body" else "<p>Plain.</p>",
        }
        made[tier].append(make_article(publish_at=hours_ago(n * 7 % 41 + 1), **fields))
    make_article(title=f"{WORD} draft", status=Article.Status.DRAFT)
    make_article(title=f"{WORD} scheduled", publish_at=timezone.now() + timedelta(hours=1))
    make_article(title="Unrelated", summary="No match here.")

    def newest_first(articles):
        return sorted(articles, key=lambda a: (a.publish_at, a.pk), reverse=True)

    return [a.pk for tier in made.values() for a in newest_first(tier)]


def results(query=WORD):
    return Article.objects.published().only(*FIELDS).search_results(query)


def read(found, size):
    """Every page of `found`, `size` articles at a time, as ids."""
    return [a.pk for start in range(0, found.count(), size) for a in found[start : start + size]]


def test_the_queryset_ranks_by_tier_then_newest(tiers):
    assert [a.pk for a in Article.objects.published().search(WORD)] == tiers


@pytest.mark.parametrize("cap", [1000, 40, 39, 12, 7, 1])
@pytest.mark.parametrize("size", [10, 3, 1])
def test_pages_follow_the_ranking_up_to_the_cap(tiers, monkeypatch, cap, size):
    monkeypatch.setattr(search, "MAX_RESULTS", cap)
    found = results()
    assert found.count() == min(len(tiers), cap)
    assert found.count_is_exact == (len(tiers) <= cap)
    assert read(found, size) == tiers[:cap]


@pytest.mark.parametrize("query", [WORD, WORD.upper(), "zeph", f"{WORD} zeph"])
def test_every_spelling_of_the_query_ranks_the_same(tiers, query):
    assert read(results(query), 10) == tiers


def test_words_split_over_title_and_body_rank_with_the_body(make_article):
    both = make_article(title="Gale notes", body="<p>A storm.</p>", publish_at=hours_ago(1))
    title = make_article(title="Gale and storm", publish_at=hours_ago(3))
    summary = make_article(title="Gale", summary="Storm ahead.", publish_at=hours_ago(2))
    expected = [title.pk, summary.pk, both.pk]
    assert [a.pk for a in Article.objects.published().search("gale storm")] == expected
    assert read(results("gale storm"), 2) == expected


def test_no_words_no_results(tiers):
    for query in ["", "   ", "?!"]:
        found = results(query)
        assert (found.count(), found.count_is_exact, found[0:10]) == (0, True, [])


def test_a_slice_is_all_it_reads(tiers):
    with pytest.raises(TypeError):
        results()[3]


# --- Words the index holds in longer forms ------------------------------------------------


@pytest.fixture
def hydrogen(make_article):
    return [
        make_article(title=title, publish_at=hours_ago(n))
        for n, title in enumerate(["Hydrogen", "Hydrogens", "Hydrogenation", "Hydro dam"], 1)
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [("hydro", [0, 1, 2, 3]), ("hydrogen", [0, 1, 2]), ("hydrogens", [1]), ("HYDROGENA", [2]),
     ("hy", []), ("hydrogen dam", []), ("dam hydro", [3])],
)  # fmt: skip
def test_the_last_word_finds_its_longer_forms(hydrogen, query, expected):
    ids = [hydrogen[n].pk for n in expected]
    assert read(results(query), 10) == ids
    assert [a.pk for a in Article.objects.published().search(query)] == ids


def test_too_many_longer_forms_are_still_found(hydrogen, monkeypatch):
    monkeypatch.setattr(sqlite, "MAX_LONGER_WORDS", 1)
    assert read(results("hydro"), 10) == [a.pk for a in hydrogen]


def test_a_last_word_beyond_ascii_is_a_prefix_too(make_article):
    article = make_article(title="Überlandleitung eröffnet")
    assert read(results("überland"), 10) == [article.pk]


# --- Only what the public may see, however articles change --------------------------------


def test_status_and_date_changes_reach_the_results(make_article):
    article = make_article(title="Monsoon outlook", status=Article.Status.DRAFT)
    assert results("monsoon").count() == 0
    article.status = Article.Status.PUBLISHED
    article.save()
    assert read(results("monsoon"), 10) == [article.pk]
    Article.objects.filter(pk=article.pk).update(publish_at=timezone.now() + timedelta(days=1))
    assert results("monsoon").count() == 0
    Article.objects.filter(pk=article.pk).update(publish_at=hours_ago(2), title="Typhoon outlook")
    assert (results("monsoon").count(), read(results("typhoon"), 10)) == (0, [article.pk])
    Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT)
    assert results("typhoon").count() == 0
    Article.objects.filter(pk=article.pk).update(status=Article.Status.PUBLISHED)
    article.delete()
    assert results("typhoon").count() == 0


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's index keys")
def test_the_index_keys_are_the_keys_search_orders_by(make_article):
    """Migration 0008's triggers and articles.search.sqlite.KEY_SQL spell the key twice."""
    old = timezone.now().replace(year=1905, microsecond=999999)
    for article in [make_article(title="Keyed", publish_at=old), make_article(title="Keyed")]:
        key = Article.objects.annotate(key=sqlite.NewestFirst()).get(pk=article.pk).key
        assert key & sqlite.ID_MASK == article.pk
        index = sqlite.ArticleSearchIndex.objects.filter(document="keyed")  # contentless: MATCH
        assert index.filter(key=key).exists()


def test_old_articles_come_last(make_article):
    old = make_article(title="Archive storm", publish_at=timezone.now().replace(year=1905))
    new = make_article(title="Storm today")
    assert read(results("storm"), 1) == [new.pk, old.pk]


# --- The page -----------------------------------------------------------------------------


def get(**params):
    request = RequestFactory().get("/search/", params)
    return SearchView.as_view()(request).context_data


def test_the_page_says_how_many_match(tiers):
    context = get(q=WORD)
    assert (context["result_count"], context["result_count_is_exact"]) == (len(tiers), True)
    assert [a.pk for a in context["articles"]] == tiers[:10]


def test_above_the_cap_the_page_says_more_and_pages_stop(tiers, monkeypatch):
    monkeypatch.setattr(search, "MAX_RESULTS", 25)
    context = get(q=WORD)
    assert (context["result_count"], context["result_count_is_exact"]) == (25, False)
    assert context["paginator"].num_pages == 3
    assert [a.pk for a in get(q=WORD, page="3")["articles"]] == tiers[20:25]
    with pytest.raises(Http404):
        get(q=WORD, page="4")


def test_a_page_costs_a_few_queries_however_deep(tiers, monkeypatch):
    monkeypatch.setattr(search, "MAX_RESULTS", 25)
    for page in [{}, {"page": "2"}, {"page": "3"}]:
        with CaptureQueriesContext(connection) as queries:
            get(q="zeph", **page)
        # The last word's longer forms (SQLite), the count, the entries of each tier the page
        # reaches (one query on PostgreSQL when the count read them), the articles.
        assert len(queries) <= 6, page


def test_a_visitor_reads_that_more_match_than_are_shown(client, tiers, monkeypatch):
    monkeypatch.setattr(search, "MAX_RESULTS", 25)
    page = client.get("/search/", {"q": WORD}).content.decode()
    assert f"More than 25 articles match “{WORD}”. These are the best 25." in page
    monkeypatch.setattr(search, "MAX_RESULTS", 200)
    page = client.get("/search/", {"q": WORD}).content.decode()
    assert f"{len(tiers)} articles match “{WORD}”." in page
