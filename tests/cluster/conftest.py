"""One cluster for the whole session (scripts/cluster), on ports of its own, and what the tests
read from it: its hosts, its database and its bucket."""

import json
import os
import random
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from scripts.cluster_services import bucket_client, port_free
from tests.cluster.web import Browser

ROOT = Path(__file__).resolve().parent.parent.parent
SCRIPT = ROOT / "scripts" / "cluster"
PORTS_NEEDED = 6  # nginx, two hosts, Redis, S3, PostgreSQL: see scripts/cluster


@dataclass
class Cluster:
    directory: Path
    config: dict
    env: dict

    def port(self, name):
        """The port of "nginx", "host-a", "host-b", "redis", "s3" or "postgres"."""
        return self.config["ports"][name]

    def browser(self, name="nginx", **options):
        return Browser(self.port(name), **options)

    def command(self, *args):
        """Run `scripts/cluster ARGS` on this cluster; fail the test if it fails."""
        result = subprocess.run(
            [SCRIPT, *args], env=self.env, capture_output=True, text=True, timeout=120
        )
        assert result.returncode == 0, f"scripts/cluster {' '.join(args)}: {result.stderr}"

    def query(self, sql, params=()):
        with psycopg.connect(self.config["environment"]["DATABASE_URL"]) as db:
            return db.execute(sql, params).fetchall()

    def execute(self, sql, params=()):
        with psycopg.connect(self.config["environment"]["DATABASE_URL"]) as db:
            db.execute(sql, params)

    def bucket_keys(self):
        env = self.config["environment"]
        listing = bucket_client(env).list_objects_v2(Bucket=env["AWS_STORAGE_BUCKET_NAME"])
        return {item["Key"] for item in listing.get("Contents", [])}

    def host_pid(self, host):
        return int((self.directory / "pids" / f"host-{host}.pid").read_text())


def free_base_port():
    """The first of PORTS_NEEDED free ports in a row, away from a developer's cluster (8080)."""
    for _attempt in range(50):
        base = random.randrange(20_000, 30_000)
        if all(port_free(base + offset) for offset in range(PORTS_NEEDED)):
            return base
    raise RuntimeError("No free run of ports for the cluster")


@pytest.fixture(scope="session")
def cluster():
    # In /tmp itself, not pytest's private tmp_path: the postgres user must reach it when root.
    directory = Path(tempfile.mkdtemp(prefix="newscenter-cluster-", dir="/tmp"))
    env = {**os.environ, "CLUSTER_DIR": str(directory), "CLUSTER_PORT": str(free_base_port())}
    started = time.monotonic()
    try:
        result = subprocess.run(
            [SCRIPT, "up"], env=env, capture_output=True, text=True, timeout=300
        )
        if result.returncode:
            pytest.fail(f"scripts/cluster up failed:\n{result.stderr}\n{failed_step_log(result)}")
        print(f"\ncluster up in {time.monotonic() - started:.0f} s: {result.stdout.strip()}")
        config = json.loads((directory / "cluster.json").read_text())
        yield Cluster(directory, config, env)
    finally:
        subprocess.run([SCRIPT, "down"], env=env, capture_output=True, timeout=120)


def failed_step_log(result):
    """The end of the log that the failed step named, if it still exists."""
    if "(log: " not in result.stderr:
        return ""
    path = Path(result.stderr.rsplit("(log: ", 1)[1].split(")")[0])
    return path.read_text(errors="replace")[-4000:] if path.exists() else ""


def wait_until(condition, seconds, message):
    """Poll `condition` until it holds; fail with `message` if it does not within `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(message)


@pytest.fixture(scope="session")
def editor(cluster):
    """The cluster's admin, logged in on host A."""
    browser = cluster.browser("host-a")
    login = cluster.config["admin"]
    response = browser.log_in(login["username"], login["password"])
    assert response.status == 302 and response.location == "/admin/", response.status
    return browser
