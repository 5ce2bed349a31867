"""`make bench` reads wrk's report right and checks the issue's targets against it."""

import pytest

from bench import report
from bench.wrk import parse

WRK_REPORT = """\
Running 10s test @ http://127.0.0.1:8780/news/
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    23.41ms   34.48ms   1.20s    87.28%
    Req/Sec   165.70    157.42   410.00     70.00%
  Latency Distribution
     50%  710.00us
     75%   27.92ms
     90%   74.31ms
     99%    1.53s
  1690 requests in 10.09s, 1.54MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:    167.49
Transfer/sec:      1.41MB
"""


def test_parse_reads_rate_latencies_and_errors():
    assert parse(WRK_REPORT) == {
        "requests": 1690,
        "rps": 167.49,
        "p50_ms": 0.71,
        "p99_ms": 1530.0,
        "errors": 7,
    }


def test_parse_refuses_output_it_does_not_know():
    with pytest.raises(ValueError, match="Unexpected wrk output"):
        parse("unable to connect to 127.0.0.1:8780 Connection refused\n")


def run(page, cached, rps, articles=1000):
    return {"articles": articles, "page": page, "url": "/", "cached": cached, "rps": rps}


def test_report_shows_ratios_to_the_static_file_and_missed_targets():
    runs = [
        run("static", True, 2000.0),
        run("home", True, 1500.0),
        run("static", False, 1800.0),
        run("home", False, 360.0),
        run("list", True, 1000.0),
        run("list", False, 720.0),
    ]
    for item in runs:
        item.update(p50_ms=5.0, p99_ms=9.0, errors=0, queries=3)
    results = {
        "machine": {"cpus": 2, "model": "CPU", "memory_gb": 4, "load_average_at_start": [0.1]},
        "settings": {"workers": 2, "wrk": "-t2 -c16 -d10s --latency"},
        "runs": runs,
        "single": [],
        "memory": [{"articles": 1000, "cached": True, "mb": [61.5, 140.2]}],
    }
    report.add_ratios(results)
    assert [item["ratio"] for item in runs] == [1.0, 0.75, 1.0, 0.2, 0.5, 0.4]
    table = report.markdown(results)
    assert "| 1,000 | home | 1,500 | 5.0 | 9.0 | 0.75 | 360 | 5.0 | 9.0 | 0.20 | 3 |" in table
    assert "- Under the 0.7× static target cached: list at 1,000 (0.50)\n" in table
    assert "- Under the 0.3× static target uncached: home at 1,000 (0.20)\n" in table
    assert "Largest worker: 140 MB (target under 100 MB)" in table
