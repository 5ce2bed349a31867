"""`make bench`: serve throwaway databases with gunicorn as production would, and measure.

For 1,000 and 100,000 articles (made by `seed_articles --seed 1`, kept in bench/results/ between
runs), on SQLite and on PostgreSQL (a throwaway cluster, bench/postgres.py), it starts gunicorn
(DEBUG off, WhiteNoise, one worker per core) on 127.0.0.1 twice, with the page cache on and off,
and runs `wrk` for a fixed time and number of connections against a static file (the reference)
and the public pages. With the cache on it then runs the publish phase (bench/publish.py): an
article saved under full load. With the cache off it times search and the News Center's first
and last pages with one client. It writes bench/results.json and prints Markdown tables with
each of the issue's targets met or missed (bench/targets.py). `--quick`: 1,000 articles only
and 3-second runs.
"""

import argparse
import json
import os
import platform
import shutil
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote_plus

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a file: bench/run.py
from bench import postgres, publish, report, seeded, server  # noqa: E402
from bench.project import (  # noqa: E402
    RESULTS,
    ROOT,
    django_json,
    environment,
    manage,
    relative,
    server_environment,
)
from bench.targets import CHINESE, DATABASES  # noqa: E402
from bench.wrk import ensure_wrk, run_wrk  # noqa: E402

# The search target's queries, each timed with one client: the "rare" word (with its
# longer forms, in 20% of the seeded articles: the seed's vocabulary has no really rare word), a
# common one and two words.
SEARCH_RARE = "electrolyser"
SEARCH_COMMON = "storage"  # in 15% of the seeded articles
SEARCH_TWO_WORDS = "fuel cell"  # both words in 42%: the broadest natural pair
SEARCH_QUERIES = {"rare": SEARCH_RARE, "common": SEARCH_COMMON, "two words": SEARCH_TWO_WORDS}
# Chinese (the seed writes half its articles in Chinese), judged by the Chinese search target: a
# two-character word, a four-character one and a product name beside one.
SEARCH_QUERIES |= {"2 characters": "氢能", "4 characters": "燃料电池", "mixed": "HX-150 燃料电池"}
SINGLE_CLIENT_PAGES = ("list", "last page")  # a deep page should cost what the first does
PUBLISH_PAGES = ("home", "list")  # asked for in turn while an article is saved
STATIC_FILE = "css/site.css"  # the reference: WhiteNoise serving it is the fastest page there is
STARTED = time.monotonic()


def main():
    options = parse_arguments()
    sys.stdout.reconfigure(line_buffering=True)  # progress shows as it happens under make
    if "postgresql" in options.databases:
        postgres.run_inside_cluster(options.postgres_port)  # this process is replaced, once
    if options.quick:
        options.counts, options.duration = (1000,), 3
    duration = options.duration
    wrk = ensure_wrk()
    output = options.output or (
        RESULTS / "quick.json" if options.quick else ROOT / "bench" / "results.json"
    )
    scratch = Path(tempfile.mkdtemp(prefix="newscenter-bench-"))
    results = {
        "machine": machine(options.databases),
        "settings": {
            "wrk": f"-t{options.threads} -c{options.connections} -d{duration}s --latency",
            "workers": os.cpu_count() or 1,
            "seed": seeded.SEED,
            "databases": options.databases,
            "search_word": SEARCH_RARE,
            "search_queries": SEARCH_QUERIES,
            "publish": f"-t{options.threads} -c{options.connections}, {duration} s windows",
            "started": datetime.now(UTC).isoformat(timespec="seconds"),
        },
        "runs": [],
        "single": [],
        "publish": [],
        "memory": [],
    }
    if "postgresql" in options.databases:
        results["settings"]["postgresql"] = postgres.SETTINGS_NOTE
    try:
        static_root = scratch / "static"
        static_url = None if options.prepare else collect_static(static_root)
        for count in options.counts:
            for kind in options.databases:
                progress(f"{count:,} articles, {DATABASES[kind]}: the database")
                database_url, media = seeded.database(count, kind)
                if not options.prepare:
                    env = environment(static_root, database_url, media)
                    bench_database(wrk, env, count, kind, static_url, scratch, options, results)
                if kind == "postgresql":
                    postgres.drop(f"bench_{count}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if options.prepare:
        return
    report.add_ratios(results)
    results["settings"]["seconds"] = round(time.monotonic() - STARTED)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(results, indent=2) + "\n")
    print()
    print(report.markdown(results))
    print(f"\nWritten to {relative(output)} in {elapsed()}.")


