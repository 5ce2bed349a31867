"""A gunicorn server on 127.0.0.1 for the length of a `with` block, started as production does."""

import os
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

START_TIMEOUT = 60


class Gunicorn:
    def __init__(self, root, env, port, workers):
        self.root, self.env, self.port, self.workers = root, env, port, workers
        self.origin = f"http://127.0.0.1:{port}"
        self.process = None

    def __enter__(self):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                raise SystemExit(f"Port {self.port} is taken; stop what runs there or use --port.")
        command = [str(self.root / ".venv" / "bin" / "gunicorn"), "newscenter.wsgi"]
        if (self.root / "gunicorn.conf.py").exists():
            command += ["--config", str(self.root / "gunicorn.conf.py")]
        # The command line wins over the config file: loopback only, one worker per core.
        command += ["--bind", f"127.0.0.1:{self.port}", "--workers", str(self.workers)]
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(
            command,
            cwd=self.root,
            env=self.env,
            stdout=subprocess.DEVNULL,  # the access log
            stderr=self.log,
            start_new_session=True,  # its own process group, so stopping it stops the workers
        )
        try:
            self._wait_until_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc_info):
        self.stop()

    def _wait_until_ready(self):
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"gunicorn exited with {self.process.returncode}:\n{self.errors()}"
                )
            try:
                with urllib.request.urlopen(f"{self.origin}/robots.txt", timeout=5):
                    return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.25)
        raise RuntimeError(f"gunicorn did not answer within {START_TIMEOUT} s:\n{self.errors()}")

    def errors(self):
        self.log.seek(0)
        return self.log.read().decode(errors="replace")[-3000:]

    def worker_rss_mb(self):
        """Resident memory of each worker process, in MB."""
        ps = subprocess.run(
            ["ps", "-o", "rss=", "--ppid", str(self.process.pid)],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
        return sorted(round(int(kb) / 1024, 1) for kb in ps.stdout.split())

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        for sig, wait in ((signal.SIGTERM, 20), (signal.SIGKILL, 10)):
            try:
                os.killpg(self.process.pid, sig)
            except ProcessLookupError:
                return
            try:
                self.process.wait(timeout=wait)
                return
            except subprocess.TimeoutExpired:
                continue


def check(url):
    """Refuse to measure a page that does not answer 200 (an error page is fast and meaningless)."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    if status != 200:
        raise RuntimeError(f"{url} answered {status}, not 200.")
