"""What `scripts/cluster` builds on: PostgreSQL, Redis and the S3 bucket, and the way it runs
every process: in a session of its own, recorded in the cluster's directory (pids/NAME.pid,
logs/NAME.log), waited for, and stopped."""

import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
STATE = Path(os.environ.get("CLUSTER_DIR") or REPO / ".cluster").resolve()
LOGS = STATE / "logs"
PIDS = STATE / "pids"
PGDATA = STATE / "postgres"
# In the order they stop: the front first, the data last.
SERVICES = ("nginx", "host-a", "host-b", "worker", "s3", "redis", "postgres")
IS_ROOT = os.geteuid() == 0
BUCKET = "newscenter-media"


class StepFailed(Exception):
    """A step of `up` that failed: its one-line reason and the log that says more."""

    def __init__(self, reason, log=None):
        super().__init__(reason)
        self.log = log


def postgres_bin():
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]))
    if not found:
        raise StepFailed("PostgreSQL is not installed (Debian: apt-get install postgresql)")
    return found[-1].parent


def as_postgres(command):
    """The server refuses to run as root: root runs it as the postgres user."""
    return ["runuser", "-u", "postgres", "--", *map(str, command)] if IS_ROOT else command


def alive(pid):
    """Whether the process runs (a killed one that nobody reaped yet is a zombie: not alive)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def recorded_pid(name):
    if name == "postgres":
        path = PGDATA / "postmaster.pid"
        return int(path.read_text().split()[0]) if path.exists() else None
    path = PIDS / f"{name}.pid"
    return int(path.read_text()) if path.exists() else None


def running(name):
    pid = recorded_pid(name)
    return pid if pid and alive(pid) else None


def spawn(name, command, env, cwd=REPO):
    """Start a long-running process in a session of its own, its output to logs/NAME.log."""
    with (LOGS / f"{name}.log").open("ab") as log:
        process = subprocess.Popen(
            [str(part) for part in command],
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    (PIDS / f"{name}.pid").write_text(str(process.pid))
    return process


def run(name, command, env=None, cwd=REPO):
    """Run a step to its end, its output to logs/NAME.log."""
    log_path = LOGS / f"{name}.log"
    with log_path.open("ab") as log:
        result = subprocess.run(
            [str(part) for part in command], cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT
        )
    if result.returncode:
        raise StepFailed(f"{name} failed (exit code {result.returncode})", log_path)


def wait_for(name, ready, seconds=60):
    log = LOGS / f"{name}.log"
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if name != "postgres" and not running(name):
            raise StepFailed(f"{name} stopped while starting", log)
        try:
            if ready():
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise StepFailed(f"{name} did not answer within {seconds} s", log)


def answers_http(port, path="/"):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as response:
        return response.status == 200


def answers_ping(port):
    with socket.create_connection(("127.0.0.1", port), timeout=1) as connection:
        connection.sendall(b"PING\r\n")
        return connection.recv(16).startswith(b"+PONG")


def port_free(port):
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def stop(name, sig=signal.SIGTERM, seconds=10):
    """Signal the process group that `name` leads, and wait until it is gone."""
    pid = running(name)
    if pid is None:
        return False
    try:
        os.killpg(pid, sig)
    except ProcessLookupError:
        return True
    deadline = time.monotonic() + seconds
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    if alive(pid):
        os.killpg(pid, signal.SIGKILL)
    return True


def stop_everything(keep_logs=False):
    for name in (*SERVICES[:-1], "collectstatic"):  # PostgreSQL last, by its own tool
        stop(name)
    if running("postgres"):
        command = [postgres_bin() / "pg_ctl", "-D", PGDATA, "-m", "immediate", "-w", "stop"]
        subprocess.run(as_postgres(command), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if not keep_logs:
        shutil.rmtree(STATE, ignore_errors=True)
        return
    for path in STATE.iterdir():
        if path != LOGS:
            shutil.rmtree(path) if path.is_dir() else path.unlink()


def start_postgres(config):
    binaries = postgres_bin()
    PGDATA.mkdir(mode=0o700)
    (LOGS / "postgres.log").touch()
    if IS_ROOT:
        STATE.chmod(0o755)  # the postgres user only passes through
        shutil.chown(PGDATA, "postgres")
        shutil.chown(LOGS / "postgres.log", "postgres")
    initdb = [binaries / "initdb", "-D", PGDATA, "-U", "postgres", "-A", "trust", "-E", "UTF8"]
    run("postgres-initdb", as_postgres([*initdb, "--locale=C.UTF-8"]))
    # A throwaway cluster needs no crash safety: skipping fsync makes migrate much quicker.
    options = f"-p {config['ports']['postgres']} -c listen_addresses=127.0.0.1 -k {PGDATA}"
    options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    command = [binaries / "pg_ctl", "-D", PGDATA, "-l", LOGS / "postgres.log", "-w", "start"]
    run("postgres", as_postgres([*command, "-o", options]))


def bucket_client(env):
    """A boto3 S3 client for the cluster's bucket, from its environment."""
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=env["AWS_S3_ENDPOINT_URL"],
        region_name=env["AWS_S3_REGION_NAME"],
        aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
    )


def create_database_and_bucket(config):
    import psycopg

    port = config["ports"]["postgres"]
    with psycopg.connect(host="127.0.0.1", port=port, user="postgres", autocommit=True) as db:
        db.execute("CREATE DATABASE newscenter")
    s3 = bucket_client(config["environment"])
    s3.create_bucket(Bucket=BUCKET)
    # Pages link to images by their plain address (no signed query string): anyone may read.
    public_read = {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject"}
    public_read["Resource"] = f"arn:aws:s3:::{BUCKET}/*"
    policy = {"Version": "2012-10-17", "Statement": [public_read]}
    s3.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(policy))


def start_redis(config):
    port = config["ports"]["redis"]
    redis = shutil.which("redis-server") or "/usr/bin/redis-server"
    (STATE / "redis").mkdir(exist_ok=True)
    command = [redis, "--bind", "127.0.0.1", "--port", port, "--save", "", "--appendonly", "no"]
    spawn("redis", [*command, "--dir", STATE / "redis"], os.environ)
    wait_for("redis", lambda: answers_ping(port))
