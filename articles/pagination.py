import re
from urllib.parse import quote, urlencode

from django.core.paginator import Page, Paginator
from django.db import NotSupportedError, connections
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

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


def canonical_page(values):
    """The page number's canonical value for the page cache's key ("" for page 1), or None."""
    requested = requested_page(values)
    if requested is None or not requested[1]:
        return None
    return "" if requested[0] == 1 else str(requested[0])


def page_href(number, kept=None, name="page"):
    """A relative link to page `number` of the same list, keeping the parameters in `kept`."""
    query = {**(kept or {}), **({name: number} if number > 1 else {})}
    return "?" + urlencode(query, quote_via=quote) if query else "."


def page_links(page, kept=None):
    """The links of the pagination: [(number, href)], and (ELLIPSIS, None) for a gap."""
    numbers = page.paginator.get_elided_page_range(page.number)
    ellipsis = page.paginator.ELLIPSIS
    return [(n, None if n == ellipsis else page_href(n, kept)) for n in numbers]


def redirect_to_canonical_page(request, name):
    """A 301 to the page's own address when its number `name` is written another way, or None.

    Raises Http404 when the parameter names no page at all.
    """
    requested = requested_page(request.GET.getlist(name))
    if requested is None:
        raise Http404(_("There is no such page."))
    number, canonical = requested
    if canonical:
        return None
    query = request.GET.copy()
    if number == 1:
        query.pop(name, None)
    else:
        query.setlist(name, [str(number)])
    return redirect(
        f"{request.path}?{query.urlencode()}" if query else request.path, permanent=True
    )


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
