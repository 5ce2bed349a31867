"""CACHES from CACHE_URL, which the settings read.

Two caches: "default" for small records that must survive (the page cache's freshness record,
throttles), and "pages" for the page cache and what pages are built from (pagecache.remembered),
so that a flood of pages can never cull them.
Without CACHE_URL both are diskcache stores in one directory: shared by every worker process on
the machine, no extra server, and constant-time writes and culling however many pages they hold.
"""

from pathlib import Path

import environ

# redis:// always means Django's own RedisCache (the "redis" extra), even with django-redis around.
REDIS_CACHE = "django.core.cache.backends.redis.RedisCache"
DISK_CACHE = "newscenter.cache_backends.DiskCache"
REDIS_TIMEOUT_SECONDS = 1


def caches(url, directory, pages_size_mb):
    """The CACHES setting: both caches on `url`, or without one diskcache stores in `directory`."""
    if not url:
        return {
            "default": {"BACKEND": DISK_CACHE, "LOCATION": directory / "default"},
            "pages": {
                "BACKEND": DISK_CACHE,
                "LOCATION": directory / "pages",
                # Past the limit the pages stored longest ago go first (a hit stays a pure read).
                # A page is kept in the database file, not a file of its own: one read, no
                # open(). Stored with its compressed copies it passes diskcache's 32 kB default.
                "OPTIONS": {"size_limit": pages_size_mb * 2**20, "disk_min_file_size": 2**20},
            },
        }
    redis = url.startswith(("redis:", "rediss:"))
    default = environ.Env.cache_url_config(url, backend=REDIS_CACHE if redis else None)
    if redis:
        # A Redis that is down or hangs costs each request at most this, not a worker: callers
        # treat a cache error as a miss (pages are built, counters skipped) until it is back.
        default.setdefault("OPTIONS", {})
        default["OPTIONS"].setdefault("socket_connect_timeout", REDIS_TIMEOUT_SECONDS)
        default["OPTIONS"].setdefault("socket_timeout", REDIS_TIMEOUT_SECONDS)
    # The same server under its own prefix; a local store gets a place of its own.
    pages = {**default, "KEY_PREFIX": "pages"}
    if "filebased" in default["BACKEND"]:
        pages["LOCATION"] = str(Path(default["LOCATION"]) / "pages")
    elif "locmem" in default["BACKEND"]:
        pages["LOCATION"] = default.get("LOCATION", "") + "-pages"
    return {"default": default, "pages": pages}
