"""Chinese search through the full-text indexes: CJK text indexed as overlapping character pairs.

Neither index splits Chinese into words. Three nullable columns hold the title, the summary and
the body text with each run of CJK characters written as its pairs (articles.search.fields,
filled on save; None for text without CJK), and the indexes read them where set instead of the
field (coalesce). Nullable, so SQLite adds them without rebuilding articles_article.

SQLite: the FTS5 table of 0008 is made again from those columns, with triggers that also follow
them. Like 0008's, these triggers go when Django rebuilds articles_article: a later migration
that does so must run this module's SQLITE statements again (as 0012 does with 0008's).

PostgreSQL: the generated tsvector columns of 0005 and 0008 are dropped (with their GIN indexes)
and added again reading those columns; adding them rewrites the table once.
"""

import importlib

from django.db import migrations, models

from articles.search.words import index_text

OLD = importlib.import_module("articles.migrations.0008_search_in_date_order")
BATCH = 2000
# What the index reads of an article row (`new` or `old` in a trigger, the table in a SELECT).
TEXT = (
    "coalesce({row}.search_title, {row}.title), coalesce({row}.search_summary, {row}.summary), "
    "coalesce({row}.search_body, {row}.body_text)"
)
INSERT = (
    "INSERT INTO articles_article_fts(rowid, title, summary, body_text) "
    f"SELECT {{key}}, {TEXT} WHERE {{row}}.status = 'published';"
)
DELETE = (
    "INSERT INTO articles_article_fts(articles_article_fts, rowid, title, summary, body_text) "
    f"SELECT 'delete', {{key}}, {TEXT} WHERE {{row}}.status = 'published';"
)


def statement(template, row):
    return template.format(key=OLD.KEY.format(row=row), row=row)


SQLITE = [
    *(f"DROP TRIGGER IF EXISTS {name}" for name in OLD.SQLITE_TRIGGERS),
    "DROP TABLE IF EXISTS articles_article_fts_terms",
    "DROP TABLE IF EXISTS articles_article_fts",
    """
    CREATE VIRTUAL TABLE articles_article_fts USING fts5(
        title, summary, body_text,
        content='', columnsize=0,
        tokenize='unicode61 remove_diacritics 0'
    )
    """,
    "CREATE VIRTUAL TABLE articles_article_fts_terms USING fts5vocab(articles_article_fts, row)",
    f"""
    CREATE TRIGGER articles_article_fts_insert AFTER INSERT ON articles_article BEGIN
        {OLD.TOO_LARGE}
        {statement(INSERT, "new")}
    END
    """,
    f"""
    CREATE TRIGGER articles_article_fts_delete AFTER DELETE ON articles_article BEGIN
        {statement(DELETE, "old")}
    END
    """,
    f"""
    CREATE TRIGGER articles_article_fts_update
    AFTER UPDATE OF id, title, summary, body_text, search_title, search_summary, search_body,
    status, publish_at ON articles_article BEGIN
        {OLD.TOO_LARGE}
        {statement(DELETE, "old")}
        {statement(INSERT, "new")}
    END
    """,
    # In date order: FTS5 writes out its buffer whenever a key goes backwards.
    statement(INSERT, "articles_article")
    .replace("WHERE", "FROM articles_article WHERE")
    .replace(";", " ORDER BY 1"),
]
SQLITE_REVERSE = ["DROP TABLE IF EXISTS articles_article_fts_terms", *OLD.SQLITE]


def vectors(title, summary, body):
    """0005's and 0008's generated columns and indexes, reading these expressions."""
    return [
        f"""
        ALTER TABLE articles_article
        ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('simple'::regconfig, {title}), 'A')
            || setweight(to_tsvector('simple'::regconfig, {summary}), 'B')
            || setweight(to_tsvector('simple'::regconfig, {body}), 'C')
        ) STORED,
        ADD COLUMN title_vector tsvector GENERATED ALWAYS AS (
            to_tsvector('simple'::regconfig, {title})
        ) STORED,
        ADD COLUMN title_summary_vector tsvector GENERATED ALWAYS AS (
            to_tsvector('simple'::regconfig, {title})
            || to_tsvector('simple'::regconfig, {summary})
        ) STORED
        """,
        "ALTER TABLE articles_article ALTER COLUMN search_vector SET STORAGE MAIN",
        "CREATE INDEX article_search_idx ON articles_article USING gin (search_vector)",
        "CREATE INDEX article_search_title_idx ON articles_article USING gin (title_vector)",
        "CREATE INDEX article_search_title_summary_idx ON articles_article "
        "USING gin (title_summary_vector)",
    ]


DROP_VECTORS = [
    "ALTER TABLE articles_article DROP COLUMN IF EXISTS search_vector, "
    "DROP COLUMN IF EXISTS title_vector, DROP COLUMN IF EXISTS title_summary_vector",
]
POSTGRESQL = DROP_VECTORS + vectors(
    "coalesce(search_title, title, '')",
    "coalesce(search_summary, summary, '')",
    "coalesce(search_body, body_text, '')",
)
POSTGRESQL_REVERSE = DROP_VECTORS + vectors(
    "coalesce(title, '')", "coalesce(summary, '')", "coalesce(body_text, '')"
)


def run(statements):
    def operation(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, ()):
            schema_editor.execute(sql, params=None)  # as written: "%s" is strftime's

    return operation


def fill_search_text(apps, schema_editor):
    """The pairs of the articles that hold CJK text, a batch at a time."""
    Article = apps.get_model("articles", "Article")
    articles = Article.objects.using(schema_editor.connection.alias).order_by("pk")
    articles = articles.only("title", "summary", "body_text")
    last = 0
    while batch := list(articles.filter(pk__gt=last)[:BATCH]):
        last = batch[-1].pk
        changed = []
        for article in batch:
            texts = [index_text(article.title), index_text(article.summary),
                     index_text(article.body_text)]  # fmt: skip
            if any(texts):
                article.search_title, article.search_summary, article.search_body = texts
                changed.append(article)
        Article.objects.using(schema_editor.connection.alias).bulk_update(
            changed, ["search_title", "search_summary", "search_body"]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0012_languages"),
    ]

    operations = [
        *(
            migrations.AddField(
                model_name="article",
                name=name,
                field=models.TextField(editable=False, null=True),
            )
            for name in ("search_title", "search_summary", "search_body")
        ),
        # The vectors go first, so that filling the columns doesn't compute the old ones again.
        migrations.RunPython(
            run({"postgresql": DROP_VECTORS}), run({"postgresql": POSTGRESQL_REVERSE})
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(
            run({"sqlite": SQLITE, "postgresql": POSTGRESQL[len(DROP_VECTORS) :]}),
            run({"sqlite": SQLITE_REVERSE, "postgresql": DROP_VECTORS}),
        ),
    ]
