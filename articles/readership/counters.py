"""The counts in the "default" cache: per article and day, announced once, and the rate limit.

Every key here is bounded before anything is stored: a counter exists only for a published
article (the beacon checks first) and a day no older than COUNTER_TIMEOUT, an announcement only
for a new counter, and the rate limit has RATE_BUCKETS slots whatever the number of addresses.
"""

import ipaddress
import time

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.crypto import salted_hmac

PREFIX = "readership:"
# How long counts may wait in the cache for a batch; older ones are lost (the worker was down).
COUNTER_TIMEOUT = 7 * 24 * 60 * 60
# Rate-limit slots: addresses share them by a keyed hash, so that a flood from many addresses
# adds no keys. Two visitors in one slot share one limit; at 65,536 slots that is rare.
RATE_BUCKETS = 2**16
SEQUENCE_KEY = PREFIX + "sequence"


def counter_key(article_id, day):
    """The cache key that counts the views of one article on one day (a date)."""
    return f"{PREFIX}views:{int(article_id)}:{day.isoformat()}"


def announcement_key(number):
    return f"{PREFIX}new:{int(number)}"


def increment(key, delta, timeout):
    """Add `delta` to the counter at `key`, making it if missing: (new value, whether made).

    incr() is atomic in every backend; add() makes the key only if no one else just did.
    """
    for _attempt in range(2):
        try:
            return cache.incr(key, delta), False
        except ValueError:
            if cache.add(key, delta, timeout):
                return delta, True
    return delta, False  # made and expired between two calls: not worth a third try


def count_views(article_id, day, views=1):
    """Add `views` to an article's count for `day`. A new counter is announced, so the batch
    finds it: the cache cannot list its keys, and most counters already exist."""
    _value, made = increment(counter_key(article_id, day), views, COUNTER_TIMEOUT)
    if made:
        number, _made = increment(SEQUENCE_KEY, 1, None)
        cache.set(announcement_key(number), (int(article_id), day.isoformat()), COUNTER_TIMEOUT)


def count_view(article_id):
    count_views(article_id, timezone.localdate())


def sender(ip):
    """Who one rate limit counts: an IPv4 address, or an IPv6 /64 (one host's usual share)."""
    if ip is None:
        return "unknown"  # every unknown address shares one limit (a misconfigured proxy)
    address = ipaddress.ip_address(ip)
    if address.version == 6:
        if address.ipv4_mapped:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return str(address)


def allow_beacon(ip, now=None):
    """Count one beacon from this address: (allowed, seconds until its window ends).

    Fixed windows of ARTICLE_VIEWS_RATE_WINDOW seconds, ARTICLE_VIEWS_RATE_LIMIT beacons each.
    """
    now = time.time() if now is None else now
    window = settings.ARTICLE_VIEWS_RATE_WINDOW
    slot = int(salted_hmac(PREFIX + "rate", sender(ip)).hexdigest()[:8], 16) % RATE_BUCKETS
    key = f"{PREFIX}rate:{int(now // window)}:{slot}"
    beacons, _made = increment(key, 1, window)
    return beacons <= settings.ARTICLE_VIEWS_RATE_LIMIT, window - int(now % window)
