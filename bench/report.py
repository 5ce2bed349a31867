"""The benchmark's figures as Markdown tables, each target marked met or missed (targets.py)."""

from bench import targets
from bench.targets import DATABASES, database, mark


def add_ratios(results):
    """Each run's requests/s as a share of the static file's in the same server run: the mean
    of its measures before and after the pages, where there are both."""
    static = {
        (run["articles"], database(run), run["cached"]): (
            run["rps"] + run.get("rps_again", run["rps"])
        )
        / 2
        for run in results["runs"]
        if run["page"] == "static"
    }
    for run in results["runs"]:
        reference = static.get((run["articles"], database(run), run["cached"]))
        run["ratio"] = round(run["rps"] / reference, 3) if reference else None


def markdown(results):
    lines = [*_header(results)]
    runs = {(r["articles"], database(r), r["page"], r["cached"]): r for r in results["runs"]}
    for articles, kind in dict.fromkeys((a, d) for a, d, _page, _cached in runs):
        lines += ["", f"### {articles:,} articles, {DATABASES.get(kind, kind)}", ""]
        lines += _page_table(runs, articles, kind)
    if not targets.has_tag_pages(results):
        lines += ["", targets.NO_TAG_PAGES]
    searches = [run for run in results.get("single", []) if run["page"] == "search"]
    if searches:
        lines += ["", "### Search, one client (wrk -c1 -t1), cache off", ""]
        lines += _search([run for run in searches if not targets.is_chinese(run)])
    if any(map(targets.is_chinese, searches)):
        lines += ["", "Chinese, and Chinese with English:", ""]
        lines += _search([run for run in searches if targets.is_chinese(run)])
    lines += _one_client_lists(results)
    if results.get("publish"):
        lines += ["", "### Publishing under load", "", *_publish(results)]
    lines += ["", "### Worker memory", "", *_memory(results)]
    lines += ["", "### Targets", "", *targets.summary(results)]
    return "\n".join(lines)


def _header(results):
    machine, settings = results["machine"], results["settings"]
    line = (
        f"{machine['cpus']} × {machine['model']}, {machine['memory_gb']} GB RAM; "
        f"load average {', '.join(map(str, machine['load_average_at_start']))} at the start. "
        f"gunicorn with {settings['workers']} workers, wrk {settings['wrk']}. "
        "× static: against the static file measured before and after the pages, averaged."
    )
    if machine.get("postgresql"):
        line += f" PostgreSQL {machine['postgresql']} ({settings.get('postgresql', '')})."
    return [line]


def _page_table(runs, articles, kind):
    cached, uncached = targets.CACHED_TARGET, targets.UNCACHED_TARGET
    lines = [
        f"| page | cached req/s | p50 ms | p99 ms | × static | ≥ {cached}× "
        f"| uncached req/s | p50 ms | p99 ms | × static | ≥ {uncached}× | SQL queries |",
        "|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---|---:|",
    ]
    pages = dict.fromkeys(page for a, d, page, _c in runs if (a, d) == (articles, kind))
    for page in pages:
        row = [page]
        for is_cached in (True, False):
            run = runs.get((articles, kind, page, is_cached))
            row += (
                [
                    f"{run['rps']:,.0f}",
                    f"{run['p50_ms']:.1f}",
                    f"{run['p99_ms']:.1f}",
                    _number(run.get("ratio"), 2),
                    mark(targets.page_met(run)),
                ]
                if run
                else ["–"] * 5
            )
        queries = next(
            (
                run.get("queries")
                for is_cached in (True, False)
                if (run := runs.get((articles, kind, page, is_cached)))
            ),
            None,
        )
        row.append(_number(queries, 0))
        lines.append(_row(row))
    return lines


