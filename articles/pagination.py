from django.core.paginator import Page, Paginator
from django.db import NotSupportedError, connections
from django.db.models import QuerySet
from django.utils.functional import cached_property

# The pages' addresses (one per page, as the page cache keys them) are pagecache.pages's.


class ReversiblePaginator(Paginator):
    """Numbered pages that cost about the same however deep they are.

    A page is one query: the queryset narrowed to `pk IN (<the page's ids>)`, where the ids come
    from a subquery that reads only the index (a "deferred join"), so the rows skipped by the
    OFFSET are never fetched. A page in the back half counts from the other end: the ordering
    reversed (the same index, read backwards) and a small offset, so the last page costs what
    the first does. That gives Django's own pages when the ordering is total, as the lists' is
    (it ends in the id); among rows that tie, SQL defines no order either way. Within SHALLOW
    rows of the start a page is a plain LIMIT/OFFSET query instead. Lists, and querysets that
    are unordered, sliced or combined, are paginated as usual.
    """

    # Rows an OFFSET may skip before the deferred join pays for its costlier query.
    SHALLOW = 200

    def __init__(self, object_list, per_page, *args, count=None, **kwargs):
        """`count`, if given, is a function that gives the number of items, for lists that cost
        too much to count for every page (ArticleQuerySet.remembered_count)."""
        super().__init__(object_list, per_page, *args, **kwargs)
        self.count_function = count

    @cached_property
    def count(self):
        return super().count if self.count_function is None else self.count_function()

    def page(self, number):
        queryset = self.object_list
        if not isinstance(queryset, QuerySet) or not queryset.ordered:
            return super().page(number)
        if not connections[queryset.db].features.allow_sliced_subqueries_with_in:
            return super().page(number)  # MySQL: no LIMIT in an IN (subquery)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        from_end = self.count - top < bottom
        ordered = queryset.reverse() if from_end else queryset
        start, stop = (self.count - top, self.count - bottom) if from_end else (bottom, top)
        try:
            if start < self.SHALLOW and not from_end:
                # Few rows to skip: one plain query, quicker to build than the deferred join.
                # Not from the end: for a last page of a few rows SQLite's planner may sort
                # the whole table instead of reading the index backwards (measured: 190 ms).
                rows = ordered[start:stop]
            else:
                # The rows meet the queryset's conditions twice, in the subquery and again here;
                # with planner statistics (see apps.py) the database still reads them by id.
                rows = queryset.filter(pk__in=ordered.values("pk")[start:stop])
        except (TypeError, NotSupportedError):  # a sliced or combined (union…) queryset
            return super().page(number)
        return Page(rows, number, self)
