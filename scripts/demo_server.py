"""A throwaway production-like server for `make audit` and `make screenshots`.

DEBUG off, hashed and compressed static files from collectstatic, a fresh SQLite database with
the demo content, served by gunicorn. A web server in front serves /media/ in production; here
WhiteNoise does that job (see `media_app`), so cover images show as they would for visitors.
"""

import contextlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = REPO / ".venv" / "bin"
DEFAULT_PORT = 8790


def media_app():
    """The project's WSGI app with MEDIA_ROOT served at /media/ (gunicorn loads this)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newscenter.settings")
    from django.conf import settings
    from whitenoise import WhiteNoise

    from newscenter.wsgi import application

    # autorefresh: the article page makes its cover rendition on first view.
    return WhiteNoise(
        application, root=settings.MEDIA_ROOT, prefix=settings.MEDIA_URL, autorefresh=True
    )


def _environment(workdir):
    env = dict(os.environ)
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="demo-server-only-not-secret",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_HTTPS="off",
        DATABASE_URL=f"sqlite:///{workdir / 'demo.sqlite3'}",
        MEDIA_ROOT=str(workdir / "media"),
        STATIC_ROOT=str(workdir / "static"),
        CACHE_URL=f"filecache://{workdir / 'cache'}",
        PYTHONPATH=os.pathsep.join([str(REPO), str(REPO / "scripts")]),
    )
    return env


def _manage(env, *args):
    subprocess.run(
        [str(BIN / "python"), "manage.py", *args, "--verbosity", "0"], cwd=REPO, env=env, check=True
    )


def _wait_until_up(url, process, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"gunicorn stopped with exit code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    sys.exit(f"The demo server did not answer at {url}")


@contextlib.contextmanager
def demo_server(port=DEFAULT_PORT):
    """Yield the base URL of a freshly built demo site; stop and delete it afterwards."""
    workdir = Path(tempfile.mkdtemp(prefix="newscenter-demo-"))
    env = _environment(workdir)
    process = None
    try:
        _manage(env, "migrate", "--noinput")
        _manage(env, "loaddemo")
        _manage(env, "collectstatic", "--noinput")
        base = f"http://127.0.0.1:{port}"
        process = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "demo_server:media_app()",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--log-level",
                "warning",
                "--access-logfile",
                "/dev/null",
            ],
            cwd=REPO,
            env=env,
        )
        _wait_until_up(base + "/", process)
        yield base
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)


def first_article_url(base):
    """The URL of the newest article that the News Center lists."""
    with urllib.request.urlopen(base + "/news/", timeout=10) as response:
        html = response.read().decode()
    match = re.search(r'class="card__link" href="([^"]+)"', html)
    if not match:
        sys.exit("No article on /news/: did loaddemo run?")
    return base + match.group(1)
