"""The full-text index of articles: FTS5 on SQLite, a GIN-indexed tsvector on PostgreSQL.

SQLite: an external-content FTS5 table over title, summary and body_text (the text is stored
once, in the articles table), kept in step by triggers. bm25 weighs the title 5, the summary 2
and the body 1. Django rebuilds a table for most schema changes on SQLite, which drops its
triggers: a migration that does so to articles_article must create them again.

PostgreSQL: a stored generated tsvector column with the title weighted A, the summary B and the
body C, and a GIN index on it. Stored rather than an expression index so that ranking reads the
vector instead of parsing every matching article again; the model doesn't declare the column,
so the ORM never loads it. Ranking reads the vector of every match, so it is kept in the row
(storage MAIN and a higher toast_tuple_target: the body's text goes out of line first) instead
of in TOAST, which made a common word's search several times slower. PostgreSQL refuses to
change the type of a column that a generated column uses: a migration that alters title,
summary or body_text must drop the column first and add it again afterwards.

An index on (id, status, publish_at), declared on the model, lets SQLite check that each
full-text match is published from the index instead of from its (wide) row. PostgreSQL, which
reads the row anyway, gets it too: it is small.

Both use no language rules ('simple'; unicode61 without diacritic folding), so both find the
same words; see articles/search/.
"""

import django.db.models.deletion
from django.db import migrations, models

SQLITE = [
    """
    CREATE VIRTUAL TABLE articles_article_fts USING fts5(
        title, summary, body_text,
        content='articles_article', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0'
    )
    """,
    "INSERT INTO articles_article_fts(articles_article_fts, rank) VALUES ('rank', 'bm25(5, 2, 1)')",
    """
    CREATE TRIGGER articles_article_fts_insert AFTER INSERT ON articles_article BEGIN
        INSERT INTO articles_article_fts(rowid, title, summary, body_text)
        VALUES (new.id, new.title, new.summary, new.body_text);
    END
    """,
    """
    CREATE TRIGGER articles_article_fts_delete AFTER DELETE ON articles_article BEGIN
        INSERT INTO articles_article_fts(articles_article_fts, rowid, title, summary, body_text)
        VALUES ('delete', old.id, old.title, old.summary, old.body_text);
    END
    """,
    """
    CREATE TRIGGER articles_article_fts_update
    AFTER UPDATE OF id, title, summary, body_text ON articles_article BEGIN
        INSERT INTO articles_article_fts(articles_article_fts, rowid, title, summary, body_text)
        VALUES ('delete', old.id, old.title, old.summary, old.body_text);
        INSERT INTO articles_article_fts(rowid, title, summary, body_text)
        VALUES (new.id, new.title, new.summary, new.body_text);
    END
    """,
    "INSERT INTO articles_article_fts(articles_article_fts) VALUES ('rebuild')",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS articles_article_fts_insert",
    "DROP TRIGGER IF EXISTS articles_article_fts_delete",
    "DROP TRIGGER IF EXISTS articles_article_fts_update",
    "DROP TABLE IF EXISTS articles_article_fts",
]
POSTGRESQL = [
    """
    ALTER TABLE articles_article ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, coalesce(title, '')), 'A')
        || setweight(to_tsvector('simple'::regconfig, coalesce(summary, '')), 'B')
        || setweight(to_tsvector('simple'::regconfig, coalesce(body_text, '')), 'C')
    ) STORED
    """,
    "ALTER TABLE articles_article ALTER COLUMN search_vector SET STORAGE MAIN",
    "ALTER TABLE articles_article SET (toast_tuple_target = 4080)",
    # Rewrite the rows stored so far with those settings (VACUUM FULL can't run in a migration).
    "CLUSTER articles_article USING articles_article_pkey",
    "ALTER TABLE articles_article SET WITHOUT CLUSTER",
    "CREATE INDEX article_search_idx ON articles_article USING gin (search_vector)",
]
POSTGRESQL_REVERSE = [
    "DROP INDEX IF EXISTS article_search_idx",
    "ALTER TABLE articles_article DROP COLUMN IF EXISTS search_vector",
    "ALTER TABLE articles_article RESET (toast_tuple_target)",
]


def run(statements):
    def operation(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, ()):
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_article_body_text"),
    ]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                fields=["id", "status", "publish_at"], name="article_search_lookup_idx"
            ),
        ),
        migrations.CreateModel(
            name="ArticleSearchIndex",
            fields=[
                (
                    "article",
                    models.OneToOneField(
                        db_column="rowid",
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="search_index",
                        serialize=False,
                        to="articles.article",
                    ),
                ),
                ("document", models.TextField(db_column="articles_article_fts")),
                ("rank", models.FloatField()),
            ],
            options={
                "db_table": "articles_article_fts",
                "managed": False,
                "default_permissions": (),
            },
        ),
    ]
