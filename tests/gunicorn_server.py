"""gunicorn as production runs it, for the tests that need real worker processes."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The gunicorn next to this Python (the project's .venv), else the one on PATH.
GUNICORN = Path(sys.executable).parent / "gunicorn"
if not GUNICORN.exists():
    GUNICORN = shutil.which("gunicorn")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args, stdout=subprocess.DEVNULL):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=600,
        stdout=stdout,
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


@contextmanager
def serve(env, log_path, *options, ready_path="/"):
    """Run `gunicorn newscenter.wsgi *options` on a free port; yield its base URL, then stop it."""
    port = free_port()
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [GUNICORN, "newscenter.wsgi", *options, "-b", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(base + ready_path, server, log_path)
        yield base
    finally:
        stop(server)


def stop(server):
    """End a server started for a test: politely, then for sure."""
    server.terminate()
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def production_env(tmp_path, database, **variables):
    """DEBUG off and everything in `tmp_path`, as the settings read it from the environment."""
    return {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "gunicorn-test-secret",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_HTTPS": "off",
        "DATABASE_URL": f"sqlite:///{database}",
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "EMAIL_URL": "dummymail://",
        **variables,
    }
