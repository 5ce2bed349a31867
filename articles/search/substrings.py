"""Search without a full-text index: for CJK words, which neither index splits, and other
databases. Correct everywhere, but a scan of every article's text."""

from django.db.models import Q

from .words import ALPHANUMERIC_RUN


def search(queryset, words):
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
