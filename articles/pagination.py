import re
from urllib.parse import quote, urlencode

from django.core.paginator import Paginator
from django.db import connections
from django.db.models import QuerySet

# A page number as the site writes it: digits, no leading zero. Page 1 is written by leaving
# the parameter out, so each page has exactly one address (and one page-cache entry).
PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,8}")
# The same number written another way ("01", "+1", " 1"): worth a redirect to the real address.
LOOSE_PAGE_NUMBER = re.compile(r"\s*\+?0*([1-9][0-9]{0,8})\s*", re.ASCII)


def requested_page(values):
    """(number, canonical) for the values of a page parameter, or None if they name no page.

    `values` is the parameter's list from the query string (`request.GET.getlist(name)`).
    """
    if not values:
        return 1, True
    if len(values) == 1:
        if PAGE_NUMBER.fullmatch(values[0]):
            number = int(values[0])
            return number, number != 1
        loose = LOOSE_PAGE_NUMBER.fullmatch(values[0])
        if loose:
            return int(loose[1]), False
    return None


def page_href(number, kept=None, name="page"):
    """A relative link to page `number` of the same list, keeping the parameters in `kept`."""
    query = {**(kept or {}), **({name: number} if number > 1 else {})}
    return "?" + urlencode(query, quote_via=quote) if query else "."


def page_links(page, kept=None):
    """The links of the pagination: [(number, href)], and (ELLIPSIS, None) for a gap."""
    numbers = page.paginator.get_elided_page_range(page.number)
    ellipsis = page.paginator.ELLIPSIS
    return [(n, None if n == ellipsis else page_href(n, kept)) for n in numbers]


def page_url(request, name, number):
    """The request's own URL, with its page parameter `name` written the canonical way."""
    query = request.GET.copy()
    if number == 1:
        query.pop(name, None)
    else:
        query.setlist(name, [str(number)])
    return f"{request.path}?{query.urlencode()}" if query else request.path


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
