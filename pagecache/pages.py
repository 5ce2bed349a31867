"""Page numbers in query strings: one address per page of a list, so one cache entry per page.

`?page=01` or `?page=+1` name the same page as `?page=1`, which is written with no parameter
at all: `canonical_page` gives the cache its key only for the page's own address, and
`redirect_to_canonical_page` sends the other spellings there (301), or answers 404.
"""

import re
from urllib.parse import quote, urlencode

from django.http import Http404
from django.shortcuts import redirect
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
    # Not `n == ELLIPSIS`: comparing a number with the lazy text translates it each time.
    return [(n, page_href(n, kept) if isinstance(n, int) else None) for n in numbers]


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


class CanonicalPageMixin:
    """Each page has one address: `?page=01` or `?page=1` redirect to it; no such page is a 404.

    One address per page keeps the page cache to one entry per page, whatever is typed.
    """

    def get(self, request, *args, **kwargs):
        redirect_ = redirect_to_canonical_page(request, self.page_kwarg)
        return redirect_ or super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page, kept = context["page_obj"], self.kept_parameters()
        context["page_links"] = page_links(page, kept)
        if page.has_previous():
            context["previous_page_href"] = page_href(page.previous_page_number(), kept)
        if page.has_next():
            context["next_page_href"] = page_href(page.next_page_number(), kept)
        # For <link rel=canonical/prev/next>: absolute, and page 1 without ?page.
        absolute = self.request.build_absolute_uri
        context["canonical_url"] = absolute(page_href(page.number, kept))
        for name in ("previous_page_href", "next_page_href"):
            if name in context:
                context[name.replace("_href", "_url")] = absolute(context[name])
        return context

    def kept_parameters(self):
        """The query parameters besides the page number that the pagination links keep."""
        return {}
