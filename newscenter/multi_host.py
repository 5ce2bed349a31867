"""DJANGO_MULTI_HOST=on: a site served by several hosts refuses to start with any setting that
keeps what the hosts must share on one machine (README: Several hosts).

Each host then reads and writes the same data, sessions, page cache, counters, login lockouts,
message rate limits, queued tasks and media, wherever a request lands.
"""

from django.core.exceptions import ImproperlyConfigured

# Caches that live inside one machine (or nowhere); Redis, Memcached and the database are shared.
PER_MACHINE_CACHES = {
    "newscenter.cache_backends.DiskCache": "kept on this machine's disk",
    "django.core.cache.backends.filebased.FileBasedCache": "kept on this machine's disk",
    "django.core.cache.backends.locmem.LocMemCache": "kept in each process's memory",
    "django.core.cache.backends.dummy.DummyCache": "turned off (dummy)",
}
LOCAL_STORAGE = "django.core.files.storage.FileSystemStorage"


def per_machine_settings(databases, caches, storages):
    """What in these settings keeps shared data on one machine, each in a few words."""
    problems = []
    if databases["default"]["ENGINE"] == "django.db.backends.sqlite3":
        problems.append("DATABASE_URL is SQLite, a file on this machine (use PostgreSQL)")
    cache_kinds = sorted(
        {
            PER_MACHINE_CACHES[config["BACKEND"]]
            for config in caches.values()
            if config["BACKEND"] in PER_MACHINE_CACHES
        }
    )
    if cache_kinds:
        problems.append(f"the cache is {' and '.join(cache_kinds)} (set CACHE_URL=redis://…)")
    if storages["default"]["BACKEND"] == LOCAL_STORAGE:
        problems.append("media are stored on this machine (set AWS_STORAGE_BUCKET_NAME)")
    return problems


def refuse_per_machine_settings(databases, caches, storages):
    if problems := per_machine_settings(databases, caches, storages):
        raise ImproperlyConfigured(
            f"DJANGO_MULTI_HOST is on, but {'; '.join(problems)}: every host must share them "
            "(README: Several hosts)."
        )
