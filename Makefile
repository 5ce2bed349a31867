# The commands the README names. Each one sets up what it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format clean bench audit screenshots

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

run: export DJANGO_DEBUG ?= 1
run: export TASKS_BACKEND ?= immediate
run: $(VENV)/.installed
	$(MANAGE) migrate --noinput
	$(MANAGE) loaddemo --if-empty
	$(MANAGE) runserver $(HOST):$(PORT)

test: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	scripts/ensure-test-tools
	$(BIN)/pytest
	@if [ "$(TEST_POSTGRES)" = 1 ]; then scripts/postgres-test $(BIN)/pytest -p no:cacheprovider; fi

# About ten minutes; BENCH_ARGS=--quick for a one-minute try. Writes bench/results.json.
bench: $(VENV)/.installed
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# Lighthouse scores of /, /news/ and an article, served by gunicorn as in production.
audit: $(VENV)/.installed
	scripts/ensure-test-tools
	$(BIN)/python scripts/audit

# Home, News Center, an article and the message form at 1440 and 390 px: docs/screenshots/.
screenshots: $(VENV)/.installed-dev
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
