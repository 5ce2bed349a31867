"""A database of its own for a test that serves the site from another process (gunicorn).

It is of the kind the suite runs on: the SQLite file named, or under PostgreSQL (`make test`
with TEST_POSTGRES=1) a new database on the same server as the test database, dropped after.
"""

import sqlite3
import uuid
from contextlib import contextmanager
from urllib.parse import quote

from django.conf import settings
from django.db import connection


@contextmanager
def server_database(sqlite_path):
    """Yield (DATABASE_URL, query): `query(sql)` returns the rows of `sql` on that database."""
    if connection.vendor == "postgresql":
        with _postgresql_database() as found:
            yield found
        return

    def query(sql):
        with sqlite3.connect(sqlite_path) as db:
            return db.execute(sql).fetchall()

    yield f"sqlite:///{sqlite_path}", query


@contextmanager
def _postgresql_database():
    import psycopg

    config = settings.DATABASES["default"]
    server = {
        "host": config["HOST"] or "localhost",
        "port": config["PORT"] or 5432,
        "user": config["USER"],
        "password": config["PASSWORD"],
    }
    name = f"server_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    credentials = quote(server["user"], safe="")
    if server["password"]:
        credentials += ":" + quote(server["password"], safe="")
    url = f"postgres://{credentials}@{server['host']}:{server['port']}/{name}"

    def query(sql):
        with psycopg.connect(dbname=name, **server) as db:
            return db.execute(sql).fetchall()

    try:
        yield url, query
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
