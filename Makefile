# The commands the README names. Each one sets up what it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test check lock lint format clean bench audit screenshots locale messages cluster \
	cluster-down

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Installs come from the lock files that `make lock` writes: every version pinned, every file
# checked against its hash. pip refuses an editable install under --require-hashes, so the
# project itself goes in afterwards, alone; `pip check` then finds a lock that lags behind
# pyproject.toml.
PIP_CHECK := problems=$$($(BIN)/pip check) || { echo "$$problems" >&2; \
	echo "The lock files are out of step with pyproject.toml: run make lock" >&2; exit 1; }

$(VENV)/.installed: requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	@$(PIP_CHECK)
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.txt
	$(BIN)/pip install --quiet --no-deps -e .
	@$(PIP_CHECK)
	touch $@

# Production gets the runtime dependencies and every runtime extra (PostgreSQL, Redis, S3, the
# captcha), so that the environment alone switches them on; requirements-dev.txt adds the tools
# at the same versions. After changing a dependency in pyproject.toml: `make lock`; to take the
# newest versions within the caps: `make lock LOCK_ARGS=--upgrade`.
PIP_COMPILE := CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile --quiet --generate-hashes \
	--allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links $(LOCK_ARGS)
# Not through .installed-dev: after a change to pyproject.toml its `pip check` fails until the
# lock files are written again.
$(BIN)/pip-compile: | $(BIN)/python
	$(BIN)/pip install --quiet "pip-tools>=7.4,<8"

lock: $(BIN)/pip-compile
	$(PIP_COMPILE) --extra postgres --extra redis --extra s3 --extra captcha -o requirements.txt pyproject.toml
	$(PIP_COMPILE) --extra dev --constraint requirements.txt -o requirements-dev.txt pyproject.toml

# The translations: each locale/*/LC_MESSAGES/*.po compiled to its .mo, which git ignores, by
# Babel's pybabel (a dependency), so no GNU gettext is needed to install or run the site.
# pybabel comes with either install (run's or test's); a venv without it installs again here.
$(BIN)/pybabel:
	rm -f $(VENV)/.installed
	$(MAKE) $(VENV)/.installed

locale: | $(BIN)/pybabel
	$(BIN)/pybabel --quiet compile --directory locale --domain django

# New or changed text in the code and templates into locale/*/django.po (needs GNU gettext);
# translate it there, leaving no entry empty or fuzzy (tests/test_translations_complete.py).
messages: $(VENV)/.installed-dev
	DJANGO_DEBUG=1 $(MANAGE) makemessages --all --no-obsolete

run: export DJANGO_DEBUG ?= 1
run: export TASKS_BACKEND ?= immediate
run: $(VENV)/.installed locale
	$(MANAGE) migrate --noinput
	$(MANAGE) loaddemo --if-empty
	$(MANAGE) runserver $(HOST):$(PORT)

# Lint and the fast tests, on every core: no gunicorn, Redis or Chromium (-m slow, -m browser,
# -m cluster). About two minutes; `make test` runs the rest.
check: lint locale
	$(BIN)/pytest -m "not slow and not browser and not cluster" -n auto -q

# Everything: lint, the whole suite (gunicorn, Redis, Chromium) on every core (pytest-xdist:
# each worker its own database), then the multi-host tests once, on a cluster of their own
# (scripts/cluster: PostgreSQL, Redis, S3, two hosts behind nginx); with TEST_POSTGRES=1 the
# suite again on PostgreSQL.
test: lint locale
	scripts/ensure-test-tools
	$(BIN)/pytest -n auto -m "not cluster"
	$(BIN)/pytest -n 0 -m cluster -p no:cacheprovider
	@if [ "$(TEST_POSTGRES)" = 1 ]; then \
		scripts/postgres-test $(BIN)/pytest -n auto -m "not cluster" -p no:cacheprovider; fi

# About twenty minutes: 1,000 and 100,000 articles, on SQLite and on a throwaway PostgreSQL
# (scripts/postgres-test), every target met or missed. Writes bench/results.json. BENCH_ARGS:
# --quick (1,000 articles, 3-second runs: about four minutes), --databases sqlite, --prepare
# (only build the seeded databases that bench/results/ lacks), --help for the rest.
bench: $(VENV)/.installed locale
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# Several hosts on this machine, on loopback: PostgreSQL, Redis, an S3 server (moto), a task
# worker, two gunicorn hosts and nginx in front on http://127.0.0.1:8080/ (CLUSTER_PORT), all in
# .cluster/ (CLUSTER_DIR). `make cluster-down` stops it and removes .cluster/. scripts/cluster
# also kills and restarts a host or Redis, to try failover by hand: see its --help.
cluster: $(VENV)/.installed-dev locale
	scripts/ensure-test-tools --cluster
	scripts/cluster up

cluster-down:
	scripts/cluster down

# Lighthouse scores of /, /news/ and an article, served by gunicorn as in production.
audit: $(VENV)/.installed locale
	scripts/ensure-test-tools
	$(BIN)/python scripts/audit

# Home, News Center, an article and the message form at 1440 and 390 px: docs/screenshots/.
screenshots: $(VENV)/.installed-dev locale
	scripts/ensure-test-tools
	$(BIN)/python scripts/screenshots

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
