"""Concurrent POSTs of the message form against gunicorn: none lost, no 5xx, no limit broken.

The server runs as in production (DEBUG off, collected static files, two worker processes with
four threads each), so the writes really compete for the database: a SQLite file, or a fresh
PostgreSQL database when the suite runs on PostgreSQL.
"""

import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from http.cookiejar import CookieJar

import pytest

from tests.gunicorn_server import manage, production_env, serve
from tests.redis_server import redis_server
from tests.server_database import server_database

pytestmark = pytest.mark.slow

THREADS, PER_THREAD = 10, 5


@contextmanager
def site(tmp_path, cache_url="locmemcache://", **variables):
    """A migrated database served by gunicorn; yields (base URL, a function that queries it).

    `cache_url` None: the cache that settings.py picks without CACHE_URL, under `tmp_path`.
    """
    database = tmp_path / "messages.sqlite3"
    with server_database(database) as (url, query):
        env = production_env(
            tmp_path,
            database,
            DATABASE_URL=url,
            CACHE_DIR=str(tmp_path / "cache"),
            MESSAGE_NOTIFY_EMAILS="staff@example.com",
            # The spam rules would refuse a script that is this quick and busy.
            MESSAGE_MIN_SECONDS="0",
            **variables,
        )
        if cache_url is None:
            env.pop("CACHE_URL", None)
        else:
            env["CACHE_URL"] = cache_url
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")
        log_path = tmp_path / "gunicorn.log"
        with serve(env, log_path, "-w", "2", "--threads", "4", ready_path="/message/") as base:
            yield base, query


@pytest.fixture
def gunicorn(tmp_path):
    with site(tmp_path, MESSAGE_RATE_LIMIT="1000") as served:
        yield served


class KeepRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # Report the 302 itself instead of following it.


def open_status(opener, request):
    try:
        with opener.open(request, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""


def new_opener():
    return urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(CookieJar()), KeepRedirects
    )


def fetch_form(opener, base):
    """(status, CSRF token, signed timestamp) of one served form."""
    status, html = open_status(opener, base + "/message/")
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    served_at = re.search(r'name="served_at" value="([^"]+)"', html).group(1)
    return status, csrf, served_at


def send_form(opener, base, csrf, served_at, name):
    data = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": csrf,
            "served_at": served_at,
            "website": "",
            "name": name,
            "email": "visitor@example.com",
            "content": f"Concurrent message from {name}.",
        }
    ).encode()
    request = urllib.request.Request(
        base + "/message/", data=data, headers={"Referer": base + "/message/"}
    )
    return open_status(opener, request)[0]


def visitor(base, number, start):
    """Fetch the form a few times like a person would, then send all messages at once."""
    opener = new_opener()
    statuses, forms = [], []
    for _ in range(PER_THREAD):
        status, csrf, served_at = fetch_form(opener, base)
        statuses.append(status)
        forms.append((csrf, served_at))
    start.wait()
    for index, (csrf, served_at) in enumerate(forms):
        name = f"Visitor {number}-{index}"
        statuses.append(send_form(opener, base, csrf, served_at, name))
    return statuses


def test_fifty_messages_from_ten_threads_are_all_stored(gunicorn):
    base, query = gunicorn
    start = threading.Barrier(THREADS)
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        results = list(pool.map(lambda n: visitor(base, n, start), range(THREADS)))
    statuses = [status for result in results for status in result]
    assert not [status for status in statuses if status >= 500]
    posts = [status for result in results for status in result[PER_THREAD:]]
    assert posts == [302] * THREADS * PER_THREAD
    rows = query("SELECT name, status FROM online_messages_message")
    assert len(rows) == THREADS * PER_THREAD
    assert {status for _, status in rows} == {"new"}
    assert len({name for name, _ in rows}) == THREADS * PER_THREAD


def test_one_form_sent_ten_times_at_once_is_stored_once(gunicorn):
    """A double (or tenfold) click: the form's token is unique, whoever gets there first."""
    base, query = gunicorn
    opener = new_opener()
    _status, csrf, served_at = fetch_form(opener, base)
    start = threading.Barrier(THREADS)

    def send(_number):
        start.wait()
        return send_form(opener, base, csrf, served_at, "Double Clicker")

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        statuses = list(pool.map(send, range(THREADS)))
    assert sorted(statuses) == [200] * (THREADS - 1) + [302]
    assert query("SELECT COUNT(*) FROM online_messages_message") == [(1,)]


RATE_LIMIT, SENDERS = 5, 30


@pytest.mark.parametrize("cache", ["default", "file", "redis"])
def test_thirty_posts_at_once_from_one_address_get_the_limit_and_no_more(tmp_path, cache):
    """The count lives in the database: atomic on SQLite and PostgreSQL, whatever the cache."""
    with ExitStack() as stack:
        if cache == "redis":
            cache_url = stack.enter_context(redis_server(tmp_path))
        else:
            cache_url = {"default": None, "file": f"filecache://{tmp_path / 'filecache'}"}[cache]
        base, query = stack.enter_context(
            site(tmp_path, cache_url, MESSAGE_RATE_LIMIT=str(RATE_LIMIT))
        )
        start = threading.Barrier(SENDERS)

        def sender(number):
            opener = new_opener()
            _status, csrf, served_at = fetch_form(opener, base)
            start.wait()
            return send_form(opener, base, csrf, served_at, f"Sender {number}")

        with ThreadPoolExecutor(max_workers=SENDERS) as pool:
            statuses = list(pool.map(sender, range(SENDERS)))
        stored = query("SELECT COUNT(*) FROM online_messages_message")
    assert not [status for status in statuses if status >= 500]
    assert statuses.count(302) == RATE_LIMIT
    assert statuses.count(429) == SENDERS - RATE_LIMIT
    assert stored == [(RATE_LIMIT,)]
