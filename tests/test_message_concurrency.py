"""50 messages from 10 threads at once against gunicorn on a SQLite file: none lost, no 5xx.

The server runs as in production (DEBUG off, collected static files, two worker processes with
four threads each), so the writes really compete for the SQLite database.
"""

import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from http.cookiejar import CookieJar
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The gunicorn next to this Python (the project's .venv), else the one on PATH.
GUNICORN = Path(sys.executable).parent / "gunicorn"
if not GUNICORN.exists():
    GUNICORN = shutil.which("gunicorn")
THREADS, PER_THREAD = 10, 5


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=600,
        stdout=subprocess.DEVNULL,
    )


def wait_until_serving(url, server, log_path, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"gunicorn exited early:\n{log_path.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.3)
    pytest.fail(f"gunicorn did not answer within {timeout}s:\n{log_path.read_text()}")


@pytest.fixture
def gunicorn(tmp_path):
    """A migrated SQLite file served by gunicorn; yields (base URL, database path)."""
    database = tmp_path / "messages.sqlite3"
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "concurrency-test-secret",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{database}",
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "CACHE_URL": "locmemcache://",
        "EMAIL_URL": "dummymail://",
        "MESSAGE_NOTIFY_EMAILS": "staff@example.com",
        # The spam rules would refuse a script that is this quick and busy.
        "MESSAGE_MIN_SECONDS": "0",
        "MESSAGE_RATE_LIMIT": "1000",
    }
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    log_path = tmp_path / "gunicorn.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [
                GUNICORN,
                "newscenter.wsgi",
                "-w",
                "2",
                "--threads",
                "4",
                "-b",
                f"127.0.0.1:{port}",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(base + "/message/", server, log_path)
        yield base, database
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


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
    base, database = gunicorn
    start = threading.Barrier(THREADS)
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        results = list(pool.map(lambda n: visitor(base, n, start), range(THREADS)))
    statuses = [status for result in results for status in result]
    assert not [status for status in statuses if status >= 500]
    posts = [status for result in results for status in result[PER_THREAD:]]
    assert posts == [302] * THREADS * PER_THREAD
    with sqlite3.connect(database) as db:
        rows = db.execute("SELECT name, status FROM online_messages_message").fetchall()
    assert len(rows) == THREADS * PER_THREAD
    assert {status for _, status in rows} == {"new"}
    assert len({name for name, _ in rows}) == THREADS * PER_THREAD
