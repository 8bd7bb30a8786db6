# Dynamique Emploi: `make run` to see the site, `make test` to run every test. `make help` lists all.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
PYTEST_ARGS ?=
# The local PostgreSQL every machine of the project has (trust authentication).
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/dynamique_emploi

.PHONY: help system-packages install run serve test test-sqlite test-postgres lint audit format check check-deploy check-production bench lock backup restore messages check-messages

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-14s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements/dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements/dev.txt
	touch $@

# A random SECRET_KEY for this machine, written once; .env is git-ignored.
.env:
	@printf 'SECRET_KEY=%s\n' "$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')" > $@
	@echo "Wrote .env with a new SECRET_KEY for local development."

# Git-ignored working data: the SQLite databases, uploaded media, collected static files.
var:
	mkdir -p var/media var/static

# Compiled interface catalogs (git-ignored): rebuilt whenever their .po changes.
MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))
%.mo: %.po
	msgfmt --check --output-file=$@ $<

# Debian's packages the project needs besides Python's: Chromium (browser and end-to-end tests,
# driven by Playwright, which never downloads a browser), pg_dump/pg_restore (backups), gettext
# (catalogs), nginx (the deployment's configuration, tests/deploy and tests/e2e), libmagic (the
# shared files' types), gpg (encrypted backups). Installed by apt when run as root; otherwise
# listed, for `sudo apt-get install`.
DEBIAN_PACKAGES := chromium postgresql-client gettext nginx-light libmagic1 gpg
system-packages: ## Install the Debian packages the project needs (as root), or say which are missing
	@command -v dpkg >/dev/null || { echo "Not Debian: install the equivalents of $(DEBIAN_PACKAGES)."; exit 0; }; \
	missing=$$(for package in $(DEBIAN_PACKAGES); do dpkg -s $$package >/dev/null 2>&1 || echo $$package; done); \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian packages:" $$missing; \
		DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else \
		echo "Missing Debian packages:" $$missing "— sudo apt-get install" $$missing; \
	fi

install: system-packages $(VENV)/.installed .env $(MO_FILES) | var ## Create .venv and install the pinned dependencies

run: install ## Install, migrate, load the demo content and serve http://127.0.0.1:8000
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	$(MANAGE) runserver 127.0.0.1:8000

serve: install ## Serve the site without migrating or loading anything
	$(MANAGE) runserver 127.0.0.1:8000

test: install ## Run the whole suite on SQLite, then on the local PostgreSQL
	$(MAKE) --no-print-directory test-sqlite
	@if $(BIN)/python -c "import psycopg, sys; psycopg.connect('$(POSTGRES_URL:/dynamique_emploi=/postgres)', connect_timeout=3).close()" 2>/dev/null; then \
		$(MAKE) --no-print-directory test-postgres; \
	elif [ -n "$$CI" ]; then \
		echo "PostgreSQL does not answer at $(POSTGRES_URL) and CI needs it." >&2; exit 1; \
	else \
		echo "PostgreSQL does not answer at $(POSTGRES_URL): the PostgreSQL run was skipped."; \
	fi

# --create-db: a fresh test database each time, as on CI. A reused one was emptied by the last
# run's transactional tests (browser, concurrency, backups) and lacks what migrations put in it
# (locales, groups); plain `pytest` keeps --reuse-db for quick runs of a few tests.
test-sqlite: install ## Run the suite on SQLite only
	DATABASE_URL= $(BIN)/pytest -n 2 --dist loadgroup --create-db $(PYTEST_ARGS)

test-postgres: install ## Run the suite on the local PostgreSQL only
	DATABASE_URL=$(POSTGRES_URL) $(BIN)/pytest -n 2 --dist loadgroup --create-db $(PYTEST_ARGS)

lint: install audit ## Check code style with Ruff, and the locked requirements' known vulnerabilities
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

audit: install ## Known vulnerabilities of the locked requirements (pip-audit; ignore list: requirements/audit-ignore.txt)
	$(BIN)/python requirements/audit.py

format: install ## Format and fix code with Ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install ## Django's system checks and missing migrations
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

check-deploy: install ## Django's deployment checks with the production settings (needs their variables)
	DJANGO_SETTINGS_MODULE=config.settings.production $(MANAGE) check --deploy --fail-level WARNING

# Under config.settings.base, which always loads: the command imports the production settings
# itself, so that missing variables are listed rather than stopping it. CHECK_ARGS=--single-server
check-production: install ## Check this server's production environment (variables, database, Redis, buckets, SMTP) and say what is missing
	CHECKED_SETTINGS_MODULE="$${DJANGO_SETTINGS_MODULE-}" DJANGO_SETTINGS_MODULE=config.settings.base $(MANAGE) check_production $(CHECK_ARGS)

bench: install ## Print SQL queries and server time of the main pages (demo content)
	$(BIN)/python bench/pages.py

.PHONY: bench-load
# BENCH_ARGS passes options through, e.g. make bench-load BENCH_ARGS="--duration 15".
bench-load: install ## Load test under gunicorn and PostgreSQL: pages vs static files (wrk, ~20 min)
	$(BIN)/python bench/load.py $(BENCH_ARGS)

lock: install ## Re-pin requirements/*.txt from the ranges in pyproject.toml
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile --quiet pyproject.toml --python-version 3.11 -o requirements/base.txt
	$(BIN)/uv pip compile --quiet pyproject.toml --group pyproject.toml:dev --python-version 3.11 -o requirements/dev.txt

messages: install ## Update the interface catalogs (locale/) from the code; then translate the new entries
	$(MANAGE) update_catalogs

check-messages: install ## Fail if a catalog lags behind the code or has untranslated entries
	$(MANAGE) check_catalogs

backup: install ## Back up the database and the uploaded files into var/backups/<date>/
	$(MANAGE) backup

restore: install ## Restore a backup: make restore BACKUP=var/backups/<date> (replaces everything)
	@test -n "$(BACKUP)" || { echo "Say which backup: make restore BACKUP=var/backups/<date>" >&2; exit 2; }
	$(MANAGE) restore "$(BACKUP)"
