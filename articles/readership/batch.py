"""The batch writer: counts from the cache into DailyViews, and the "Most read" list it keeps.

One batch at a time (a lock in the cache): two would each add what they both read. The counts
are claimed first, by subtracting from each counter exactly what was read, so views counted
meanwhile stay for the next batch; if the database then refuses the write, they are added back.
A batch cut short between the two (the process killed) loses what it claimed, never counts it
twice.
"""

import logging
from collections import defaultdict
from datetime import date, timedelta
from itertools import islice

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import get_language
from django_tasks import task

import pagecache

from ..cards import FIELDS, cards
from ..models import Article, DailyViews
from .counters import (
    PREFIX,
    SEQUENCE_KEY,
    announcement_key,
    count_views,
    counter_key,
)

logger = logging.getLogger(__name__)

STATE_KEY = PREFIX + "writer"
LOCK_KEY = PREFIX + "writing"
LOCK_SECONDS = 5 * 60
MOST_READ_KEY = PREFIX + "most-read"
MOST_READ_CHECKED_KEY = PREFIX + "most-read-checked"
# The list is worked out again at most this often: it costs an aggregate over 30 days of rows,
# and a change makes every cached page stale.
MOST_READ_REFRESH = 10 * 60
MOST_READ_DAYS = 30
MOST_READ_SHOWN = 5
# Kept beyond those shown, so that unpublishing one still leaves five to show.
MOST_READ_KEPT = 2 * MOST_READ_SHOWN
# New counters a batch takes in: a backlog is taken over the next batches.
MAX_ANNOUNCEMENTS = 20_000
CHUNK = 500


def window_start():
    """The first day of the "last 30 days", today included."""
    return timezone.localdate() - timedelta(days=MOST_READ_DAYS - 1)


def write_views():
    """Move the views counted in the cache into DailyViews.

    Returns {"views": how many, "articles": of how many articles}, or None when another batch
    holds the lock.
    """
    if not cache.add(LOCK_KEY, True, LOCK_SECONDS):
        return None
    try:
        views, articles = move_counts()
        refresh_most_read(changed=views > 0)
        return {"views": views, "articles": articles}
    finally:
        cache.delete(LOCK_KEY)


@task()
def write_views_task():
    """write_views(), queued by the beacon at most once per ARTICLE_VIEWS_WRITE_INTERVAL."""
    return write_views()


def move_counts():
    state, sequence = cache.get(STATE_KEY), cache.get(SEQUENCE_KEY) or 0
    cursor = state.get("cursor") if isinstance(state, dict) else None
    if not isinstance(cursor, int) or not 0 <= cursor <= sequence:
        state, cursor = lost_state(), max(0, sequence - MAX_ANNOUNCEMENTS)
    end = min(sequence, cursor + MAX_ANNOUNCEMENTS)
    numbers = [*state.get("retry", []), *range(cursor + 1, end + 1)]
    announced = get_many([announcement_key(number) for number in numbers])
    known = counters_in([*state.get("known", []), *announced.values()])
    # An announcement is written just after its number is taken: one missing may be on its way.
    retry = [n for n in range(cursor + 1, end + 1) if announcement_key(n) not in announced]

    claimed, present = claim(known)
    try:
        views, articles = save_counts(claimed)
    except Exception:
        for (pk, day), count in claimed.items():
            count_views(pk, date.fromisoformat(day), count)
        raise

    # No view can be added to a day before yesterday any more: its counters are done. A counter
    # gone from the cache is forgotten: made again, it is announced again.
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    done = {(pk, day) for pk, day in present if day < yesterday}
    cache.delete_many([counter_key(pk, date.fromisoformat(day)) for pk, day in done])
    cache.delete_many(list(announced))
    state = {"cursor": end, "known": sorted(present - done), "retry": retry}
    cache.set(STATE_KEY, state, None)
    return views, articles


def lost_state():
    """The writer's record was lost (the cache emptied or evicted it): the counters it knew may
    still be there, so look for today's and yesterday's of every published article, once."""
    today = timezone.localdate()
    days = [today.isoformat(), (today - timedelta(days=1)).isoformat()]
    ids = Article.objects.published().values_list("pk", flat=True).iterator(chunk_size=CHUNK)
    return {"known": [(pk, day) for pk in ids for day in days]}


