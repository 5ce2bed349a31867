"""The benchmark's throwaway PostgreSQL cluster, and its databases.

scripts/postgres-test (which `make test` uses with TEST_POSTGRES=1) makes the cluster: it
installs Debian's postgresql if missing, runs initdb under /tmp (as the postgres user when run
as root), starts the server on 127.0.0.1 with fsync, synchronous_commit and full_page_writes
off (no crash safety, which a throwaway cluster does not need; a write costs less than on a
production server), runs the command it is given, and removes the cluster when the command
ends, however it ends. `make bench` runs itself again under it (see `run_inside_cluster`); the
cluster's own database, in DATABASE_URL, is where this module connects to make the others.
"""

import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench.project import ROOT

INSIDE = "BENCH_POSTGRES_CLUSTER"  # set for the bench that runs under scripts/postgres-test
SETTINGS_NOTE = "throwaway cluster: fsync, synchronous_commit and full_page_writes off"


def run_inside_cluster(port):
    """Run this bench again under scripts/postgres-test, unless it already is: this process is
    replaced, and the bench's exit code is the script's."""
    if os.environ.get(INSIDE) == "1":
        if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
            raise SystemExit(f"{INSIDE}=1 without a postgres:// DATABASE_URL")
        return
    script = ROOT / "scripts" / "postgres-test"
    env = {**os.environ, INSIDE: "1", "POSTGRES_TEST_PORT": str(port)}
    print(f"Starting a throwaway PostgreSQL cluster (scripts/postgres-test, port {port}) …")
    sys.stdout.flush()
    run = str(ROOT / "bench" / "run.py")
    os.execve(script, [str(script), sys.executable, run, *sys.argv[1:]], env)


def url(database):
    """The address of `database` in the cluster."""
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path=f"/{database}"))


def bin_dir():
    """The newest installed server version's programs, as scripts/postgres-test finds them."""
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"),
        key=lambda path: [int(n) for n in re.findall(r"\d+", path.parent.name)],
    )
    if not found:
        raise SystemExit("PostgreSQL is not installed (apt-get install postgresql)")
    return found[-1]


def execute(*statements, database=None):
    """Run each statement in autocommit (VACUUM refuses a transaction); the last one's rows."""
    import psycopg  # only the PostgreSQL runs need it (the postgres extra, in requirements.txt)

    address = url(database) if database else os.environ["DATABASE_URL"]
    rows = None
    with psycopg.connect(address, autocommit=True) as connection:
        for statement in statements:
            cursor = connection.execute(statement)
            rows = cursor.fetchall() if cursor.description else None
    return rows


def version():
    return execute("SHOW server_version")[0][0]


def create(database):
    """An empty `database`, dropping any left from before (and its connections)."""
    drop(database)
    execute(f'CREATE DATABASE "{database}"')


def drop(database):
    execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def dump(database, path):
    subprocess.run(
        [bin_dir() / "pg_dump", "--format=custom", f"--file={path}", url(database)],
        check=True,
        timeout=3600,
    )


def restore(path, database):
    """`database` made again from a `dump()`, vacuumed and analyzed as after a long life: a
    restore keeps no planner statistics, and without a vacuum no page is marked all-visible
    (index-only scans then read the table too)."""
    create(database)
    subprocess.run(
        [
            bin_dir() / "pg_restore",
            "--no-owner",
            "--exit-on-error",
            f"--jobs={min(os.cpu_count() or 1, 4)}",
            f"--dbname={url(database)}",
            path,
        ],
        check=True,
        timeout=3600,
    )
    execute("VACUUM (ANALYZE)", database=database)
