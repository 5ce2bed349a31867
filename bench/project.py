"""The project as the benchmark runs it: its paths, and manage.py and bench/pages.py in the
environment of the measured server."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
RESULTS = ROOT / "bench" / "results"  # cached databases; git-ignored


def environment(static_root, database_url=None, media=None):
    """Production settings (DEBUG off) on loopback over plain HTTP, and nothing from the caller's
    own Django configuration."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="bench-only-not-secret",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_HTTPS="off",
        DJANGO_LOG_LEVEL="WARNING",
        STATIC_ROOT=str(static_root),
        CACHE_URL="locmemcache://",
        PAGE_CACHE="off",
    )
    if database_url:
        env.update(DATABASE_URL=database_url, MEDIA_ROOT=str(media))
    return env


def server_environment(env, cache_dir, cached):
    """`env` with the default caches (no CACHE_URL: diskcache stores in CACHE_DIR), as in
    production, and the page cache on or off."""
    return {
        **{name: value for name, value in env.items() if name != "CACHE_URL"},
        "CACHE_DIR": str(cache_dir),
        "PAGE_CACHE": "on" if cached else "off",
    }


def manage(arguments, env, **kwargs):
    return subprocess.run(
        [python(), "manage.py", *arguments], cwd=ROOT, env=env, check=True, timeout=3600, **kwargs
    )


def django_json(arguments, env):
    """What `bench/pages.py ARGUMENTS…` prints, as JSON."""
    done = subprocess.run(
        [python(), str(ROOT / "bench" / "pages.py"), *arguments],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=600,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def python():
    return str(PYTHON if PYTHON.exists() else sys.executable)


def relative(path):
    path = Path(path)
    return path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
