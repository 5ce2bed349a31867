"""Full-text search of articles: FTS5 on SQLite, tsvector columns with GIN indexes on PostgreSQL.

Both backends match the words of the title, the summary and `Article.body_text` (the body as
plain text, so tag and attribute names never match), need every word, and treat the last word
as a prefix ("hydro" finds "hydrogen"). Neither tokenizes for a language: FTS5's unicode61 and
PostgreSQL's 'simple' configuration only fold case, so both answer the same way (no stemming,
no stop words) for mixed English and Chinese content.

Both rank the same way, in three tiers, newest first within each: the articles with every word
in the title, then those with every word in the title or the summary, then the rest. Ranking
by where the words are and by date, not by how often they occur (bm25, ts_rank), lets a page
be read in date order from the index and stop once it is full, instead of scoring every match.
Differences: SQLite orders by the second of the publish date (then by id), PostgreSQL by the
exact moment (then by id), and SQLite's search page shows an article from the second after its
publish date; PostgreSQL keeps "fuel-cell" whole besides its parts (see
`postgresql.tsquery_term`), and its title-and-summary vector runs the title on into the
summary, so a hyphenated word could match across the two.

`search()` gives a queryset in that order. `Results` gives the same articles to the search
page's paginator: counted exactly up to MAX_RESULTS (above, `count_is_exact` is false and only
the best MAX_RESULTS can be paged through), and read a page at a time. On SQLite counting and a
page read index entries, about as many as they keep, each looked up in the queryset (which may
hold one language: then about twice as many). On PostgreSQL they walk the newest
articles, testing each one's vector, until MAX_RESULTS match (or read a rarer word's matches
from its GIN index): the cost grows with MAX_RESULTS, which is why it is no larger.

Neither splits Chinese, Japanese or Korean text into words, so both index it as overlapping
character pairs (`words.index_text`, stored on the article by `fields.SearchText`, migration
0013), and a CJK word of a query is the phrase of its pairs: 2 characters and more are found
through the index, wherever they stand in a run, beside English words too. A single character
has no pair: it falls back to substring matching (`substrings`), over the newest articles only.

Migrations 0005, 0008 and 0013 build the indexes, which the `sqlite` and `postgresql` modules
query (`substrings` is the fallback). On SQLite, triggers keep the FTS5 table in step with the
articles table; a later migration that makes Django rebuild that table (most AlterField and
RemoveField operations do) drops them and must create them again as 0013 does.
"""

import re
from html import unescape

import nh3
from django.db import connections
from django.utils.functional import cached_property

from . import postgresql, sqlite, substrings
from .fields import SOURCES, SearchText  # noqa: F401 (Article's base and its fields)
from .words import index_text, is_cjk, query_words  # noqa: F401 (index_text: for callers)

# The most matches counted, and shown (20 pages). On PostgreSQL, counting a word found in one
# article in seven to 1,000 took 15 to 30 ms at 100,000 articles; to 200, 3 to 6 ms.
MAX_RESULTS = 200

# Tags that separate words; every other tag is removed and its text joins its neighbours.
_BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav",
    "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip
_TAG = re.compile(r"<[^>]*>")
ENGINES = {"sqlite": sqlite, "postgresql": postgresql}


def text_from_html(html):
    """The words of `html` as plain text: no tags, entities decoded, whitespace collapsed.

    Scripts, styles and comments are dropped with their content, so any HTML is safe to pass.
    """
    blocks = nh3.clean(html or "", tags=_BLOCK_TAGS, attributes={}, link_rel=None)
    return " ".join(unescape(_TAG.sub(" ", blocks)).split())


def engine(queryset, words):
    """The module that searches `queryset`'s database for `words`."""
    if any(is_cjk(word) and len(word) == 1 for word in words):  # the index holds pairs
        return substrings
    return ENGINES.get(connections[queryset.db].vendor, substrings)


def search(queryset, query):
    """`queryset` narrowed to the articles matching every word of `query`, best match first."""
    words = query_words(query)
    if not words:
        return queryset.none()
    return engine(queryset, words).search(queryset, words)


class Results:
    """The articles of `queryset` matching `query`, best first, for a paginator.

    `count()` is exact up to MAX_RESULTS and MAX_RESULTS above (`count_is_exact` tells which),
    so a paginator offers the best MAX_RESULTS at most; a slice reads one page of them. Each
    costs a query or two, however many articles match.

    `queryset` holds what the public may see: Article.objects.published(), only() some fields or
    not, in one language or all. On SQLite the index holds the published articles and ranks
    them itself; each entry read is looked up in `queryset` (its language, say).
    """

    def __init__(self, queryset, query):
        words = query_words(query)
        self.ranking = engine(queryset, words).Ranking(queryset, words) if words else None

    @cached_property
    def counted(self):
        """The number of matches, counted up to one more than MAX_RESULTS."""
        return self.ranking.count(MAX_RESULTS + 1) if self.ranking else 0

    @property
    def count_is_exact(self):
        return self.counted <= MAX_RESULTS

    def count(self):
        return min(self.counted, MAX_RESULTS)

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("Search results are read a page (a slice) at a time.")
        start, stop, _step = index.indices(self.count())
        return self.ranking.page(start, stop) if start < stop else []
