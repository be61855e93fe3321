# Scriptorium: `make run` serves the archive, `make test` runs the whole suite.
# Both create the environment (.venv) with the pinned dependencies first. PYTHON=/path/to/python3.12 overrides
# the interpreter search (Django 6.1 needs Python 3.12 or newer).

SHELL := /bin/sh
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: run test lint format serve worker demo clean help

help:
	@echo "make run    - install, migrate, load the demo archive and serve it at http://$(HOST):$(PORT)"
	@echo "make test   - install the test tools and run lint plus the whole test suite"
	@echo "make worker - run the background task worker (imports, downloads)"
	@echo "make clean  - remove the environment (keeps ./var, the data directory)"

$(BIN)/python:
	@py="$$(PYTHON='$(PYTHON)' ./scripts/find-python)" || exit 1; \
	echo "Creating $(VENV) with $$py"; \
	"$$py" -m venv "$(VENV)"

$(VENV)/.installed-run: requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed-run requirements-dev.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

run: $(VENV)/.installed-run
	$(BIN)/scriptorium migrate --noinput
	$(BIN)/scriptorium collectstatic --noinput --verbosity 0
	$(BIN)/scriptorium canon load
	$(BIN)/scriptorium demo
	$(BIN)/scriptorium serve --host $(HOST) --port $(PORT)

worker: $(VENV)/.installed-run
	$(BIN)/scriptorium db_worker

node_modules/axe-core/axe.min.js: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --silent; \
	else echo "npm not found: the accessibility checks in the browser tests will fail"; fi

test: $(VENV)/.installed-dev node_modules/axe-core/axe.min.js
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(VENV)/.installed-dev
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV)
