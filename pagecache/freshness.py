"""Freshness of the page cache: one generation token, shared by every worker, new after any write.

A cached page carries the token it was built under and counts only while that token is current.
A write that public pages show replaces the token with a new random one, so every worker's next
request builds the page again. A random token, unlike a counter, is safe when the cache loses
the record (culled, restarted): the replacement never matches an old page. The record also
holds the next moment pages change by themselves (``changes_at``); the first request after it
replaces the token, with no write at all.

The record lives in the "default" cache and the pages in the "pages" cache, so that however many
pages are stored, culling them can never drop the record (which would make every page cold).

Stale while revalidating: for PAGE_CACHE_STALE_SECONDS after the token changes, a page built
under the token just replaced may still be served while one request, holding a lock in the
cache, builds it again. So a publish under load costs one build per page, not one per worker
and request, and no visitor sees a copy more than those seconds after the change that made it
stale. Older copies are never served.
"""

import logging
import math
import secrets
import threading
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.core.cache import cache, caches
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
PAGE_KEY_PREFIX = "pagecache:page:v2:"
REBUILD_KEY_PREFIX = "pagecache:rebuild:"
REMEMBERED_KEY_PREFIX = "pagecache:remembered:"

# Functions that tell when pages next change by themselves (see changes_at).
next_change_functions = []
# Per thread: how many writes asked for a refresh, and through which one the last refresh ran.
writes = threading.local()


@dataclass(frozen=True)
class Generation:
    """The record: the current token, the next moment pages change by themselves (a timestamp or
    None), when the token last changed and the one it replaced."""

    token: str
    upcoming: float | None
    changed_at: float
    previous: str | None


@dataclass(frozen=True)
class Lookup:
    """What the cache holds for a page: `entry` is a page to send (fresh, or the previous copy
    while another request rebuilds it), or None. When `rebuilding`, this request holds the
    page's rebuild lock: it builds the page, may `store` it, and calls `give_up` when done."""

    token: str
    entry: tuple | None
    rebuilding: bool = False


def clock():
    return timezone.now().timestamp()


def recorded_generation():
    """The record in the cache, or None: culled, restarted, or an older release's."""
    generation = cache.get(GENERATION_KEY)
    return generation if isinstance(generation, Generation) else None


def current_generation(now):
    generation = recorded_generation()
    if generation is None or (generation.upcoming is not None and now >= generation.upcoming):
        return new_generation(generation)
    return generation


def lookup(page_key):
    now = clock()
    generation = current_generation(now)
    entry = caches["pages"].get(page_key)
    if entry is None or entry[0] == generation.token:
        return Lookup(generation.token, entry)
    stale_seconds = settings.PAGE_CACHE_STALE_SECONDS
    if entry[0] != generation.previous or now >= generation.changed_at + stale_seconds:
        return Lookup(generation.token, None)
    lock = caches["pages"].add(REBUILD_KEY_PREFIX + page_key, True, math.ceil(stale_seconds))
    return (
        Lookup(generation.token, None, rebuilding=True) if lock else Lookup(generation.token, entry)
    )


def remembered(name, compute, keep=None):
    """compute(), kept until pages next change: for a value that only changes with what the
    pages show, and that costs too much to work out for each page built (a count of 100,000
    articles). Worked out again, not stored, if the cache fails.

    Kept with the pages, whose cache is bounded and culled: a crawler asking for every article
    stores a value or two for each, which must not crowd out the freshness record. A value for
    which `keep` (when given) is false is not stored: for a name made of what a visitor typed,
    so that made-up names cannot fill the cache."""
    key = REMEMBERED_KEY_PREFIX + name
    try:
        token = current_generation(clock()).token
        found = caches["pages"].get(key)
    except Exception:
        logger.exception("Cache unavailable; working out %s again.", name)
        return compute()
    if isinstance(found, tuple) and found[0] == token:
        return found[1]
    # Stored under the token read before it was worked out: a write committed meanwhile has
    # already replaced that token, so the value is never used.
    value = compute()
    if keep is not None and not keep(value):
        return value
    try:
        caches["pages"].set(key, (token, value), settings.PAGE_CACHE_TIMEOUT)
    except Exception:
        logger.exception("Could not keep %s in the cache.", name)
    return value


def store(page_key, token, headers, bodies):
    caches["pages"].set(page_key, (token, headers, bodies), settings.PAGE_CACHE_TIMEOUT)


def give_up(page_key):
    """Release the page's rebuild lock, if this request held it."""
    caches["pages"].delete(REBUILD_KEY_PREFIX + page_key)


def new_generation(current):
    """Replace the token, and note when pages next change by themselves."""
    moments = [moment for function in next_change_functions if (moment := function())]
    generation = Generation(
        token=secrets.token_hex(8),
        upcoming=min(moments).timestamp() if moments else None,
        changed_at=clock(),
        previous=current.token if current else None,
    )
    cache.set(GENERATION_KEY, generation, None)
    return generation


def replace_generation():
    new_generation(recorded_generation())


def forget_generation(**kwargs):
    """Drop the record: the next request makes a new token. No query (tables may not exist)."""
    logged(partial(cache.delete, GENERATION_KEY))


def logged(refresh):
    try:
        refresh()
    except Exception:
        # The write itself succeeded; the timeout (PAGE_CACHE_TIMEOUT) is the safety net.
        logger.exception("Could not refresh the page cache; pages may be stale for a while.")


def pages_changed(using=None):
    """Make every cached page stale once the write that calls this is committed.

    The replacement that counts runs after COMMIT: a request that read the old rows before then
    stored its page under a token that is gone once the new one is set. A transaction that
    writes many rows refreshes once: the first of its callbacks covers the writes before it.
    """
    writes.asked = getattr(writes, "asked", 0) + 1
    transaction.on_commit(partial(refresh_after_commit, writes.asked), using=using)


def refresh_after_commit(write):
    if getattr(writes, "refreshed", 0) < write:
        writes.refreshed = writes.asked
        logged(replace_generation)


def changes_at(function):
    """Register `function`: it returns the next moment pages change with no write, or None.
    Once: an AppConfig.ready() may run again (in tests), and each copy would cost a query."""
    if function not in next_change_functions:
        next_change_functions.append(function)


def stale_on_write(*models_):
    """Every save or delete of these models makes the cached pages stale."""
    for model in models_:
        for signal in (post_save, post_delete):
            signal.connect(content_changed, sender=model, dispatch_uid=f"pagecache:{model}")


def content_changed(sender, using, **kwargs):
    pages_changed(using)


class StaleOnWriteQuerySet(models.QuerySet):
    """Bulk writes send no model signals, so they make the cached pages stale themselves."""

    def update(self, **kwargs):
        rows = super().update(**kwargs)
        if rows:
            pages_changed(self.db)
        return rows

    update.alters_data = True

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        if created:
            pages_changed(self.db)
        return created

    bulk_create.alters_data = True

    # bulk_update() goes through update(); delete() sends post_delete for every row, because
    # stale_on_write connects a receiver (Django then never takes its signal-less fast path).