def bench_database(wrk, env, count, kind, static_url, scratch, options, results):
    """Every measurement of one seeded database, appended to `results`."""
    duration = options.duration
    where = {"articles": count, "database": kind}
    urls = {"static": static_url, **django_json(["urls"], env)}
    if "tag" not in urls:
        progress("tag: no tag pages yet")
    queries = django_json(["queries", *list(urls.values())[1:]], env)
    matches = django_json(["matches", *SEARCH_QUERIES.values()], env)
    for cached in (True, False):
        cache = scratch / f"cache-{count}-{kind}-{'on' if cached else 'off'}"
        server_env = server_environment(env, cache, cached)
        label = f"{count:,} articles, {DATABASES[kind]}, cache {'on' if cached else 'off'}"
        with server.Gunicorn(ROOT, server_env, options.port, os.cpu_count() or 1) as gunicorn:
            for page, url in urls.items():
                figures = measure(wrk, gunicorn.origin + url, options, duration, f"{label}: {url}")
                run = {**where, "page": page, "url": url, "cached": cached}
                results["runs"].append({**run, **figures, "queries": queries.get(url)})
                if page == "static":
                    static_run = results["runs"][-1]
            # The static file again after the pages: a shared machine's speed drifts over a
            # minute, and the ratios are taken to the mean of the two (report.add_ratios).
            again = measure(
                wrk, gunicorn.origin + urls["static"], options, duration, "static again"
            )
            static_run["rps_again"] = again["rps"]
            if cached:
                paths = [urls[page] for page in PUBLISH_PAGES]
                progress(f"{label}: publish phase on {' and '.join(paths)} …", end="")
                entry = publish.run(
                    wrk,
                    gunicorn.origin,
                    server_env,
                    paths,
                    window=duration,
                    connections=options.connections,
                    threads=options.threads,
                )
                print(
                    f" {entry['rps_before']:,.0f} → {entry['rps_after']:,.0f} req/s, "
                    f"max {entry['max_ms'] or 0:,.0f} ms"
                )
                results["publish"].append({**where, **entry})
            else:
                results["single"] += one_client(
                    wrk, gunicorn.origin, urls, matches, where, duration, label
                )
            rss = gunicorn.worker_rss_mb()
            results["memory"].append({**where, "cached": cached, "mb": rss})


def measure(wrk, address, options, duration, label):
    server.check(address)
    run_wrk(wrk, address, duration=1, connections=4, threads=1)  # warm-up
    progress(label, end="")
    figures = run_wrk(
        wrk, address, duration=duration, connections=options.connections, threads=options.threads
    )
    print(f" … {figures['rps']:,.0f} req/s")
    return figures


def one_client(wrk, origin, urls, matches, where, duration, label):
    """Latency with one connection, so no request waits behind another: the time to answer."""
    requests = [(page, urls[page], {}) for page in SINGLE_CLIENT_PAGES]
    requests += [
        ("search", search_url(words), {"query": query, "words": words})
        for query, words in SEARCH_QUERIES.items()
    ]
    runs = []
    for page, url, extra in requests:
        server.check(origin + url)
        progress(f"{label}, one connection: {url}", end="")
        figures = run_wrk(wrk, origin + url, duration=duration, connections=1, threads=1)
        print(f" … p50 {figures['p50_ms']:.1f} ms")
        if page == "search":
            extra["matches"] = matches.get(extra["words"])
        runs.append({**where, "page": page, "url": url, **extra, **figures})
    return runs


def search_url(words):
    """Chinese words on the Chinese site: search reads the articles in the page's language."""
    prefix = "/zh-hans" if CHINESE.search(words) else ""
    return f"{prefix}/search/?q={quote_plus(words)}"


def progress(message, end="\n"):
    print(f"[{elapsed()}] {message}", end=end, flush=True)


def elapsed():
    seconds = round(time.monotonic() - STARTED)
    return f"{seconds // 60:02}:{seconds % 60:02}"


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 articles, 3-second runs")
    parser.add_argument("--counts", type=int, nargs="+", default=(1000, 100_000))
    parser.add_argument(
        "--databases",
        nargs="+",
        choices=tuple(DATABASES),
        default=list(DATABASES),
        help="default: both",
    )
    parser.add_argument(
        "--duration",
        type=int,
        default=10,
        help="seconds per wrk run, and of each window of the publish phase (default 10)",
    )
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--port", type=int, default=8780, help="gunicorn's (default 8780)")
    parser.add_argument("--postgres-port", type=int, default=54331, help="default 54331")
    parser.add_argument("--output", type=Path, help="default: bench/results.json")
    parser.add_argument(
        "--prepare",
        action="store_true",
        help="only build the seeded databases that bench/results/ lacks, and measure nothing",
    )
    return parser.parse_args()


def collect_static(static_root):
    """Collect the static files; the URL of the site's main style sheet under its hashed name."""
    manage(["collectstatic", "--noinput", "-v0"], environment(static_root=static_root))
    manifest = json.loads((static_root / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"][STATIC_FILE]


def machine(databases):
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
        **({"postgresql": postgres.version()} if "postgresql" in databases else {}),
    }


if __name__ == "__main__":
    main()
