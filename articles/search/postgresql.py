"""Search on PostgreSQL: the generated tsvector column and GIN index of migration 0005."""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db.models import F, Func

from .words import ALPHANUMERIC_RUN, last_is_prefix


def tsquery_term(word, prefix):
    """One word as a quoted to_tsquery() operand, so none of it is tsquery syntax.

    PostgreSQL's parser keeps "fuel-cell", "3.5" or "foton.com" whole besides (for hyphenated
    words only) their parts; FTS5 sees "fuel cell", "3 5", "foton com". Matching either the
    whole or the parts as a phrase finds what FTS5 finds, and what PostgreSQL alone indexes.
    """
    star = ":*" if prefix else ""
    parts = ALPHANUMERIC_RUN.findall(word)
    quoted = [f"'{part}'" for part in parts]
    quoted[-1] += star
    if parts == [word]:
        return quoted[0]
    whole = "'{}'{}".format(word.replace("\\", "\\\\").replace("'", "''"), star)
    return "({} | {})".format(whole, " <-> ".join(quoted))


def tsquery(words):
    """A to_tsquery() input needing every word; the last one may be a prefix."""
    prefix = last_is_prefix(words)
    return " & ".join(
        tsquery_term(word, prefix and n == len(words) - 1) for n, word in enumerate(words)
    )


class SearchVectorColumn(Func):
    """`articles_article.search_vector`, under whatever alias the query gives the table.

    Migration 0005 adds that column on PostgreSQL only, so the model doesn't declare it (and
    the ORM never loads it). The article's primary key, compiled, names the table's alias.
    """

    output_field = SearchVectorField()

    def __init__(self):
        super().__init__(F("pk"))

    def as_sql(self, compiler, connection):
        pk, params = compiler.compile(self.get_source_expressions()[0])
        table, _dot, _column = pk.rpartition(".")
        return f"{table}.search_vector", params


def search(queryset, words):
    query = SearchQuery(tsquery(words), search_type="raw", config="simple")
    return (
        queryset.alias(search_vector=SearchVectorColumn())
        .filter(search_vector=query)
        .annotate(rank=SearchRank(SearchVectorColumn(), query))
        .order_by("-rank", "-publish_at", "-id")
    )
