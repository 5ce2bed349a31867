"""The issue's targets, each checked against the benchmark's figures: met or missed."""

import re

# Requests/s of a page as a share of the static file's, in the same server run.
CACHED_TARGET, UNCACHED_TARGET = 0.9, 0.3
TARGET_PAGES = ("home", "list", "last page", "category", "article", "tag", "feed")
SEARCH_P50_MS, SEARCH_AT = 30, 100_000  # with one client, at 100,000 articles
CHINESE_SEARCH_P50_MS = 50  # queries with Chinese words, alone or beside English ones
CHINESE = re.compile("[\u3400-\u9fff]")
PUBLISH_RATIO, PUBLISH_MAX_MS = 0.5, 1000  # req/s after the save ÷ before; the longest wait
WORKER_MB, MEMORY_AT = 100, 100_000  # resident memory of every worker after those runs
DATABASES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
NO_TAG_PAGES = "tag: no tag pages yet"


def mark(met):
    return "–" if met is None else "met" if met else "missed"


def database(entry):
    return entry.get("database", "sqlite")  # results from before PostgreSQL was measured


def where(entry):
    return f"{entry['articles']:,}, {DATABASES.get(database(entry), database(entry))}"


def page_met(run):
    """A run with failed requests misses: an error page is quick to make."""
    if run["page"] not in TARGET_PAGES or run.get("ratio") is None:
        return None
    target = CACHED_TARGET if run["cached"] else UNCACHED_TARGET
    return not run["errors"] and round(run["ratio"], 2) >= target


def is_chinese(run):
    return bool(CHINESE.search(run["words"]))


def search_met(run):
    target = CHINESE_SEARCH_P50_MS if is_chinese(run) else SEARCH_P50_MS
    return not run["errors"] and run["p50_ms"] < target


def publish_ratio_met(entry):
    return entry["ratio"] is not None and round(entry["ratio"], 2) >= PUBLISH_RATIO


def publish_wait_met(entry):
    """A timed-out request has no latency in wrk's report: any failure misses the target."""
    return not entry["errors"] and entry["max_ms"] is not None and entry["max_ms"] <= PUBLISH_MAX_MS


def memory_met(entry):
    return bool(entry["mb"]) and max(entry["mb"]) < WORKER_MB


def has_tag_pages(results):
    return any(run["page"] == "tag" for run in results["runs"])


def summary(results):
    """One line per target, met or missed, with the figures that miss it."""
    runs = results["runs"]
    searches = [run for run in results.get("single", []) if run["page"] == "search"]
    publish = results.get("publish", [])
    lines = []
    for cached, target in ((False, UNCACHED_TARGET), (True, CACHED_TARGET)):
        lines.append(
            _line(
                f"{'Cached' if cached else 'Uncached'} pages ≥ {target}× static",
                [(run, page_met(run)) for run in runs if run["cached"] == cached],
                lambda run: f"{run['page']} at {where(run)} ({run['ratio']:.2f})",
            )
        )
    if not has_tag_pages(results):
        lines.append(f"  ({NO_TAG_PAGES})")
    searches, note = _at(searches, SEARCH_AT)
    for chinese, label in ((False, f"Search p50 < {SEARCH_P50_MS} ms"),
                           (True, f"Chinese search p50 < {CHINESE_SEARCH_P50_MS} ms")):  # fmt: skip
        if chinese and not any(map(is_chinese, searches)):
            continue  # results from before Chinese search was measured
        lines.append(
            _line(
                f"{label}, one client, {SEARCH_AT:,} articles{note}",
                [(run, search_met(run)) for run in searches if is_chinese(run) == chinese],
                lambda run: (
                    f"{run['query']} “{run['words']}” at {where(run)} ({run['p50_ms']:.1f} ms)"
                ),
            )
        )
    lines.append(
        _line(
            f"Publishing under load: req/s after the save ≥ {PUBLISH_RATIO}× before",
            [(entry, publish_ratio_met(entry)) for entry in publish],
            lambda entry: f"{where(entry)} ({_ratio(entry)})",
        )
    )
    lines.append(
        _line(
            f"Publishing under load: no request waits over {PUBLISH_MAX_MS / 1000:g} s",
            [(entry, publish_wait_met(entry)) for entry in publish],
            lambda entry: (
                f"{where(entry)} (max {_ms(entry['max_ms'])}"
                + (f", {entry['errors']} failed)" if entry["errors"] else ")")
            ),
        )
    )
    memory, note = _at(results.get("memory", []), MEMORY_AT)
    lines.append(
        _line(
            f"Worker memory < {WORKER_MB} MB after the {MEMORY_AT:,}-article runs{note}",
            [(entry, memory_met(entry)) for entry in memory],
            lambda entry: (
                f"{where(entry)}, cache {'on' if entry['cached'] else 'off'} "
                f"({max(entry['mb'], default=0):.0f} MB)"
            ),
            best=f"largest {max((mb for e in memory for mb in e['mb']), default=0):.0f} MB",
        )
    )
    failed = [run for run in runs + results.get("single", []) if run["errors"]]
    lines += [
        f"- FAILED REQUESTS: {run['page']} at {where(run)}, cache "
        f"{'on' if run.get('cached', False) else 'off'}: {run['errors']}"
        for run in failed
    ]
    return lines


def _at(entries, articles):
    """The entries at `articles` articles; all of them, with a note, when none is."""
    chosen = [entry for entry in entries if entry["articles"] == articles]
    if chosen or not entries:
        return chosen, ""
    sizes = " and ".join(f"{n:,}" for n in sorted({entry["articles"] for entry in entries}))
    return entries, f" (judged at {sizes} articles: not measured at {articles:,})"


def _line(label, checked, describe, best=""):
    judged = [entry for entry, met in checked if met is not None]
    missed = [entry for entry, met in checked if met is False]
    if not judged:
        return f"- **not measured**: {label}"
    if missed:
        return f"- **missed**: {label}: {len(missed)} of {len(judged)} miss it: " + ", ".join(
            describe(entry) for entry in missed
        )
    return f"- **met**: {label}: all {len(judged)}" + (f"; {best}" if best else "")


def _ratio(entry):
    return "–" if entry.get("ratio") is None else f"{entry['ratio']:.2f}"


def _ms(ms):
    return "–" if ms is None else f"{ms / 1000:.2f} s" if ms >= 1000 else f"{ms:.0f} ms"
