"""Search on SQLite: migration 0008's FTS5 index, which lists each word's articles newest first.

The index holds the published articles (scheduled ones too), keyed by date: an entry's rowid is
the second of the article's publish date (Unix time) times 2**28, plus the article's id. FTS5
reads a word's entries in rowid order, so the newest ten title matches cost ten entries however
many articles match, and a count that stops at MAX_RESULTS costs as many. An upper bound on the
key leaves out the articles still to come, and those of the current second: they show on the
search page from the next one. Ties within one second go to the higher id. Ids must stay below
2**28 (268 million): the triggers refuse any other.

Each entry read is looked up in the queryset searched, by primary key, so that a filter on it
(the language) holds: an index on (id, status, publish_at) answers the published rule alone.

FTS5 reads every entry of a prefix query ("hydro*") before it returns the first, so the last
word is looked up in the vocabulary (`ArticleSearchTerm`) and its longer forms are spelled out
("hydro" OR "hydrogen" …), which FTS5 reads lazily like any word.
"""

import math
import re

from django.db import models
from django.db.models import Case, Exists, F, Func, OuterRef, Value, When
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.functional import cached_property

from .words import is_cjk, last_is_prefix, pairs

ID_MASK = 2**28 - 1
# The key of migration 0008's triggers, for the article in the row (publish dates are clamped
# to about the years 900 to 3000, so that the key always fits in 63 bits).
KEY_SQL = (
    "(max(-34000000000, min(34000000000, coalesce(CAST(strftime('%%s', {publish_at}) AS INTEGER),"
    " 0))) * 268435456 + {id})"
)
# A last word whose longer forms the vocabulary can list: one token, as unicode61 reads it.
PLAIN_WORD = re.compile(r"[0-9A-Za-z]+")
MAX_LONGER_WORDS = 50  # beyond, FTS5's own prefix query: slower, but the same articles


def phrase(word):
    """`word` as an FTS5 string, so none of it is FTS5 syntax; a CJK word as its pairs."""
    if is_cjk(word):
        word = " ".join(pairs(word))
    return '"{}"'.format(word.replace('"', '""'))


def fts5_query(words, longer=None):
    """An FTS5 expression needing every word. The last one is also a prefix: either FTS5's
    `"word"*` or, when `longer` lists the indexed words it begins, each of them spelled out."""
    phrases = [phrase(word) for word in words]
    if longer is not None:
        phrases[-1] = "({})".format(" OR ".join([phrases[-1], *map(phrase, longer)]))
    elif last_is_prefix(words):
        phrases[-1] += "*"
    return " AND ".join(phrases)


def columns(query):
    """FTS5 `query` limited to the title, and to the title and the summary."""
    return f"{{title}} : ({query})", f"{{title summary}} : ({query})"


def tiers(query):
    """The FTS5 queries of the three tiers, best first: every word in the title; every word in
    the title or the summary (and not the first tier); the rest of the matches."""
    title, head = columns(query)
    return [title, f"({head}) NOT ({title})", f"({query}) NOT ({head})"]


class NewestFirst(Func):
    """The index key of the article in the row: the higher, the newer."""

    output_field = models.BigIntegerField()

    def __init__(self):
        super().__init__(F("publish_at"), F("pk"))

    def as_sql(self, compiler, connection):
        (publish_at, first), (pk, second) = map(compiler.compile, self.get_source_expressions())
        return KEY_SQL.format(publish_at=publish_at, id=pk), (*first, *second)


def published_before(moment):
    """The index keys of the articles published before the second that holds `moment`."""
    return math.floor(moment.timestamp()) * (ID_MASK + 1)


def matching(query, *, newest=None):
    """The ids of the articles matching FTS5 `query`, as a subquery: all of them, or the
    `newest` ones published by now, read from the index in key order."""
    sql = f"SELECT rowid & {ID_MASK} FROM articles_article_fts WHERE articles_article_fts MATCH %s"
    params = [query]
    if newest is not None:
        sql += " AND rowid < %s ORDER BY rowid DESC LIMIT %s"
        params += [published_before(timezone.now()), newest]
    return RawSQL(sql, params)


def search(queryset, words):
    query = fts5_query(words)
    title, head = columns(query)
    return (
        queryset.filter(pk__in=matching(query))
        .annotate(
            search_tier=Case(
                When(pk__in=matching(title), then=Value(0)),
                When(pk__in=matching(head), then=Value(1)),
                default=Value(2),
            ),
            search_key=NewestFirst(),
        )
        .order_by("search_tier", "-search_key")
    )


class Ranking:
    """What `search` orders, read from the index a page at a time (see articles.search.Results).

    One query looks up the last word's longer forms, one counts; a page is a query for the index
    entries of each tier it reaches and one that loads their articles from `queryset`."""

    def __init__(self, queryset, words):
        self.queryset, self.words = queryset, words

    @cached_property
    def query(self):
        last, longer = self.words[-1], None
        if last_is_prefix(self.words) and PLAIN_WORD.fullmatch(last):
            # From `word` followed by "0", the lowest character a token holds, up to `word`
            # followed by the highest character there is.
            word = last.lower()
            terms = ArticleSearchTerm.objects.using(self.queryset.db).filter(
                term__gte=word + "0", term__lt=word + "\U0010ffff"
            )
            longer = list(terms.values_list("term", flat=True)[: MAX_LONGER_WORDS + 1])
            if len(longer) > MAX_LONGER_WORDS:
                longer = None
        return fts5_query(self.words, longer)

    def entries(self, query, limit):
        """The keys of the newest `limit` entries matching FTS5 `query`, published by now, of
        the articles `queryset` holds: the index is read in key order and each entry's
        article looked up (by primary key) until `limit` are found."""
        index = ArticleSearchIndex.objects.using(self.queryset.db).filter(
            document=query, key__lt=published_before(timezone.now())
        )
        index = index.alias(article=F("key").bitand(ID_MASK)).filter(
            Exists(self.queryset.filter(pk=OuterRef("article")))
        )
        return index.order_by("-key").values_list("key", flat=True)[:limit]

    def count(self, limit):
        return self.entries(self.query, limit).count()

    def page(self, start, stop):
        """The articles ranked `start` to `stop`: the first `stop` entries of each tier, read
        a tier at a time until there are `stop`."""
        keys = []
        for tier in tiers(self.query):
            if len(keys) >= stop:
                break
            keys += self.entries(tier, stop - len(keys))
        ids = [key & ID_MASK for key in keys[start:stop]]
        articles = self.queryset.in_bulk(ids)
        return [articles[pk] for pk in ids if pk in articles]


class ArticleSearchIndex(models.Model):
    """SQLite only: the FTS5 index of the published articles' title, summary and body_text,
    which triggers keep in step.

    Migration 0008 creates it, contentless (the text is stored once, in the articles table);
    Django never writes to it. `key` is the rowid described above; a filter on `document`, the
    table's hidden column, is a full-text MATCH. It lives beside the only code that queries it;
    articles.models imports it (through `search`).
    """

    key = models.BigIntegerField(primary_key=True, db_column="rowid")
    document = models.TextField(db_column="articles_article_fts")

    class Meta:
        managed = False
        db_table = "articles_article_fts"
        default_permissions = ()

    def __str__(self):
        return str(self.key)


class ArticleSearchTerm(models.Model):
    """SQLite only: the words of the index, an fts5vocab table of migration 0008."""

    term = models.TextField(primary_key=True)

    class Meta:
        managed = False
        db_table = "articles_article_fts_terms"
        default_permissions = ()

    def __str__(self):
        return self.term
