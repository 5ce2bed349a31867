"""Search on PostgreSQL: the generated tsvector columns and GIN indexes of migrations 0005, 0008.

`search_vector` holds every word of an article, `title_vector` those of its title and
`title_summary_vector` those of its title and summary; the tiers of a match are read from the
last two. A page of a common word's matches is read by walking the publish-date index
(article_sequence_idx) and testing each article's vector, a rare word's from the GIN indexes:
the planner picks, from the statistics of each column.
"""

from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.db.models import Case, F, Func, Q, Subquery, Value, When

from .words import ALPHANUMERIC_RUN, is_cjk, last_is_prefix, pairs

VECTORS = ("search_vector", "title_vector", "title_summary_vector")


def tsquery_term(word, prefix):
    """One word as a quoted to_tsquery() operand, so none of it is tsquery syntax.

    PostgreSQL's parser keeps "fuel-cell", "3.5" or "foton.com" whole besides (for hyphenated
    words only) their parts; FTS5 sees "fuel cell", "3 5", "foton com". Matching either the
    whole or the parts as a phrase finds what FTS5 finds, and what PostgreSQL alone indexes.
    """
    if is_cjk(word):  # its pairs, as the index holds CJK runs
        return "({})".format(" <-> ".join(f"'{pair}'" for pair in pairs(word)))
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


class VectorColumn(Func):
    """A tsvector column of articles_article, under whatever alias the query gives the table.

    The migrations add those columns on PostgreSQL only, so the model doesn't declare them (and
    the ORM never loads them). The article's primary key, compiled, names the table's alias.
    """

    output_field = SearchVectorField()

    def __init__(self, column):
        super().__init__(F("pk"))
        self.column = column

    def as_sql(self, compiler, connection):
        pk, params = compiler.compile(self.get_source_expressions()[0])
        table, _dot, _column = pk.rpartition(".")
        return f"{table}.{self.column}", params


class Matches:
    """The articles of `queryset` that match `words`, and the conditions of the three tiers.

    A tier's condition stands alone (a title match is a match), so the planner estimates how
    many articles it holds from that column's statistics alone."""

    def __init__(self, queryset, words):
        query = SearchQuery(tsquery(words), search_type="raw", config="simple")
        vectors = queryset.alias(**{column: VectorColumn(column) for column in VECTORS})
        title, head = Q(title_vector=query), Q(title_summary_vector=query)
        self.vectors = vectors
        self.articles = vectors.filter(search_vector=query)
        self.tiers = [title, head & ~title, Q(search_vector=query) & ~head]
        self.tier = Case(When(title, then=Value(0)), When(head, then=Value(1)), default=Value(2))


def search(queryset, words):
    matches = Matches(queryset, words)
    return matches.articles.annotate(search_tier=matches.tier).order_by(
        "search_tier", "-publish_at", "-id"
    )


class Ranking:
    """What `search` orders, a page at a time (see articles.search.Results).

    Counting reads the newest matches, up to the limit, with their tiers: when there are fewer,
    that is every match, and any page is a sort of them. Otherwise it still holds the newest
    matches of each tier, and a page that needs older ones reads them, a tier at a time, from
    where it ends.
    """

    def __init__(self, queryset, words):
        self.queryset = queryset
        self.matches = Matches(queryset, words)
        self.newest = self.limit = None

    def count(self, limit):
        newest = self.matches.articles.order_by("-publish_at", "-id").values("pk")[:limit]
        # The tiers of those alone: tested before the limit, on every match, the title vectors
        # of 2,400 matches of "HX-150 燃料电池" doubled the query's time (28 ms, not 14).
        ranked = self.matches.vectors.filter(pk__in=newest).annotate(search_tier=self.matches.tier)
        ranked = ranked.order_by("-publish_at", "-id").values_list("pk", "search_tier")
        self.newest = list(ranked)
        self.limit = limit
        return len(self.newest)

    def page(self, start, stop):
        complete = len(self.newest) < self.limit
        ranked = []
        for number, condition in enumerate(self.matches.tiers):
            if len(ranked) >= stop:
                break
            ranked += [pk for pk, tier in self.newest if tier == number]
            if not complete and len(ranked) < stop:
                ranked += self.older(condition)[: stop - len(ranked)]
        ids = ranked[start:stop]
        articles = self.queryset.in_bulk(ids)
        return [articles[pk] for pk in ids if pk in articles]

    def older(self, condition):
        """The ids of the matches that `condition` picks, from just after the newest ones."""
        last, _tier = self.newest[-1]
        oldest = self.queryset.model.objects.filter(pk=last).order_by().values("publish_at")
        older = self.matches.vectors.filter(condition, publish_at__lte=Subquery(oldest))
        older = older.exclude(publish_at=Subquery(oldest), pk__gte=last)
        return older.order_by("-publish_at", "-id").values_list("pk", flat=True)
