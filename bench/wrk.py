"""Running Debian's `wrk` and reading its report."""

import json
import re
import shutil
import subprocess

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
TIME = r"([\d.]+)(us|ms|s|m|h)"
# What bench/publish.lua prints after wrk's report: {"<epoch second>": [answered, failed], …}
PER_SECOND_PREFIX = "per-second "


def ensure_wrk():
    """The path of `wrk`, installed with apt-get if missing (CI machines start as root)."""
    path = shutil.which("wrk")
    if path:
        return path
    print("wrk is missing; installing Debian's wrk package with apt-get …", flush=True)
    install = ["apt-get", "install", "-y", "--no-install-recommends", "wrk"]
    if subprocess.run(install, check=False).returncode != 0:
        subprocess.run(["apt-get", "update"], check=True)
        subprocess.run(install, check=True)
    return shutil.which("wrk") or "wrk"


def run_wrk(
    wrk, url, *, duration, connections, threads, script=None, script_args=(), timeout_margin=30
):
    """Requests/s, latencies (ms) and failed requests of one fixed-length wrk run; with a
    `script` (bench/publish.lua), also the responses counted in each second."""
    command = [
        wrk,
        f"-t{threads}",
        f"-c{connections}",
        f"-d{duration}s",
        "--timeout",
        "10s",
        "--latency",
    ]
    if script:
        command += ["--script", str(script)]
    command.append(url)
    if script_args:
        command += ["--", *script_args]
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=duration + timeout_margin, check=True
    )
    figures = parse(done.stdout)
    if script:
        figures["per_second"] = parse_per_second(done.stdout)
    return figures


def parse(report):
    """The figures of a `wrk --latency` report (see tests/test_bench.py for one)."""
    rps = re.search(r"^Requests/sec:\s+([\d.]+)", report, re.M)
    total = re.search(r"^\s*(\d+) requests in", report, re.M)
    if not rps or not total:
        raise ValueError(f"Unexpected wrk output:\n{report}")
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", report)
    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", report
    )
    # "Latency  <average> <stdev> <max> <+/- stdev>": the slowest request of the whole run.
    latency = re.search(rf"^\s+Latency\s+{TIME}\s+{TIME}\s+{TIME}", report, re.M)
    return {
        "requests": int(total.group(1)),
        "rps": float(rps.group(1)),
        "p50_ms": _percentile(report, "50"),
        "p99_ms": _percentile(report, "99"),
        "max_ms": _ms(latency.group(5), latency.group(6)) if latency else None,
        "errors": (int(non_2xx.group(1)) if non_2xx else 0)
        + (sum(int(n) for n in socket.groups()) if socket else 0),
    }


def parse_per_second(report):
    """{epoch second: [responses under 400, others]} from bench/publish.lua's line."""
    for line in report.splitlines():
        if line.startswith(PER_SECOND_PREFIX):
            counts = json.loads(line.removeprefix(PER_SECOND_PREFIX))
            return {int(second): [int(ok), int(failed)] for second, (ok, failed) in counts.items()}
    raise ValueError(f"No per-second counts in wrk output:\n{report}")


def _percentile(report, percent):
    match = re.search(rf"^\s+{percent}(?:\.000)?%\s+{TIME}\b", report, re.M)
    if not match:
        raise ValueError(f"No {percent}% latency in wrk output:\n{report}")
    return _ms(match.group(1), match.group(2))


def _ms(number, unit):
    return round(float(number) * UNITS[unit], 3)
