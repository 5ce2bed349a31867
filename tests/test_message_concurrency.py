"""50 messages from 10 threads at once against gunicorn: none lost, no 5xx.

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
from http.cookiejar import CookieJar

import pytest

from tests.gunicorn_server import manage, production_env, serve
from tests.server_database import server_database

THREADS, PER_THREAD = 10, 5


@pytest.fixture
def gunicorn(tmp_path):
    """A migrated database served by gunicorn; yields (base URL, a function that queries it)."""
    database = tmp_path / "messages.sqlite3"
    with server_database(database) as (url, query):
        env = production_env(
            tmp_path,
            database,
            DATABASE_URL=url,
            CACHE_URL="locmemcache://",
            MESSAGE_NOTIFY_EMAILS="staff@example.com",
            # The spam rules would refuse a script that is this quick and busy.
            MESSAGE_MIN_SECONDS="0",
            MESSAGE_RATE_LIMIT="1000",
        )
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")
        log_path = tmp_path / "gunicorn.log"
        with serve(env, log_path, "-w", "2", "--threads", "4", ready_path="/message/") as base:
            yield base, query


class KeepRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # Report the 302 itself instead of following it.


def open_status(opener, request):
    try:
        with opener.open(request, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""


def visitor(base, number, start):
    """Fetch the form a few times like a person would, then send all messages at once."""
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(CookieJar()), KeepRedirects
    )
    statuses, forms = [], []
    for _ in range(PER_THREAD):
        status, html = open_status(opener, base + "/message/")
        statuses.append(status)
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        served_at = re.search(r'name="served_at" value="([^"]+)"', html).group(1)
        forms.append((csrf, served_at))
    start.wait()
    for index, (csrf, served_at) in enumerate(forms):
        data = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": csrf,
                "served_at": served_at,
                "website": "",
                "name": f"Visitor {number}-{index}",
                "email": f"visitor{number}.{index}@example.com",
                "content": f"Concurrent message {index} from visitor {number}.",
            }
        ).encode()
        request = urllib.request.Request(
            base + "/message/", data=data, headers={"Referer": base + "/message/"}
        )
        statuses.append(open_status(opener, request)[0])
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
