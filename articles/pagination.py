from django.core.paginator import Paginator
from django.db import connections
from django.db.models import QuerySet


class ReversiblePaginator(Paginator):
    """Numbered pages that cost about the same however deep they are.

    A page is one query: `WHERE id IN (<the page's ids>)`, where the ids come from a subquery that
    reads only the index (a "deferred join"), so the rows skipped by the OFFSET are never fetched.
    A page in the back half counts from the other end: the ordering reversed (the same index,
    scanned backwards) and a small offset, so the last page costs what the first does. Reversing
    is exact only when the ordering ends in the primary key; other querysets, and lists, are
    paginated as usual.
    """

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        if not self._reversible():
            return super().page(number)
        if self.count - top < bottom:
            ids = self.object_list.reverse().values("pk")[self.count - top : self.count - bottom]
        else:
            ids = self.object_list.values("pk")[bottom:top]
        rows = self.object_list.all()
        if len(rows.query.alias_map) <= 1:
            rows.query.clear_where()  # the subquery applies them; a join's rows would multiply
        return self._get_page(rows.filter(pk__in=ids), number, self)

    def _reversible(self):
        queryset = self.object_list
        if not isinstance(queryset, QuerySet) or not queryset.ordered:
            return False
        query = queryset.query
        if query.distinct or query.combinator or query.is_sliced:
            return False
        if not connections[queryset.db].features.allow_sliced_subqueries_with_in:
            return False
        ordering = query.order_by or (query.get_meta().ordering if query.default_ordering else ())
        if not ordering or not isinstance(ordering[-1], str):
            return False
        pk = query.get_meta().pk
        return ordering[-1].lstrip("-") in {"pk", pk.name, pk.attname}
