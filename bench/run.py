"""`make bench`: serve throwaway databases with gunicorn as production would, and measure.

For 1,000 and 100,000 articles (made by `seed_articles --seed 1`, kept in bench/results/ between
runs), it starts gunicorn (DEBUG off, WhiteNoise, one worker per core) on 127.0.0.1 twice, with
the page cache on and off, and runs `wrk` for a fixed time and number of connections against a
static file (the reference) and the public pages. It writes bench/results.json and prints a
Markdown table. `--quick`: 1,000 articles only and 3-second runs.
"""

import argparse
import hashlib
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import report
import server
from wrk import ensure_wrk, run_wrk

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
RESULTS = ROOT / "bench" / "results"  # cached databases; git-ignored
SEED = 1
SEARCH_WORD = "electrolyser"
SINGLE_CLIENT_PAGES = ("list", "last page", "search")
STATIC_FILE = "css/site.css"  # the reference: WhiteNoise serving it is the fastest page there is
# What decides the content of a seeded database: a change to any of these builds it again.
DATABASE_INPUTS = (
    "articles/migrations/*.py",
    "online_messages/migrations/*.py",
    "articles/demo/generator.py",
    "articles/demo/phrases.py",
    # What Article.fill_derived_fields() makes of each seeded body.
    "articles/sanitizer.py",
    "articles/search/__init__.py",
    "articles/management/commands/seed_articles.py",
)


def main():
    options = parse_arguments()
    sys.stdout.reconfigure(line_buffering=True)  # progress shows as it happens under make
    counts = (1000,) if options.quick else options.counts
    duration = 3 if options.quick else options.duration
    wrk = ensure_wrk()
    workers = os.cpu_count() or 1
    output = options.output or (
        RESULTS / "quick.json" if options.quick else ROOT / "bench" / "results.json"
    )
    started = time.monotonic()
    scratch = Path(tempfile.mkdtemp(prefix="newscenter-bench-"))
    results = {
        "machine": machine(),
        "settings": {
            "wrk": f"-t{options.threads} -c{options.connections} -d{duration}s --latency",
            "workers": workers,
            "seed": SEED,
            "search_word": SEARCH_WORD,
            "started": datetime.now(UTC).isoformat(timespec="seconds"),
        },
        "runs": [],
        "single": [],
        "memory": [],
    }
    try:
        static_root = scratch / "static"
        manage(["collectstatic", "--noinput", "-v0"], environment(static_root=static_root))
        static_url = hashed_css(static_root)
        for count in counts:
            database, media = seeded_database(count)
            env = environment(static_root, database, media)
            urls = {"static": static_url, **django_json(["urls", SEARCH_WORD], env)}
            queries = django_json(["queries", *list(urls.values())[1:]], env)
            for cached in (True, False):
                cache = scratch / f"cache-{count}-{'on' if cached else 'off'}"
                # The default caches (no CACHE_URL): diskcache stores in CACHE_DIR.
                server_env = {
                    **{name: value for name, value in env.items() if name != "CACHE_URL"},
                    "CACHE_DIR": str(cache),
                    "PAGE_CACHE": "on" if cached else "off",
                }
                with server.Gunicorn(ROOT, server_env, options.port, workers) as gunicorn:
                    for page, url in urls.items():
                        print(f"{count:>7,} articles, cache {'on ' if cached else 'off'}: {url}")
                        figures = measure(wrk, gunicorn.origin + url, options, duration)
                        run = {"articles": count, "page": page, "url": url, "cached": cached}
                        results["runs"].append({**run, **figures, "queries": queries.get(url)})
                    if not cached:
                        results["single"] += single_client(wrk, gunicorn, urls, count, duration)
                    rss = gunicorn.worker_rss_mb()
                    results["memory"].append({"articles": count, "cached": cached, "mb": rss})
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    report.add_ratios(results)
    results["settings"]["seconds"] = round(time.monotonic() - started)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(results, indent=2) + "\n")
    print()
    print(report.markdown(results))
    print(f"\nWritten to {output.relative_to(ROOT) if output.is_relative_to(ROOT) else output}.")


def measure(wrk, address, options, duration):
    server.check(address)
    run_wrk(wrk, address, duration=1, connections=4, threads=1)  # warm-up
    return run_wrk(
        wrk, address, duration=duration, connections=options.connections, threads=options.threads
    )


def single_client(wrk, gunicorn, urls, count, duration):
    """Latency with one connection, so no request waits behind another: the time to answer."""
    runs = []
    for page in SINGLE_CLIENT_PAGES:
        print(f"{count:>7,} articles, cache off, one connection: {urls[page]}")
        figures = run_wrk(
            wrk, gunicorn.origin + urls[page], duration=duration, connections=1, threads=1
        )
        runs.append({"articles": count, "page": page, "url": urls[page], **figures})
    return runs


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 articles, 3-second runs")
    parser.add_argument("--counts", type=int, nargs="+", default=(1000, 100_000))
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--port", type=int, default=8780)
    parser.add_argument("--output", type=Path, help="default: bench/results.json")
    return parser.parse_args()


def environment(static_root, database=None, media=None):
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
    if database:
        env.update(DATABASE_URL=f"sqlite:///{database}", MEDIA_ROOT=str(media))
    return env


def manage(arguments, env, **kwargs):
    return subprocess.run(
        [python(), "manage.py", *arguments], cwd=ROOT, env=env, check=True, timeout=900, **kwargs
    )


def django_json(arguments, env):
    done = subprocess.run(
        [python(), str(ROOT / "bench" / "pages.py"), *arguments],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=300,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def python():
    return str(PYTHON if PYTHON.exists() else sys.executable)


def seeded_database(count):
    """The database and media folder of `count` seeded articles, built unless already cached."""
    digest = hashlib.sha256()
    for pattern in DATABASE_INPUTS:
        for path in sorted(ROOT.glob(pattern)):
            digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    folder = RESULTS / f"db-{count}-seed{SEED}-{digest.hexdigest()[:12]}"
    if not (folder / "db.sqlite3").exists():
        for stale in RESULTS.glob(f"db-{count}-seed{SEED}-*"):
            shutil.rmtree(stale, ignore_errors=True)  # another state's: hundreds of MB
        building = folder.with_name(folder.name + ".building")
        shutil.rmtree(building, ignore_errors=True)
        building.mkdir(parents=True)
        env = environment(building / "static", building / "db.sqlite3", building / "media")
        print(
            f"Building a database of {count:,} articles in {building.relative_to(ROOT)} …",
            flush=True,
        )
        manage(["migrate", "--noinput", "-v0"], env)
        manage(["seed_articles", "--count", str(count), "--seed", str(SEED)], env)
        with sqlite3.connect(building / "db.sqlite3") as connection:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        building.rename(folder)
    return folder / "db.sqlite3", folder / "media"


def hashed_css(static_root):
    """The URL of the site's main style sheet under its hashed name, from the manifest."""
    manifest = json.loads((static_root / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"][STATIC_FILE]


def machine():
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal:")
    )
    return {
        "cpus": os.cpu_count(),
        "model": model,
        "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
    }


if __name__ == "__main__":
    main()
