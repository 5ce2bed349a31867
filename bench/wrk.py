"""Running Debian's `wrk` and reading its report."""

import re
import shutil
import subprocess

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


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


def run_wrk(wrk, url, *, duration, connections, threads, timeout_margin=30):
    """Requests/s, p50 and p99 latency (ms), and failed requests of one fixed-length wrk run."""
    command = [
        wrk,
        f"-t{threads}",
        f"-c{connections}",
        f"-d{duration}s",
        "--timeout",
        "10s",
        "--latency",
        url,
    ]
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=duration + timeout_margin, check=True
    )
    return parse(done.stdout)


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
    return {
        "requests": int(total.group(1)),
        "rps": float(rps.group(1)),
        "p50_ms": _percentile(report, "50"),
        "p99_ms": _percentile(report, "99"),
        "errors": (int(non_2xx.group(1)) if non_2xx else 0)
        + (sum(int(n) for n in socket.groups()) if socket else 0),
    }


def _percentile(report, percent):
    match = re.search(rf"^\s+{percent}(?:\.000)?%\s+([\d.]+)(us|ms|s|m)\b", report, re.M)
    if not match:
        raise ValueError(f"No {percent}% latency in wrk output:\n{report}")
    return round(float(match.group(1)) * UNITS[match.group(2)], 3)
