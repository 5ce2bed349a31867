"""Full-text search of articles: FTS5 on SQLite, a tsvector column with a GIN index on PostgreSQL.

Both backends match the words of the title, the summary and `Article.body_text` (the body as
plain text, so tag and attribute names never match), need every word, treat the last word as a
prefix ("hydro" finds "hydrogen"), and rank by relevance with the title above the summary above
the body, newest first on ties. Neither tokenizes for a language: FTS5's unicode61 and
PostgreSQL's 'simple' configuration only fold case, so both answer the same way (no stemming,
no stop words) for mixed English and Chinese content.

Neither splits Chinese, Japanese or Korean text into words, so a query holding CJK characters
falls back to substring matching of each word, newest first: correct on both databases, but a
scan of every article's text (about a second at 100,000 articles). Indexing CJK text as
overlapping character pairs would make it quick; the demo and seeded content is English.

Migration 0005 builds the indexes. On SQLite, triggers keep the FTS5 table in step with the
articles table; a later migration that makes Django rebuild that table (most AlterField and
RemoveField operations do) drops them and must create them again as 0005 does.
"""

import re
from html import unescape

import nh3
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connections
from django.db.models import Expression, F, Q

# Tags that separate words; every other tag is removed and its text joins its neighbours.
_BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav",
    "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip
_TAG = re.compile(r"<[^>]*>")
_ALPHANUMERIC_RUN = re.compile(r"[^\W_]+")
_CJK = re.compile(
    "[\u1100-\u11ff\u2e80-\u2fdf\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f]"
)
MAX_WORDS = 32
MIN_PREFIX_LENGTH = 3  # shorter prefixes match too many words to be useful or quick


def text_from_html(html):
    """The words of `html` as plain text: no tags, entities decoded, whitespace collapsed.

    Scripts, styles and comments are dropped with their content, so any HTML is safe to pass.
    """
    blocks = nh3.clean(html or "", tags=_BLOCK_TAGS, attributes={}, link_rel=None)
    return " ".join(unescape(_TAG.sub(" ", blocks)).split())


def query_words(query):
    """The distinct words of `query` that hold a letter or digit, in order, at most MAX_WORDS."""
    words = dict.fromkeys((query or "").replace("\x00", "").split())
    return [word for word in words if _ALPHANUMERIC_RUN.search(word)][:MAX_WORDS]


def search(queryset, query):
    """`queryset` narrowed to the articles matching every word of `query`, best match first.

    Related objects that `queryset` selects (select_related) are prefetched instead.
    """
    words = query_words(query)
    if not words:
        return queryset.none()
    related = queryset.query.select_related
    if isinstance(related, dict) and related:
        # A join runs for every match before the sort picks a page: fetch for the page only.
        queryset = queryset.select_related(None).prefetch_related(*_related_paths(related))
    vendor = connections[queryset.db].vendor
    if any(_CJK.search(word) for word in words) or vendor not in ("sqlite", "postgresql"):
        return _search_substrings(queryset, words)
    if vendor == "sqlite":
        return _search_fts5(queryset, words)
    return _search_tsvector(queryset, words)


def _related_paths(tree, prefix=""):
    for name, subtree in tree.items():
        yield prefix + name
        yield from _related_paths(subtree, f"{prefix}{name}__")


def _search_substrings(queryset, words):
    for part in dict.fromkeys(part for word in words for part in _ALPHANUMERIC_RUN.findall(word)):
        # Without cased letters, a case-sensitive match finds the same and skips UPPER() calls.
        lookup = "icontains" if part.lower() != part.upper() else "contains"
        queryset = queryset.filter(
            Q(**{f"title__{lookup}": part})
            | Q(**{f"summary__{lookup}": part})
            | Q(**{f"body_text__{lookup}": part})
        )
    return queryset.order_by("-publish_at", "-id")


def _prefix(words):
    return len(words[-1]) >= MIN_PREFIX_LENGTH


def fts5_query(words):
    """An FTS5 expression: every word as a quoted string, so none of it is FTS5 syntax."""
    phrases = ['"{}"'.format(word.replace('"', '""')) for word in words]
    if _prefix(words):
        phrases[-1] += "*"
    return " ".join(phrases)  # implicit AND


def _search_fts5(queryset, words):
    # `search_index` joins the FTS5 table; `document = …` on its hidden column is a MATCH, and
    # its `rank` is bm25() with the column weights that migration 0005 configured.
    return (
        queryset.filter(search_index__document=fts5_query(words))
        .annotate(rank=F("search_index__rank"))
        .order_by("rank", "-publish_at", "-id")
    )


def _tsquery_term(word, prefix):
    """One word as a quoted to_tsquery() operand, so none of it is tsquery syntax.

    PostgreSQL's parser keeps "fuel-cell", "3.5" or "foton.com" whole besides (for hyphenated
    words only) their parts; FTS5 sees "fuel cell", "3 5", "foton com". Matching either the
    whole or the parts as a phrase finds what FTS5 finds, and what PostgreSQL alone indexes.
    """
    star = ":*" if prefix else ""
    parts = _ALPHANUMERIC_RUN.findall(word)
    quoted = [f"'{part}'" for part in parts]
    quoted[-1] += star
    if parts == [word]:
        return quoted[0]
    whole = "'{}'{}".format(word.replace("\\", "\\\\").replace("'", "''"), star)
    return "({} | {})".format(whole, " <-> ".join(quoted))


def tsquery(words):
    """A to_tsquery() input needing every word; the last one may be a prefix."""
    prefix = _prefix(words)
    return " & ".join(
        _tsquery_term(word, prefix and n == len(words) - 1) for n, word in enumerate(words)
    )


class SearchVectorColumn(Expression):
    """`articles_article.search_vector`, under whatever alias the query gives the table.

    Migration 0005 adds that column on PostgreSQL only, so the model doesn't declare it (and
    the ORM never loads it).
    """

    output_field = SearchVectorField()

    def __init__(self, alias=None):
        super().__init__()
        self.alias = alias

    def resolve_expression(self, query=None, *args, **kwargs):
        return SearchVectorColumn(query.get_initial_alias())

    def relabeled_clone(self, relabels):
        return SearchVectorColumn(relabels.get(self.alias, self.alias))

    def as_sql(self, compiler, connection):
        return f"{compiler.quote_name_unless_alias(self.alias)}.search_vector", []


def _search_tsvector(queryset, words):
    query = SearchQuery(tsquery(words), search_type="raw", config="simple")
    return (
        queryset.alias(search_vector=SearchVectorColumn())
        .filter(search_vector=query)
        .annotate(rank=SearchRank(SearchVectorColumn(), query))
        .order_by("-rank", "-publish_at", "-id")
    )
