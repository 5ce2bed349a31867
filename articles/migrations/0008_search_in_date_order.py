"""Search indexes that give a page of matches without scoring them all (see articles/search/).

Search ranks in three tiers (every word in the title; in the title or the summary; anywhere),
newest first within each, instead of by bm25 or ts_rank, which read every match.

SQLite: the FTS5 table is made again, of published articles only, contentless and keyed by
date: an entry's rowid is the second of the article's publish date times 2**28 plus the
article's id, so FTS5 lists each word's articles newest first and a page stops reading after
its entries (scheduled articles, whose keys lie ahead, are left out by a bound on the key).
The triggers compute the key (the expression of articles.search.sqlite.KEY_SQL) and follow
status changes; any later migration that makes Django rebuild articles_article drops them and
must create them again. A contentless table keeps no text: the 'delete' command is given the
old values, as before. articles_article_fts_terms (fts5vocab) lists the indexed words, for
the longer forms of a query's last word.

PostgreSQL: two more stored generated tsvector columns, of the title and of the title and the
summary, with GIN indexes: the tiers, and the statistics that let the planner tell a word rare
in titles from one common in bodies. As for search_vector, a migration that alters title or
summary must drop these columns first and add them again afterwards.
"""

import importlib

from django.db import migrations, models

# The key of an article row (`new` or `old` in a trigger, the table name in a SELECT). Only
# published articles are indexed (scheduled ones too: their keys are in the future).
KEY = (
    "(max(-34000000000, min(34000000000, coalesce(CAST(strftime('%s', {row}.publish_at) AS "
    "INTEGER), 0))) * 268435456 + {row}.id)"
)
INSERT = (
    "INSERT INTO articles_article_fts(rowid, title, summary, body_text) "
    "SELECT {key}, {row}.title, {row}.summary, {row}.body_text WHERE {row}.status = 'published';"
)
DELETE = (
    "INSERT INTO articles_article_fts(articles_article_fts, rowid, title, summary, body_text) "
    "SELECT 'delete', {key}, {row}.title, {row}.summary, {row}.body_text "
    "WHERE {row}.status = 'published';"
)
TOO_LARGE = (
    "SELECT RAISE(ABORT, 'article ids above 268435455 do not fit the search index') "
    "WHERE new.id > 268435455;"
)


def statement(template, row):
    return template.format(key=KEY.format(row=row), row=row)


SQLITE_TRIGGERS = ["articles_article_fts_insert", "articles_article_fts_delete",
                   "articles_article_fts_update"]  # fmt: skip
SQLITE = [
    *(f"DROP TRIGGER IF EXISTS {name}" for name in SQLITE_TRIGGERS),
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
        {TOO_LARGE}
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
    AFTER UPDATE OF id, title, summary, body_text, status, publish_at ON articles_article BEGIN
        {TOO_LARGE}
        {statement(DELETE, "old")}
        {statement(INSERT, "new")}
    END
    """,
    "INSERT INTO articles_article_fts(rowid, title, summary, body_text) "
    f"SELECT {KEY.format(row='articles_article')}, title, summary, body_text "
    "FROM articles_article WHERE status = 'published'",
]
SQLITE_REVERSE = [
    *(f"DROP TRIGGER IF EXISTS {name}" for name in SQLITE_TRIGGERS),
    "DROP TABLE IF EXISTS articles_article_fts_terms",
    "DROP TABLE IF EXISTS articles_article_fts",
    # Migration 0005's table, triggers and contents.
    *importlib.import_module("articles.migrations.0005_article_search_index").SQLITE,
]
POSTGRESQL = [
    """
    ALTER TABLE articles_article
    ADD COLUMN title_vector tsvector GENERATED ALWAYS AS (
        to_tsvector('simple'::regconfig, coalesce(title, ''))
    ) STORED,
    ADD COLUMN title_summary_vector tsvector GENERATED ALWAYS AS (
        to_tsvector('simple'::regconfig, coalesce(title, ''))
        || to_tsvector('simple'::regconfig, coalesce(summary, ''))
    ) STORED
    """,
    "CREATE INDEX article_search_title_idx ON articles_article USING gin (title_vector)",
    "CREATE INDEX article_search_title_summary_idx ON articles_article "
    "USING gin (title_summary_vector)",
]
POSTGRESQL_REVERSE = [
    "DROP INDEX IF EXISTS article_search_title_idx",
    "DROP INDEX IF EXISTS article_search_title_summary_idx",
    "ALTER TABLE articles_article DROP COLUMN IF EXISTS title_vector",
    "ALTER TABLE articles_article DROP COLUMN IF EXISTS title_summary_vector",
]


def run(statements):
    def operation(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, ()):
            schema_editor.execute(sql, params=None)  # as written: "%s" is strftime's

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_cover_first_frame_help"),
    ]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        ),
        # The index's models are unmanaged: only Django's idea of them changes.
        migrations.DeleteModel(name="ArticleSearchIndex"),
        migrations.CreateModel(
            name="ArticleSearchIndex",
            fields=[
                (
                    "key",
                    models.BigIntegerField(db_column="rowid", primary_key=True, serialize=False),
                ),
                ("document", models.TextField(db_column="articles_article_fts")),
            ],
            options={
                "db_table": "articles_article_fts",
                "managed": False,
                "default_permissions": (),
            },
        ),
        migrations.CreateModel(
            name="ArticleSearchTerm",
            fields=[
                ("term", models.TextField(primary_key=True, serialize=False)),
            ],
            options={
                "db_table": "articles_article_fts_terms",
                "managed": False,
                "default_permissions": (),
            },
        ),
    ]