def counters_in(entries):
    """The (article id, ISO day) pairs among what the cache gave back, the rest left out."""
    found = set()
    for entry in entries:
        try:
            pk, day = entry
            found.add((int(pk), date.fromisoformat(day).isoformat()))
        except (TypeError, ValueError):
            logger.warning("Left out a malformed views counter: %r", entry)
    return found


def batched(items, size):
    """`items` in lists of at most `size` (itertools.batched, before Python 3.12)."""
    items = iter(items)
    while chunk := list(islice(items, size)):
        yield chunk


def get_many(keys):
    found = {}
    for chunk in batched(keys, CHUNK):
        found.update(cache.get_many(chunk))
    return found


def claim(counters):
    """Take the views from these (article id, ISO day) counters, each lowered by what it held:
    ({(article id, ISO day): views}, the counters that are in the cache)."""
    keys = {counter_key(pk, date.fromisoformat(day)): (pk, day) for pk, day in counters}
    claimed, present = {}, set()
    for key, views in get_many(list(keys)).items():
        if not isinstance(views, int):
            continue
        present.add(keys[key])
        if views <= 0:
            continue
        try:
            cache.decr(key, views)
        except ValueError:
            continue  # expired since it was read
        claimed[keys[key]] = views
    return claimed, present


def save_counts(counts):
    """Add the counts to DailyViews, one row per article and day; (views, articles) saved.

    Articles deleted since they were read are left out. The rows are made if missing, then
    raised by one UPDATE per day and amount: most articles gain the same few views a batch.
    """
    ids = {pk for pk, _day in counts}
    existing = set()
    for chunk in batched(sorted(ids), CHUNK):
        existing.update(Article.objects.filter(pk__in=chunk).values_list("pk", flat=True))
    counts = {(pk, day): views for (pk, day), views in counts.items() if pk in existing}
    by_amount = defaultdict(list)
    for (pk, day), views in counts.items():
        by_amount[date.fromisoformat(day), views].append(pk)
    with transaction.atomic():
        DailyViews.objects.bulk_create(
            [DailyViews(article_id=pk, day=date.fromisoformat(day), views=0) for pk, day in counts],
            ignore_conflicts=True,
            batch_size=CHUNK,
        )
        for (day, views), pks in by_amount.items():
            for chunk in batched(pks, CHUNK):
                DailyViews.objects.filter(day=day, article_id__in=chunk).update(
                    views=F("views") + views
                )
    return sum(counts.values()), len({pk for pk, _day in counts})


def ranked_articles():
    """{language: ids of its published articles read most over the last 30 days, most read
    first}: each language's pages show its own."""
    ranked = {}
    for language, _name in settings.LANGUAGES:
        published = Article.objects.published().in_language(language).values("pk")
        totals = (
            DailyViews.objects.filter(day__gte=window_start(), article__in=published)
            .values("article")
            .annotate(total=Sum("views"))
            .filter(total__gt=0)
            .order_by("-total", "-article")
        )
        ranked[language] = [row["article"] for row in totals[:MOST_READ_KEPT]]
    return ranked


def refresh_most_read(changed):
    """Work out the lists again when views were added, at most every MOST_READ_REFRESH seconds;
    make the cached pages stale only if the five shown changed (the home pages show them)."""
    stored = cache.get(MOST_READ_KEY)
    if not isinstance(stored, dict):
        stored, changed = {}, True
    if not changed or not cache.add(MOST_READ_CHECKED_KEY, True, MOST_READ_REFRESH):
        return
    ranked = ranked_articles()
    cache.set(MOST_READ_KEY, ranked, None)
    if any(
        (stored.get(language) or [])[:MOST_READ_SHOWN] != ids[:MOST_READ_SHOWN]
        for language, ids in ranked.items()
    ):
        pagecache.pages_changed()


def most_read(limit=MOST_READ_SHOWN):
    """The cards (articles.cards) of the most read published articles in the active language,
    as the last batch ranked them: one query, none while nothing was read."""
    try:
        stored = cache.get(MOST_READ_KEY)
    except Exception:
        logger.exception("Cache unavailable; the home page shows no most read articles.")
        return []
    ids = stored.get(get_language()) if isinstance(stored, dict) else None
    if not isinstance(ids, list) or not ids:
        return []
    articles = Article.objects.published().in_language().filter(pk__in=ids[:MOST_READ_KEPT])
    rows = {row["id"]: row for row in articles.values(*FIELDS)}
    return cards([rows[pk] for pk in ids if pk in rows][:limit])
