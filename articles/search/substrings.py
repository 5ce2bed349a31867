"""Search without a full-text index: for a single CJK character, which the index holds only
inside its pairs, and for other databases. A scan of the articles' text: with a single CJK
character, of the newest SCAN_LIMIT articles only, so that it stays quick."""

from django.db.models import Q

from .words import ALPHANUMERIC_RUN, is_cjk

# At 100,000 articles a scan of all of them took 0.6 s (SQLite) to 1.2 s (PostgreSQL); of the
# newest 1,000 of one language, 30 to 90 ms on SQLite.
SCAN_LIMIT = 1000


def search(queryset, words):
    if any(is_cjk(word) and len(word) == 1 for word in words):
        newest = queryset.order_by("-publish_at", "-id").values("pk")[:SCAN_LIMIT]
        queryset = queryset.filter(pk__in=newest)
    for part in dict.fromkeys(part for word in words for part in ALPHANUMERIC_RUN.findall(word)):
        # Without cased letters, a case-sensitive match finds the same and skips UPPER() calls.
        lookup = "icontains" if part.lower() != part.upper() else "contains"
        queryset = queryset.filter(
            Q(**{f"title__{lookup}": part})
            | Q(**{f"summary__{lookup}": part})
            | Q(**{f"body_text__{lookup}": part})
        )
    return queryset.order_by("-publish_at", "-id")


class Ranking:
    """What `search` orders, a page at a time (see articles.search.Results): plain slices."""

    def __init__(self, queryset, words):
        self.articles = search(queryset, words)

    def count(self, limit):
        return self.articles[:limit].count()

    def page(self, start, stop):
        return list(self.articles[start:stop])
