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

Migration 0005 builds the indexes, which the `sqlite` and `postgresql` modules query
(`substrings` is the fallback). On SQLite, triggers keep the FTS5 table in step with the
articles table; a later migration that makes Django rebuild that table (most AlterField and
RemoveField operations do) drops them and must create them again as 0005 does.
"""

import re
from html import unescape

import nh3
from django.db import connections

from . import postgresql, sqlite, substrings
from .words import CJK, query_words

# Tags that separate words; every other tag is removed and its text joins its neighbours.
_BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav",
    "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip
_TAG = re.compile(r"<[^>]*>")
ENGINES = {"sqlite": sqlite.search, "postgresql": postgresql.search}


def text_from_html(html):
    """The words of `html` as plain text: no tags, entities decoded, whitespace collapsed.

    Scripts, styles and comments are dropped with their content, so any HTML is safe to pass.
    """
    blocks = nh3.clean(html or "", tags=_BLOCK_TAGS, attributes={}, link_rel=None)
    return " ".join(unescape(_TAG.sub(" ", blocks)).split())


def search(queryset, query):
    """`queryset` narrowed to the articles matching every word of `query`, best match first."""
    words = query_words(query)
    if not words:
        return queryset.none()
    engine = ENGINES.get(connections[queryset.db].vendor, substrings.search)
    if any(CJK.search(word) for word in words):  # neither index splits CJK text into words
        engine = substrings.search
    return engine(queryset, words)
