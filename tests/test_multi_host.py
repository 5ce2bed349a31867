"""Several hosts: DJANGO_MULTI_HOST=on refuses per-machine settings, and an unreachable Redis
costs speed, never a page or a message (the cluster itself: tests/cluster/)."""

import pytest
from django.conf import settings as django_settings

from newscenter.caches import caches
from newscenter.multi_host import per_machine_settings
from online_messages.models import Message
from tests.gunicorn_server import free_port
from tests.messages import FORM_URL, THANKS_URL, form_data
from tests.readership.helpers import beacon
from tests.test_production_settings import manage

POSTGRES = {"default": {"ENGINE": "django.db.backends.postgresql"}}
SQLITE = {"default": {"ENGINE": "django.db.backends.sqlite3"}}
REDIS = caches("redis://127.0.0.1:6379/0", None, 1)
BUCKET = {"default": {"BACKEND": "storages.backends.s3.S3Storage"}}
LOCAL_MEDIA = {"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
SHARED = {
    "DJANGO_MULTI_HOST": "on",
    "DATABASE_URL": "postgres://news@127.0.0.1:5432/news",
    "CACHE_URL": "redis://127.0.0.1:6379/0",
    "AWS_STORAGE_BUCKET_NAME": "news-media",
    "AWS_S3_REGION_NAME": "eu-central-1",
}


def test_shared_database_cache_and_media_pass():
    assert per_machine_settings(POSTGRES, REDIS, BUCKET) == []


@pytest.mark.parametrize(
    "cache_url, kind",
    [
        ("", "kept on this machine's disk"),
        ("filecache:///var/tmp/cache", "kept on this machine's disk"),
        ("locmemcache://", "kept in each process's memory"),
        ("dummycache://", "turned off (dummy)"),
    ],
)
def test_each_per_machine_cache_is_named(tmp_path, cache_url, kind):
    assert per_machine_settings(POSTGRES, caches(cache_url, tmp_path, 1), BUCKET) == [
        f"the cache is {kind} (set CACHE_URL=redis://…)"
    ]


def test_sqlite_and_local_media_are_named():
    assert per_machine_settings(SQLITE, REDIS, LOCAL_MEDIA) == [
        "DATABASE_URL is SQLite, a file on this machine (use PostgreSQL)",
        "media are stored on this machine (set AWS_STORAGE_BUCKET_NAME)",
    ]


def test_start_up_with_per_machine_settings_stops_with_one_line(tmp_path):
    result = manage(
        "check", tmp_path=tmp_path, DJANGO_DEBUG="1", DJANGO_MULTI_HOST="on", CACHE_URL=""
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "Configuration error: DJANGO_MULTI_HOST is on, but DATABASE_URL is SQLite, a file on "
        "this machine (use PostgreSQL); the cache is kept on this machine's disk (set "
        "CACHE_URL=redis://…); media are stored on this machine (set AWS_STORAGE_BUCKET_NAME): "
        "every host must share them (README: Several hosts)."
    ]


def test_start_up_with_shared_settings_goes_ahead(tmp_path):
    """`check` reads the settings without connecting: no server needs to run for it."""
    result = manage("check", tmp_path=tmp_path, DJANGO_DEBUG="1", **SHARED)
    assert result.returncode == 0, result.stderr


def test_one_machine_needs_none_of_it(tmp_path):
    """Off by default: `make run` keeps SQLite, its disk cache and local media."""
    result = manage("check", tmp_path=tmp_path, DJANGO_DEBUG="1", CACHE_URL="")
    assert result.returncode == 0, result.stderr


def test_redis_waits_are_bounded():
    for cache in REDIS.values():
        assert cache["OPTIONS"] == {"socket_connect_timeout": 1, "socket_timeout": 1}


@pytest.fixture
def redis_unreachable(settings):
    """Both caches on a Redis port where nothing listens, as while Redis restarts."""
    settings.CACHES = caches(f"redis://127.0.0.1:{free_port()}/0", None, 1)
    settings.PAGE_CACHE_ENABLED = True


@pytest.mark.parametrize("path", ["/", "/news/", "/feed/", "/search/?q=hydrogen"])
def test_pages_are_built_live_while_redis_is_unreachable(
    client, make_article, redis_unreachable, path
):
    make_article(title="Hydrogen plant opens")
    response = client.get(path)
    assert response.status_code == 200
    assert b"Hydrogen plant opens" in response.content


def test_an_article_page_is_built_live_while_redis_is_unreachable(
    client, make_article, redis_unreachable
):
    article = make_article(title="Hydrogen plant opens")
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert b"Hydrogen plant opens" in response.content


def test_a_message_is_accepted_while_redis_is_unreachable(client, db, redis_unreachable):
    response = client.post(FORM_URL, form_data(content="Sent while the cache restarts."))
    assert response.status_code == 302
    assert response["Location"] == THANKS_URL
    assert Message.objects.get().content == "Sent while the cache restarts."
    assert django_settings.CACHES["default"]["LOCATION"].startswith("redis://")


def test_an_article_view_goes_uncounted_while_redis_is_unreachable(make_article, redis_unreachable):
    assert beacon(make_article()).status_code == 204