def _search(searches):
    kinds = list(dict.fromkeys(database(run) for run in searches))
    header, rule = ["articles", "query"], ["---:", "---"]
    chinese = any(map(targets.is_chinese, searches))
    target = targets.CHINESE_SEARCH_P50_MS if chinese else targets.SEARCH_P50_MS
    for kind in kinds:
        name = DATABASES.get(kind, kind)
        header += [f"{name} matches", "p50 ms", "p99 ms", f"< {target} ms"]
        rule += ["---:", "---:", "---:", "---"]
    lines = [_row(header), "|" + "|".join(rule) + "|"]
    by_key = {(run["articles"], run["query"], database(run)): run for run in searches}
    words = {(run["articles"], run["query"]): run["words"] for run in searches}
    for articles, query in words:
        row = [f"{articles:,}", f"{query}: “{words[articles, query]}”"]
        for kind in kinds:
            run = by_key.get((articles, query, kind))
            row += (
                [
                    _number(run.get("matches"), 0),
                    f"{run['p50_ms']:.1f}",
                    f"{run['p99_ms']:.1f}",
                    mark(targets.search_met(run)),
                ]
                if run
                else ["–"] * 4
            )
        lines.append(_row(row))
    return lines


def _one_client_lists(results):
    single = {(r["articles"], database(r), r["page"]): r for r in results.get("single", [])}
    lines = []
    for articles, kind, page in single:
        first, last = single[articles, kind, page], single.get((articles, kind, "last page"))
        if page == "list" and last:
            lines.append(
                f"- One client, cache off, {articles:,} articles, {DATABASES.get(kind, kind)}: "
                f"the News Center's first page in {first['p50_ms']:.1f} ms (p50), its last page in "
                f"{last['p50_ms']:.1f} ms ({last['p50_ms'] / first['p50_ms']:.2f}×)"
            )
    return ["", *lines] if lines else []


def _publish(results):
    entries = results["publish"]
    first = entries[0]
    lines = [
        f"wrk {results['settings']['wrk'].split(' -d')[0]} on {' and '.join(first['paths'])} in "
        f"turn, page cache on; an article saved after {first['window_s']} s of counted load. "
        f"Req/s answered in the {first['window_s']} s before the save and the "
        f"{first['window_s']} s from it; p99 and max over the whole run.",
        "",
        f"| articles | database | req/s before | req/s after | after ÷ before "
        f"| ≥ {targets.PUBLISH_RATIO} | slowest second after | p99 ms | max ms "
        f"| ≤ {targets.PUBLISH_MAX_MS / 1000:g} s | failed |",
        "|---:|---|---:|---:|---:|---|---:|---:|---:|---|---:|",
    ]
    for entry in entries:
        lines.append(
            _row(
                [
                    f"{entry['articles']:,}",
                    DATABASES.get(database(entry), database(entry)),
                    f"{entry['rps_before']:,.0f}",
                    f"{entry['rps_after']:,.0f}",
                    _number(entry["ratio"], 2),
                    mark(targets.publish_ratio_met(entry)),
                    f"{entry['slowest_second_after']:,}",
                    f"{entry['p99_ms']:.1f}",
                    _number(entry["max_ms"], 1),
                    mark(targets.publish_wait_met(entry)),
                    str(entry["errors"]),
                ]
            )
        )
    return lines


def _memory(results):
    lines = [
        f"| articles | database | page cache | workers, MB | < {targets.WORKER_MB} MB |",
        "|---:|---|---|---:|---|",
    ]
    for entry in results["memory"]:
        lines.append(
            _row(
                [
                    f"{entry['articles']:,}",
                    DATABASES.get(database(entry), database(entry)),
                    "on" if entry["cached"] else "off",
                    ", ".join(f"{mb:.0f}" for mb in entry["mb"]) or "?",
                    mark(targets.memory_met(entry)),
                ]
            )
        )
    return lines


def _row(cells):
    return "| " + " | ".join(cells) + " |"


def _number(value, decimals):
    return "–" if value is None else f"{value:,.{decimals}f}"
