from django.utils import timezone

from pagecache import StaleOnWriteQuerySet, remembered

from .. import search


class ArticleQuerySet(StaleOnWriteQuerySet):
    def published(self, by=None):
        """What the public may see: published, and not scheduled for later.

        `by` narrows it to what had been published by an earlier moment (never a later one).
        """
        moment = timezone.now() if by is None else min(by, timezone.now())
        return self.filter(status=self.model.Status.PUBLISHED, publish_at__lte=moment)

    def scheduled(self):
        """Published by an editor, but waiting for a publish date still to come."""
        return self.filter(status=self.model.Status.PUBLISHED, publish_at__gt=timezone.now())

    def next_publish_at(self):
        """When the next scheduled article goes live, or None."""
        return self.scheduled().order_by("publish_at").values_list("publish_at", flat=True).first()

    def for_listing(self):
        """What the list cards and the feeds show, and no more: each column is converted for
        every row of a page. Reading another field costs a query per article."""
        return self.select_related("category").only(
            *("title", "slug", "summary", "source", "publish_at", "updated_at", "pinned"),
            *("cover_card", "cover_card_width", "cover_card_height", "cover_alt"),
            *("category__name", "category__slug"),
        )

    def remembered_count(self, name):
        """count(), kept until the cached pages next change (pagecache.remembered): counting
        100,000 published articles costs more than building the rest of a list page. `name`
        tells these articles apart from others, e.g. "published:category:3"."""
        return remembered(f"articles:count:{name}", self.count)

    def search(self, query):
        """Articles matching every word of `query`, most relevant first (see articles.search).

        Their categories are fetched for the page alone: a join would read one for every match.
        """
        return search.search(self.select_related(None), query).prefetch_related("category")

    def search_results(self, query):
        """search(), for a paginator: counted up to a cap, read a page at a time (see Results)."""
        return search.Results(self, query)
