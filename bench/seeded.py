"""The seeded databases the benchmark measures: `seed_articles --count N --seed 1`, built once
and kept in bench/results/ until what decides their content changes.

SQLite: the database file and its media folder. PostgreSQL: a `pg_dump --format=custom` file and
the media folder, restored into the throwaway cluster for each run (seeding 100,000 articles
takes minutes; restoring them, well under one).
"""

import hashlib
import shutil
import sqlite3
import time

from bench import postgres
from bench.project import RESULTS, ROOT, environment, manage, relative

SEED = 1
# What decides the content of a seeded database: a change to any of these builds it again.
DATABASE_INPUTS = (
    "articles/migrations/*.py",
    "online_messages/migrations/*.py",
    "articles/demo/generator.py",
    "articles/demo/phrases.py",
    "articles/demo/phrases_zh.py",
    # What Article.fill_derived_fields() makes of each seeded body.
    "articles/sanitizer.py",
    "articles/search/__init__.py",
    "articles/search/words.py",  # and the text the search indexes read
    "articles/search/fields.py",
    "articles/management/commands/seed_articles.py",
)


def database(count, kind):
    """(DATABASE_URL, media folder) of `count` seeded articles in a `kind` database."""
    if kind == "sqlite":
        return sqlite_database(count)
    return postgres_database(count)


def digest():
    hashed = hashlib.sha256()
    for pattern in DATABASE_INPUTS:
        for path in sorted(ROOT.glob(pattern)):
            hashed.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return hashed.hexdigest()[:12]


def sqlite_database(count):
    folder = RESULTS / f"db-{count}-seed{SEED}-{digest()}"
    if not (folder / "db.sqlite3").exists():
        building = _building(folder, f"db-{count}-seed{SEED}-*")
        database = building / "db.sqlite3"
        _seed(count, building, f"sqlite:///{database}", f"SQLite ({relative(building)})")
        with sqlite3.connect(database) as connection:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        building.rename(folder)
    return f"sqlite:///{folder / 'db.sqlite3'}", folder / "media"


def postgres_database(count):
    """Restored from its dump into the database bench_COUNT of the cluster; built first (and
    dumped) when there is no dump."""
    folder = RESULTS / f"pg-{count}-seed{SEED}-{digest()}"
    name = f"bench_{count}"
    if not (folder / "db.dump").exists():
        building = _building(folder, f"pg-{count}-seed{SEED}-*")
        postgres.create(name)
        _seed(count, building, postgres.url(name), f"PostgreSQL ({relative(building)})")
        postgres.dump(name, building / "db.dump")
        building.rename(folder)
    started = time.monotonic()
    print(f"Restoring {count:,} articles into PostgreSQL from {relative(folder)}/db.dump …")
    postgres.restore(folder / "db.dump", name)  # after a build too: every run measures the same
    print(f"  restored, vacuumed and analyzed in {time.monotonic() - started:.0f} s")
    return postgres.url(name), folder / "media"


def _building(folder, pattern):
    """An empty folder to build `folder` in; the databases of any other state are removed."""
    for stale in RESULTS.glob(pattern):
        shutil.rmtree(stale, ignore_errors=True)  # another state's: hundreds of MB
    building = folder.with_name(folder.name + ".building")
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir(parents=True)
    return building


def _seed(count, building, database_url, where):
    started = time.monotonic()
    print(f"Building a database of {count:,} articles: {where} …", flush=True)
    env = environment(building / "static", database_url, building / "media")
    manage(["migrate", "--noinput", "-v0"], env)
    manage(["seed_articles", "--count", str(count), "--seed", str(SEED)], env)
    print(f"  seeded in {time.monotonic() - started:.0f} s")
