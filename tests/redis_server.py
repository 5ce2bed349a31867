"""A throwaway Redis server (Debian's redis-server), for tests that need CACHE_URL=redis://…"""

import shutil
import socket
import subprocess
import time
from contextlib import contextmanager

import pytest

from tests.gunicorn_server import free_port, stop

REDIS_SERVER = shutil.which("redis-server")


@contextmanager
def redis_server(tmp_path):
    """Run redis-server on a free loopback port, in memory only; yield its redis:// URL.

    Skips the test (and pytest -ra reports it) only when redis-server is not installed.
    """
    if REDIS_SERVER is None:
        pytest.skip("redis-server is not installed (Debian: apt-get install redis-server)")
    port = free_port()
    log_path = tmp_path / "redis.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [REDIS_SERVER, "--bind", "127.0.0.1", "--port", str(port)]
            + ["--save", "", "--appendonly", "no", "--dir", str(tmp_path)],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until_listening(port, server, log_path)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        stop(server)


def wait_until_listening(port, server, log_path, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"redis-server exited early:\n{log_path.read_text()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                if sock.recv(16).startswith(b"+PONG"):
                    return
        except OSError:
            pass
        time.sleep(0.1)
    pytest.fail(f"redis-server did not answer within {timeout}s:\n{log_path.read_text()}")
