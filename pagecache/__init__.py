"""The full-page cache: anonymous visitors get public pages from Django's cache framework.

It knows no model and no URL. Apps tell it what it may store and what makes pages stale:

- ``cacheable(view, page=canonical)`` in a URLconf marks a view whose page is the same for every
  anonymous visitor. Its keyword arguments name the query parameters the view reads, each with a
  function that gives the parameter's canonical value from ``request.GET.getlist(name)``: a
  string ("" when absent), or None when the view must answer the request itself (it redirects
  a number written another way, say). Any other parameter is ignored.
- ``StaleOnWriteQuerySet`` as the base of a model's queryset, and ``stale_on_write(Model)`` in
  the app's ``ready()``: every save, delete, ``update()`` and ``bulk_create()`` of those models
  makes every cached page stale, once the transaction commits.
- ``changes_at(function)`` in ``ready()``: ``function()`` returns the next moment pages change
  with no write at all (a scheduled article going live), or None.
- ``remembered(name, compute, keep=None)``: ``compute()``, kept in the cache until pages next
  change, for costly values that change only with the pages (a count of every published
  article); with ``keep``, only values it accepts are stored (a tag found by its slug).
- ``canonical_page`` (the ``page`` parameter's function above), ``redirect_to_canonical_page``
  and ``page_href``/``page_links``, and ``CanonicalPageMixin`` for a ListView that uses them: a
  paged list's one address per page (see pages.py).
"""

from .freshness import (
    StaleOnWriteQuerySet,
    changes_at,
    pages_changed,
    remembered,
    stale_on_write,
)
from .middleware import cacheable
from .pages import (
    CanonicalPageMixin,
    canonical_page,
    page_href,
    page_links,
    redirect_to_canonical_page,
    requested_page,
)

__all__ = [
    "CanonicalPageMixin",
    "StaleOnWriteQuerySet",
    "cacheable",
    "canonical_page",
    "changes_at",
    "page_href",
    "page_links",
    "pages_changed",
    "redirect_to_canonical_page",
    "remembered",
    "requested_page",
    "stale_on_write",
]
