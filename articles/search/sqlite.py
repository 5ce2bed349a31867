"""Search on SQLite: the FTS5 table of migration 0005, joined as `Article.search_index`."""

from django.db import models
from django.db.models import F

from .words import last_is_prefix


def fts5_query(words):
    """An FTS5 expression: every word as a quoted string, so none of it is FTS5 syntax."""
    phrases = ['"{}"'.format(word.replace('"', '""')) for word in words]
    if last_is_prefix(words):
        phrases[-1] += "*"
    return " ".join(phrases)  # implicit AND


def search(queryset, words):
    # `search_index` joins the FTS5 table; `document = …` on its hidden column is a MATCH, and
    # its `rank` is bm25() with the column weights that migration 0005 configured.
    return (
        queryset.filter(search_index__document=fts5_query(words))
        .annotate(rank=F("search_index__rank"))
        .order_by("rank", "-publish_at", "-id")
    )


class ArticleSearchIndex(models.Model):
    """SQLite only: the FTS5 table over title, summary and body_text that triggers keep in step.

    Migration 0005 creates it; Django never writes to it. It lets a search join the index
    (`search_index__document=…` is a full-text MATCH) and order by its bm25 `rank`. It lives
    beside the only code that queries it; articles.models imports it (through `search`).
    """

    article = models.OneToOneField(
        "articles.Article",
        on_delete=models.DO_NOTHING,
        primary_key=True,
        db_column="rowid",
        db_constraint=False,
        related_name="search_index",
    )
    document = models.TextField(db_column="articles_article_fts")
    rank = models.FloatField()

    class Meta:
        managed = False
        db_table = "articles_article_fts"
        default_permissions = ()

    def __str__(self):
        return str(self.article_id)
