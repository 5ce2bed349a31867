"""Chinese search through the full-text indexes, which hold CJK text as overlapping pairs.

Every test here runs on whichever database DATABASE_URL names; `make test` runs both.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from articles.cards import FIELDS
from articles.models import Article
from articles.search import index_text, sqlite, substrings


def found(query, queryset=None):
    queryset = Article.objects.published() if queryset is None else queryset
    return [article.title for article in queryset.search(query)]


def results(query, queryset=None):
    """The search page's reading of `query`: the count, and the first page's titles."""
    queryset = Article.objects.published() if queryset is None else queryset
    ranked = queryset.only(*FIELDS).search_results(query)
    return ranked.count(), [article.title for article in ranked[0:10]]


def days_ago(days):
    return timezone.now() - timedelta(days=days)


@pytest.fixture
def news(make_article):
    make_article(
        title="蓝峰氢能向北桥物流交付HX-150燃料电池系统",
        summary="首批车辆在保定投入运营。",
        body="<p>FTXT 氢能 团队完成了<strong>低温启动</strong>测试。</p>",
    )
    make_article(title="Hydrogen day", summary="English only.", body="<p>Fuel cells.</p>")
    make_article(title="储氢瓶草稿", status=Article.Status.DRAFT)


def test_index_text_writes_each_cjk_run_as_its_pairs():
    assert index_text("HX-150燃料电池，的 test") == "HX-150 燃料 料电 电池 ， 的  test"
    assert index_text("English only") is None
    assert index_text("") is None


@pytest.mark.parametrize(
    "query",
    ["氢能", "燃料", "保定", "交付", "低温启动", "燃料电池", "电池系统", "北桥物流",
     "蓝峰氢能向北桥物流", "首批车辆", "启动测试", "ftxt 氢能", "FTXT 氢能",
     "HX-150 燃料电池", "hx-150燃料电池", "燃料电池 HX", "氢能，保定。"],
)  # fmt: skip
def test_chinese_and_mixed_queries_find_the_article(news, query):
    assert found(query) == ["蓝峰氢能向北桥物流交付HX-150燃料电池系统"]
    assert results(query) == (1, ["蓝峰氢能向北桥物流交付HX-150燃料电池系统"])


@pytest.mark.parametrize(
    "query",
    ["储氢瓶", "燃料氢能", "电池燃料", "氢能 上海", "HX-80 燃料电池", "HX150 燃料电池",
     "Hydrogen 氢能", "氢能团队"],  # "氢能 团队": a space is no substring of the query
)  # fmt: skip
def test_every_word_is_needed_and_its_characters_in_order(news, query):
    assert found(query) == []
    assert results(query) == (0, [])


def test_the_pairs_of_a_word_must_be_adjacent(make_article):
    make_article(title="燃料供应与电池回收")
    make_article(title="燃料电池回收")
    assert found("燃料电池") == ["燃料电池回收"]


def test_title_ranks_above_summary_above_body_newest_first(make_article):
    made = {}
    for days, (where, fields) in enumerate(
        [
            ("body", {"body": "<p>关于加氢站的说明。</p>"}),
            ("title", {"title": "张家口加氢站投运"}),
            ("summary", {"summary": "新的加氢站投入使用。"}),
            ("older title", {"title": "加氢站建设"}),
        ],
        1,
    ):
        fields.setdefault("title", f"新闻{days}")
        made[where] = make_article(publish_at=days_ago(days), **fields).title
    expected = [made[key] for key in ("title", "older title", "summary", "body")]
    assert found("加氢站") == expected
    assert results("加氢站") == (4, expected)


def test_a_single_character_scans_the_newest_articles(make_article, monkeypatch):
    make_article(title="氢气纯度报告", publish_at=days_ago(3))
    make_article(title="Unrelated", publish_at=days_ago(2))
    make_article(title="储氢压力", publish_at=days_ago(1))
    assert found("氢") == ["储氢压力", "氢气纯度报告"]
    assert results("氢") == (2, ["储氢压力", "氢气纯度报告"])
    monkeypatch.setattr(substrings, "SCAN_LIMIT", 2)  # the newest two articles only
    assert found("氢") == ["储氢压力"]
    assert results("氢") == (1, ["储氢压力"])


def test_a_language_filter_keeps_the_ranking_and_the_count(make_article):
    for days in range(1, 6):
        make_article(title=f"氢能简报{days}", language="zh-hans", publish_at=days_ago(days))
        make_article(title=f"氢能 in English {days}", publish_at=days_ago(days))
    chinese = Article.objects.published().filter(language="zh-hans")
    titles = [f"氢能简报{days}" for days in range(1, 6)]
    assert found("氢能", chinese) == titles
    assert results("氢能", chinese) == (5, titles)
    assert results("氢能简报", Article.objects.published().filter(language="en")) == (0, [])


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL's planner picks by size")
def test_a_language_filter_still_reads_the_index_first(make_article):
    """The index gives the matches, in key order; each is then looked up in the articles."""
    make_article(title="氢能简报", language="zh-hans")
    chinese = Article.objects.published().filter(language="zh-hans")
    sql, params = chinese.search("氢能").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " ".join(str(row) for row in cursor.fetchall())
        assert "articles_article_fts VIRTUAL TABLE" in plan, plan
        entries = sqlite.Ranking(chinese, ["氢能"]).entries("氢能", 10)
        sql, params = entries.query.sql_with_params()
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = [row[-1] for row in cursor.fetchall()]
    assert plan[0].startswith("SCAN articles_article_fts VIRTUAL TABLE"), plan
    assert not any("TEMP B-TREE" in step for step in plan), plan  # no sort: read in key order


@pytest.mark.parametrize(
    "query",
    ['"氢能"', "氢能*", "氢能:*", "NEAR(氢能 燃料)", "氢能 OR 燃料", "氢\x00能", "\x00氢",
     "氢能'", "氢能\\", "氢能 & !燃料", "{title}: 氢能", "氢" * 5000, "氢能 " * 500,
     "　", "，。", "🌬️氢能", "ｈｘ 氢能", "ｶﾀｶﾅ", "한국어 검색", "日本語のテキスト"],
)  # fmt: skip
def test_odd_chinese_queries_never_fail(client, news, query):
    count, titles = results(query)
    assert count == len(titles)
    assert set(titles) <= {"蓝峰氢能向北桥物流交付HX-150燃料电池系统"}
    assert client.get("/search/", {"q": query}).status_code == 200


# --- The index stays in step --------------------------------------------------------------


def test_index_follows_saves_updates_and_deletes(make_article):
    article = make_article(title="氢能大会召开", body="<p>储氢瓶展出。</p>")
    article.title = "加氢站开业"
    article.body = "<p>电解槽投产。</p>"
    article.save()
    assert found("氢能") == found("储氢瓶") == []
    assert found("加氢站") == found("电解槽") == ["加氢站开业"]

    article.title = "双极板下线"
    article.save(update_fields=["title"])
    article.summary = "催化剂测试"
    article.save(update_fields=["summary"])
    article.body = "<p>空压机模块</p>"
    article.save(update_fields=["body"])
    assert found("加氢站") == found("电解槽") == []
    assert found("双极板") == found("催化剂") == found("空压机") == ["双极板下线"]

    article.title = "Stack line"  # no Chinese left in the title: the index reads the title
    article.save()
    assert found("双极板") == []
    assert found("stack 空压机") == ["Stack line"]

    article.status = Article.Status.DRAFT
    article.save()
    assert found("空压机") == []
    article.status = Article.Status.PUBLISHED
    article.publish_at = timezone.now() + timedelta(days=1)
    article.save()
    assert found("空压机") == []
    article.publish_at = days_ago(1)
    article.save(update_fields=["publish_at"])
    assert found("空压机") == ["Stack line"]

    article.delete()
    assert found("空压机") == []


def test_bulk_created_articles_are_found(category):
    articles = [
        Article(
            title=f"种子文章{n}",
            category=category,
            body="<p>绿氢成本下降。</p>",
            status=Article.Status.PUBLISHED,
            publish_at=days_ago(n),
        )
        for n in range(1, 4)
    ]
    for article in articles:
        article.fill_derived_fields()  # as seed_articles does
    Article.objects.bulk_create(articles)
    assert found("绿氢成本") == ["种子文章1", "种子文章2", "种子文章3"]


@pytest.mark.django_db(transaction=True)
def test_migration_indexes_existing_chinese_articles(category):
    executor = MigrationExecutor(connection)
    executor.migrate([("articles", "0012_languages")])
    try:
        state = MigrationExecutor(connection).loader.project_state(("articles", "0012_languages"))
        OldArticle = state.apps.get_model("articles", "Article")
        for n in range(3):
            OldArticle.objects.create(
                title=f"旧文章{n}",
                slug=f"old-{n}",
                category_id=category.pk,
                body="<p>质子交换膜寿命</p>",
                body_text="质子交换膜寿命",
                status="published",
                publish_at=days_ago(n + 1),
            )
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    assert found("交换膜") == ["旧文章0", "旧文章1", "旧文章2"]
    assert found("旧文章1") == ["旧文章1"]
