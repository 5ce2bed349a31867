"""The full-text index behind /search/: FTS5 on SQLite, tsvector + GIN on PostgreSQL.

Every test here runs on whichever database DATABASE_URL names; `make test` runs both.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from articles.cards import FIELDS
from articles.models import Article
from articles.search import text_from_html

HTML_BODY = (
    '<p>The <strong>plant</strong> tour, <a href="https://example.com/tour">report</a> and '
    '<img src="https://example.com/photo.jpg" alt="Photo" width="640" height="360">.</p>'
)


def found(query, queryset=None):
    queryset = Article.objects.published() if queryset is None else queryset
    return [article.title for article in queryset.search(query)]


def days_ago(days):
    return timezone.now() - timedelta(days=days)


# --- What is searched ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "query", ["strong", "href", "https", "example", "noopener", "noreferrer", "lazy", "decoding",
              "async", "img", "src", "alt", "photo", "width", "640", "jpg", "nofollow"],
)  # fmt: skip
def test_markup_of_the_body_is_never_matched(client, make_article, query):
    make_article(title="Visit", summary="A day out.", body=HTML_BODY)
    assert found(query) == []
    assert "Visit" not in client.get("/search/", {"q": query}).content.decode()


@pytest.mark.parametrize("query", ["plant", "tour", "report", "plant tour report"])
def test_text_of_the_body_is_matched(make_article, query):
    make_article(title="Visit", summary="A day out.", body=HTML_BODY)
    assert found(query) == ["Visit"]


def test_body_text_is_the_plain_text_of_the_sanitized_body(make_article):
    article = make_article(
        body="<h2>Fish&nbsp;&amp; chips</h2><p>A <em>gear</em>box&lt;3</p>"
        "<script>alert('x')</script><!-- note --><ul><li>one</li><li>two</li></ul>"
    )
    article.refresh_from_db()
    assert article.body_text == "Fish & chips A gearbox<3 one two"


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("", ""),
        (None, ""),
        ("plain words", "plain words"),
        ("<p>one</p><p>two</p>", "one two"),
        ("line<br>break", "line break"),
        ("<p>  spaced \n\t out  </p>", "spaced out"),
        ("<b>bo</b>ld <i>it</i>alic", "bold italic"),
        ("<p onclick='steal()'>safe</p><style>p {}</style>", "safe"),
        ("<table><tr><td>a</td><td>b</td></tr></table>", "a b"),
        ("&lt;script&gt; &quot;q&quot; &#20013;&#25991;", '<script> "q" 中文'),
        ("nul\x00byte", "nulbyte"),
    ],
)
def test_text_from_html(html, text):
    assert text_from_html(html) == text


# --- Ranking ------------------------------------------------------------------------------


def test_title_ranks_above_summary_above_body(make_article):
    make_article(title="Quarterly notes", summary="Nothing.", body="<p>A zephyr blew.</p>")
    make_article(title="Weather notes", summary="A zephyr came.", publish_at=days_ago(2))
    make_article(title="Zephyr arrives", summary="Wind.", publish_at=days_ago(3))
    assert found("zephyr") == ["Zephyr arrives", "Weather notes", "Quarterly notes"]


def test_equal_matches_come_newest_first_and_pinning_does_not_count(make_article):
    for source, days, pinned in [("oldest", 3, True), ("newest", 1, False), ("middle", 2, False)]:
        make_article(
            title="Harbour report", source=source, publish_at=days_ago(days), pinned=pinned
        )
    sources = [a.source for a in Article.objects.published().search("harbour report")]
    assert sources == ["newest", "middle", "oldest"]


def test_results_and_count_agree(make_article):
    for n in range(15):
        make_article(title=f"Hydrogen bulletin {n}")
    make_article(title="Hydrogen draft", status=Article.Status.DRAFT)
    results = Article.objects.published().only(*FIELDS).search("hydrogen")
    assert results.count() == 15
    assert len(list(results[:10])) == 10


# --- Words, prefixes, odd input -----------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("hydro", ["Hydrogen valley"]),
        ("HYDROGEN", ["Hydrogen valley"]),
        ("valley hydro", ["Hydrogen valley"]),
        ("hydro valley", []),  # only the last word is a prefix
        ("hy", []),  # too short to be a useful prefix
        ("hydrogen-valley", ["Hydrogen valley"]),
        ("hydrogen zeppelin", []),  # every word is needed
    ],
)
def test_words_and_prefixes(make_article, query, expected):
    make_article(title="Hydrogen valley", summary="Cells.", body="<p>Stacks.</p>")
    assert found(query) == expected


ODD_QUERIES = [
    '"', '""', '"turbine', "*", "turbine*", "*turbine", ":", "title:turbine", "turbine:*", "(",
    ")", "(turbine)", "AND", "OR", "NOT", "turbine AND", "AND turbine", "NOT turbine",
    "turbine OR plant", "NEAR", "NEAR(turbine plant)", "turbine NEAR/2 plant", "-", "-turbine",
    "^", "^turbine", "+turbine", "{title}: turbine", "\x00", "turbine\x00", "tur\x00bine", "'",
    "''", "\\", "turbine\\", "&", "|", "!", "!turbine", "turbine & !plant", "turbine <-> plant",
    "turbine:A", "'); DROP TABLE articles_article; --", "%", "_", "@@", "~", "🌬️", "\u200b",
    "\ufeff", "a" * 200, " ".join(f"w{n}" for n in range(100)),
]  # fmt: skip


@pytest.mark.parametrize("query", ODD_QUERIES)
def test_odd_queries_never_fail(client, make_article, query):
    make_article(title="Turbine plant opens", summary="A new site.", body="<p>Hello.</p>")
    make_article(title="Turbine draft", status=Article.Status.DRAFT)
    results = Article.objects.published().only(*FIELDS).search(query)
    titles = [article.title for article in results]
    assert results.count() == len(titles)
    assert set(titles) <= {"Turbine plant opens"}
    assert client.get("/search/", {"q": query}).status_code == 200


@pytest.mark.parametrize(
    "query", ['"turbine"', "turbine*", "(turbine)", "-turbine", "^turbine", "turbine:*"]
)
def test_syntax_characters_are_just_punctuation(make_article, query):
    make_article(title="Turbine plant opens")
    assert found(query) == ["Turbine plant opens"]


# --- Chinese, Japanese, Korean ------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("年度", ["公司召开年度大会"]),
        ("会", ["公司召开年度大会"]),
        ("年度 上海", ["公司召开年度大会"]),  # title and body text
        ("年度 北京", []),
        ("年度 foton", ["公司召开年度大会"]),
        ("年度，上海。", ["公司召开年度大会"]),  # punctuation separates words
        ("strong 年度", []),  # the body's markup is not searched this way either
    ],
)
def test_chinese_queries_match_substrings(make_article, query, expected):
    make_article(
        title="公司召开年度大会",
        summary="FOTON 总结。",
        body="<p><strong>大会在上海举行。</strong></p>",
    )
    make_article(title="年度草稿", status=Article.Status.DRAFT)
    assert found(query) == expected


# --- The index stays in step --------------------------------------------------------------


def test_index_follows_saves_updates_and_deletes(make_article):
    article = make_article(title="Gearbox line", body="<p>Old words.</p>")
    article.title = "Axle line"
    article.body = "<p>Fresh text.</p>"
    article.save()
    assert found("gearbox") == found("old") == []
    assert found("axle") == found("fresh") == ["Axle line"]

    article.body = "<p>Partial save.</p>"
    article.save(update_fields=["body"])
    assert found("partial") == ["Axle line"]

    Article.objects.filter(pk=article.pk).update(summary="Bulk update reaches the index.")
    assert found("bulk") == ["Axle line"]

    article.delete()
    assert found("axle") == found("bulk") == []


def test_bulk_created_articles_are_found(category):
    body = "<p>Seeded <em>electrolyser</em> news.</p>"
    Article.objects.bulk_create(
        Article(
            title=f"Seeded {n}",
            category=category,
            body=body,
            body_text=text_from_html(body),
            status=Article.Status.PUBLISHED,
            publish_at=days_ago(n),
        )
        for n in range(1, 4)
    )
    assert found("electrolyser") == ["Seeded 1", "Seeded 2", "Seeded 3"]


def test_search_uses_the_full_text_index(make_article):
    make_article(title="Turbine plant opens")
    sql, params = Article.objects.search("turbine").query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # A few rows are quicker to scan; ask whether the match could use the index at all.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " ".join(str(row) for row in cursor.fetchall())
    index = "article_search_idx" if connection.vendor == "postgresql" else "articles_article_fts"
    assert index in plan


@pytest.mark.django_db(transaction=True)
def test_migrations_index_existing_articles_and_reverse_cleanly(category):
    """Articles stored before the search migrations are found once they have run."""
    executor = MigrationExecutor(connection)
    executor.migrate([("articles", "0003_cover_uploads")])
    try:
        old_state = MigrationExecutor(connection).loader.project_state(
            ("articles", "0003_cover_uploads")
        )
        OldArticle = old_state.apps.get_model("articles", "Article")
        OldArticle.objects.create(
            title="Archive piece",
            slug="archive-piece",
            category_id=category.pk,
            body="<p>The <strong>flywheel</strong> storage test.</p>",
            status="published",
            publish_at=days_ago(1),
        )
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    article = Article.objects.get(title="Archive piece")
    assert article.body_text == "The flywheel storage test."
    assert found("flywheel") == ["Archive piece"]
    assert found("strong") == []
