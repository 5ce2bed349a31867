"""The publish phase: the home page and the News Center at full load, page cache on, and an
article saved halfway through, which makes every cached page stale at once.

One wrk runs bench/publish.lua, which asks for the two pages in turn and counts the responses in
each second. bench/publisher.py has loaded Django (and the article) before the load starts, and
saves the article at a whole second chosen in advance: `window` seconds after the first counted
second. From the counts: requests/s in the `window` seconds before the save and in the `window`
seconds from it (the second of the save included), and the slowest second after it; from wrk's
report, the latencies of the whole run (its max, stricter than "after the save").
"""

import json
import math
import subprocess
import time
from pathlib import Path

from bench.project import ROOT, python
from bench.wrk import run_wrk

LUA = Path(__file__).with_name("publish.lua")
LEAD = 2  # seconds of load before the counted ones: every connection open, workers busy
TAIL = 2  # seconds after them, so that the end of wrk's run never cuts the last one short


def run(wrk, origin, env, paths, *, window, connections, threads):
    """The phase's figures; `env` is the server's (page cache on, the same caches)."""
    publisher = subprocess.Popen(
        [python(), str(ROOT / "bench" / "publisher.py")],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        _read_json(publisher)  # ready: Django, the database and the article are loaded
        started = time.time()
        moment = math.ceil(started + LEAD + window)
        publisher.stdin.write(f"{moment}\n")
        publisher.stdin.flush()
        figures = run_wrk(
            wrk,
            origin + paths[0],
            duration=math.ceil(moment + window + TAIL - started),
            connections=connections,
            threads=threads,
            script=LUA,
            script_args=paths,
        )
        saved = _read_json(publisher)
        publisher.wait(timeout=30)
    finally:
        if publisher.poll() is None:
            publisher.kill()
            publisher.wait()
    per_second = figures.pop("per_second")
    return {
        "paths": list(paths),
        "window_s": window,
        "moment": moment,
        **saved,
        **figures,
        **phase_figures(per_second, moment, window),
    }


def phase_figures(per_second, moment, window):
    """Requests/s answered (status under 400) before and after `moment`, from wrk's counts per
    epoch second ({second: [answered, failed]}); a second with no response counts 0."""

    def answered(second):
        return per_second.get(second, [0, 0])[0]

    before = [answered(second) for second in range(moment - window, moment)]
    after = [answered(second) for second in range(moment, moment + window)]
    rps_before, rps_after = sum(before) / window, sum(after) / window
    return {
        "rps_before": round(rps_before, 1),
        "rps_after": round(rps_after, 1),
        "ratio": round(rps_after / rps_before, 3) if rps_before else None,
        "slowest_second_after": min(after),
        "failed_after": sum(
            per_second.get(second, [0, 0])[1] for second in range(moment, moment + window)
        ),
        # Seconds from the save (0: the second it began in): [answered, failed].
        "per_second": {str(second - moment): per_second[second] for second in sorted(per_second)},
    }


def _read_json(process):
    line = process.stdout.readline()
    if not line:
        raise RuntimeError(f"bench/publisher.py stopped (exit code {process.wait()}).")
    return json.loads(line)
