"""Freshness of the page cache: one generation token, shared by every worker, new after any write.

A cached page carries the token it was built under and counts only while that token is current.
Every write that public pages show (articles, categories) replaces the token with a new random
one, so every worker's next request builds the page again. A random token, unlike a counter, is
safe when the cache loses the record (culled, restarted): the replacement never matches an old
page. The record also holds the next moment a scheduled article goes live; the first request
after it replaces the token, with no write at all.

The record lives in the "default" cache and the pages in the "pages" cache, so that however many
pages are stored, culling them can never drop the record (which would make every page cold).
"""

import logging
import secrets
import threading

from django.conf import settings
from django.core.cache import cache, caches
from django.db import models, transaction
from django.db.models.signals import post_delete, post_migrate, post_save
from django.dispatch import receiver
from django.utils import timezone

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
PAGE_KEY_PREFIX = "pagecache:page:"

# Whether this thread read the record since it last dropped it (see pages_changed).
_local = threading.local()


def lookup(page_key):
    """Return (current token, cached entry or None)."""
    record = cache.get(GENERATION_KEY)
    _local.seen = True
    if record is None or (record[1] is not None and timezone.now().timestamp() >= record[1]):
        return new_generation(), None
    token, entry = record[0], caches["pages"].get(page_key)
    return token, (entry if entry is not None and entry[0] == token else None)


def store(page_key, token, content, headers):
    caches["pages"].set(page_key, (token, content, headers), settings.PAGE_CACHE_TIMEOUT)


def new_generation():
    """Replace the token, and note when the next scheduled article goes live (one query)."""
    from .models import Article

    upcoming = Article.objects.next_publish_at()
    token = secrets.token_hex(8)
    cache.set(GENERATION_KEY, (token, upcoming and upcoming.timestamp()), None)
    return token


def _logged(refresh):
    try:
        refresh()
    except Exception:
        # The write itself succeeded; the timeout (PAGE_CACHE_TIMEOUT) is the safety net.
        logger.exception("Could not refresh the page cache; pages may be stale for a while.")


def _new_generation_after_commit():
    _logged(new_generation)


def _drop_generation():
    """Forget the record: the next request makes a new token (no query here)."""
    cache.delete(GENERATION_KEY)
    _local.seen = False


def pages_changed(using=None):
    """Make every cached page stale after a write to what public pages show."""
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        _new_generation_after_commit()
        return
    # The replacement that counts runs after COMMIT: a request that read the old rows before
    # then stored its page under a token that is gone once the new one is set. Once per
    # transaction, however many rows it writes.
    if not any(func is _new_generation_after_commit for _, func, _ in connection.run_on_commit):
        transaction.on_commit(_new_generation_after_commit, using=using)
    # Reads later in this same transaction (tests, ATOMIC_REQUESTS) see the write already: they
    # must not use the record, nor its next publish moment, from before it.
    if getattr(_local, "seen", False):
        _logged(_drop_generation)


class PageCacheQuerySet(models.QuerySet):
    """Bulk writes send no model signals, so they refresh the cached pages themselves."""

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

    # bulk_update() goes through update(); delete() sends post_delete for every row, because a
    # receiver is connected below (Django then never takes its signal-less fast path).


@receiver(post_save, sender="articles.Article")
@receiver(post_delete, sender="articles.Article")
@receiver(post_save, sender="articles.Category")
@receiver(post_delete, sender="articles.Category")
def _content_changed(sender, using, **kwargs):
    pages_changed(using)


@receiver(post_migrate)
def _migrated(sender, **kwargs):
    """A deploy runs `migrate`: pages built by the old templates and code go with it."""
    if sender.name == "articles":
        # No query: the tables may not exist at this point.
        _logged(_drop_generation)
