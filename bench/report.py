"""The benchmark's figures as a Markdown table, with the issue's targets checked."""

CACHED_TARGET, UNCACHED_TARGET, DEEP_PAGE_TARGET, SEARCH_P50_MS, WORKER_MB = 0.7, 0.3, 2.0, 50, 100


def add_ratios(results):
    """Each run's requests/s as a share of the static file's in the same server run."""
    static = {
        (run["articles"], run["cached"]): run["rps"]
        for run in results["runs"]
        if run["page"] == "static"
    }
    for run in results["runs"]:
        reference = static.get((run["articles"], run["cached"]))
        run["ratio"] = round(run["rps"] / reference, 3) if reference else None


def markdown(results):
    machine, settings = results["machine"], results["settings"]
    runs = {(r["articles"], r["page"], r["cached"]): r for r in results["runs"]}
    lines = [
        f"{machine['cpus']} × {machine['model']}, {machine['memory_gb']} GB RAM; "
        f"load average {', '.join(map(str, machine['load_average_at_start']))} at the start. "
        f"gunicorn with {settings['workers']} workers, wrk {settings['wrk']}.",
        "",
        "| articles | page | cached req/s | p50 ms | p99 ms | × static "
        "| uncached req/s | p50 ms | p99 ms | × static | SQL queries |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for articles, page, cached in runs:
        if not cached:
            continue
        row = [f"{articles:,}", page]
        for key in ((articles, page, True), (articles, page, False)):
            run = runs.get(key)
            row += (
                [f"{run['rps']:,.0f}", f"{run['p50_ms']:.1f}", f"{run['p99_ms']:.1f}", _ratio(run)]
                if run
                else ["–"] * 4
            )
        queries = runs[(articles, page, True)].get("queries")
        row.append("–" if queries is None else str(queries))
        lines.append("| " + " | ".join(row) + " |")
    lines += ["", *_memory(results), *_targets(results)]
    return "\n".join(lines)


def _ratio(run):
    return "–" if run.get("ratio") is None else f"{run['ratio']:.2f}"


def _memory(results):
    lines = []
    for entry in results["memory"]:
        sizes = ", ".join(f"{mb:.0f}" for mb in entry["mb"]) or "?"
        cache = "on" if entry["cached"] else "off"
        lines.append(
            f"- Worker memory after the run, {entry['articles']:,} articles, cache {cache}: "
            f"{sizes} MB"
        )
    return lines


def _targets(results):
    """One line per target of issue 6, with the figure that meets or misses it."""
    lines = []
    for cached, target in ((True, CACHED_TARGET), (False, UNCACHED_TARGET)):
        missed = [
            f"{run['page']} at {run['articles']:,} ({run['ratio']:.2f})"
            for run in results["runs"]
            if run["cached"] == cached
            and run["page"] != "static"
            and run.get("ratio") is not None
            and round(run["ratio"], 2) < target
        ]
        if missed:
            lines.append(
                f"- Under the {target}× static target {'cached' if cached else 'uncached'}: "
                + ", ".join(missed)
            )
    for run in results["runs"]:
        if run["errors"]:
            lines.append(
                f"- ERRORS: {run['page']} at {run['articles']:,} articles, cache "
                f"{'on' if run['cached'] else 'off'}: {run['errors']} failed requests"
            )
    single = {(run["articles"], run["page"]): run for run in results.get("single", [])}
    for articles in sorted({articles for articles, _page in single}):
        first, last = single.get((articles, "list")), single.get((articles, "last page"))
        if first and last:
            lines.append(
                f"- One client, {articles:,} articles, uncached: the last list page in "
                f"{last['p50_ms']:.1f} ms (p50), page 1 in {first['p50_ms']:.1f} ms: "
                f"{last['p50_ms'] / first['p50_ms']:.2f}× (target under {DEEP_PAGE_TARGET}×)"
            )
        search = single.get((articles, "search"))
        if search:
            lines.append(
                f"- One client, {articles:,} articles: search in {search['p50_ms']:.1f} ms (p50; "
                f"target under {SEARCH_P50_MS} ms)"
            )
    biggest = max((mb for entry in results["memory"] for mb in entry["mb"]), default=0)
    lines.append(f"- Largest worker: {biggest:.0f} MB (target under {WORKER_MB} MB)")
    return lines
