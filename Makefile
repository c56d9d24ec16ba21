# The two commands a newcomer needs: `make run` and `make test`.
# Everything is installed into the project (.venv/, node_modules/); nothing is global.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.ONESHELL:
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

PYTHON ?= python3
# Pinned so every machine installs the lock file with the same resolver.
UV_VERSION ?= 0.13.9
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
RUFF := $(VENV)/bin/ruff
CELERY := $(VENV)/bin/celery
VENV_STAMP := $(VENV)/.installed-requirements-dev.lock
NODE_STAMP := node_modules/.installed-package-lock
NODE_INPUTS := package.json $(wildcard package-lock.json)
HOST ?= 127.0.0.1
PORT ?= 8000

# Returns success when $DEBUG reads as on (the same words rkkp_portal/environment.py accepts).
is_debug = case "$$(echo "$${DEBUG:-}" | tr '[:upper:]' '[:lower:]')" in 1|true|on) true;; *) false;; esac

.PHONY: help venv node lock messages setup run services test fmt lint audit var bench-outbox bench-pages

help:
	@echo "make run    set up everything, load demo data and serve http://$(HOST):$(PORT)"
	@echo "make test   lint, check migrations and run the whole test suite on PostgreSQL and SQLite"
	@echo "make setup  install Python packages (.venv) and front-end assets (node_modules)"
	@echo "make lock   regenerate requirements.lock and requirements-dev.lock from pyproject.toml"
	@echo "make fmt    format and auto-fix with ruff;  make lint  check only"
	@echo "make audit  bandit over the apps, pip-audit over requirements.lock (part of make test)"

venv: $(VENV_STAMP)

# Development and CI install the dev lock (tests, ruff); production images use requirements.lock.
$(VENV_STAMP): requirements-dev.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"
	$(UV) pip sync --python $(PY) requirements-dev.lock
	touch $@

node: $(NODE_STAMP)

$(NODE_STAMP): $(NODE_INPUTS)
	@if [ -f package-lock.json ]; then
		echo "npm ci"
		npm ci --no-audit --no-fund --loglevel=error
	else
		echo "npm install (no package-lock.json)"
		npm install --no-audit --no-fund --loglevel=error
	fi
	touch $@

# With every file's hash: the image installs with --require-hashes (Dockerfile), so a
# package changed on the index after locking fails the build instead of being installed.
# The dev lock is constrained to the production pins: tests run what the image ships.
lock: $(UV)
	$(UV) pip compile pyproject.toml --python-version 3.11 --generate-hashes -o requirements.lock
	$(UV) pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes \
		--constraint requirements.lock -o requirements-dev.lock

$(UV):
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

# Compiling catalogues does not depend on any setting, so DEBUG=1 spares it a SECRET_KEY.
messages: venv
	@if find locale -name '*.po' -print -quit 2>/dev/null | grep -q .; then
		echo "+ manage.py compilemessages"
		DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules
	fi

setup: venv node messages

var:
	mkdir -p var

run: export DEBUG ?= 1
# `make run` serves plain http on localhost even with DEBUG=0; production sits behind TLS.
run: export SECURE_SSL_REDIRECT ?= 0
run: export SESSION_COOKIE_SECURE ?= 0
# Links in letters and calendar feeds point where this serves, unless SITE_URL says otherwise.
run: export SITE_URL ?= http://$(HOST):$(PORT)
run: setup var
	@echo "+ manage.py migrate"
	$(PY) manage.py migrate --noinput
	echo "+ manage.py seed_demo"
	$(PY) manage.py seed_demo
	if ! $(is_debug); then
		echo "+ manage.py collectstatic"
		$(PY) manage.py collectstatic --noinput --verbosity 0
	fi
	pids=()
	stop_jobs() {
		if [ $${#pids[@]} -gt 0 ]; then
			echo "Stopping Celery (pids $${pids[*]})"
			kill -TERM "$${pids[@]}" 2>/dev/null || true
			wait "$${pids[@]}" 2>/dev/null || true
		fi
	}
	trap stop_jobs EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
	if [ -n "$${REDIS_URL:-}" ]; then
		echo "+ celery worker and beat (REDIS_URL is set)"
		$(CELERY) -A rkkp_portal worker -l info --concurrency 2 &
		pids+=($$!)
		$(CELERY) -A rkkp_portal beat -l info --schedule var/celerybeat-schedule &
		pids+=($$!)
	else
		echo "REDIS_URL is not set: jobs run in-process, letters are printed to this console"
	fi
	echo "Serving http://$(HOST):$(PORT)/ (DEBUG=$${DEBUG}); stop with Ctrl-C"
	if $(is_debug); then
		$(PY) manage.py runserver $(HOST):$(PORT)
	else
		$(VENV)/bin/gunicorn rkkp_portal.wsgi -c gunicorn.conf.py --bind $(HOST):$(PORT)
	fi

# What `make test` needs on this machine (PostgreSQL, Redis, Chromium, Java …): checked, and
# started or installed where it can be, or a stop naming the command that installs it.
services:
	.ci/services $(TEST_DATABASES)

# Tests run production-like (DEBUG off, hashed static files), in two passes: on PostgreSQL
# with Redis, as in production (pytest-django creates and drops test_<name> itself), and on
# the embedded default `make run` uses: SQLite (its test database in memory), no Redis,
# jobs run eagerly. Tests marked postgresql, and those needing Redis, are skipped and
# counted in the second pass. TEST_DATABASES=sqlite (or postgresql) runs one pass.
TEST_DATABASES ?= postgresql sqlite
test: export DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/rkkp_portal
test: export REDIS_URL ?= redis://127.0.0.1:6379/15
test: export DEBUG ?= 0
test: export SECRET_KEY ?= insecure-key-for-the-test-suite-only
test: services setup var audit
	$(RUFF) check .
	$(RUFF) format --check .
	$(PY) manage.py makemigrations --check --dry-run
	if ! $(is_debug); then
		$(PY) manage.py collectstatic --noinput --verbosity 0
	fi
	status=0
	summary=()
	for database in $(TEST_DATABASES); do
		case "$$database" in
			postgresql) pass=(env) ;;
			sqlite) pass=(env DATABASE_URL=sqlite:///$(CURDIR)/var/test.sqlite3 REDIS_URL=) ;;
			*) echo "TEST_DATABASES: $$database is neither postgresql nor sqlite"; exit 2 ;;
		esac
		echo "+ pytest, $$database pass"
		started=$$SECONDS
		outcome=0
		"$${pass[@]}" $(PY) -m pytest $(PYTEST_ARGS) || outcome=$$?
		summary+=("$$database pass: exit $$outcome in $$(( (SECONDS - started) / 60 )) min $$(( (SECONDS - started) % 60 )) s")
		[ "$$outcome" = 0 ] || status=$$outcome
	done
	printf '%s\n' "$${summary[@]}"
	exit $$status

fmt: venv
	$(RUFF) format .
	$(RUFF) check --fix .

lint: venv
	$(RUFF) check .
	$(RUFF) format --check .

# Security audit, part of `make test`. bandit: settings and the checks left to ruff's S
# rules in pyproject.toml [tool.bandit]. pip-audit: the production pins (requirements.lock,
# what the image installs) against PyPI's advisory feed; needs https://pypi.org. A pin the
# feed cannot answer for is listed as skipped; AUDIT_STRICT=1 turns a skip into a failure.
audit: venv
	$(VENV)/bin/bandit -r rkkp_portal steering regions representatives gunicorn.conf.py manage.py \
		-c pyproject.toml -q
	$(VENV)/bin/pip-audit -r requirements.lock --disable-pip --no-deps --progress-spinner off \
		$(if $(filter 1,$(AUDIT_STRICT)),--strict)

# Not a test: 10,000 welcome letters through the outbox and a real worker, beside raw
# smtplib (tests/benchmarks/bench_outbox.py; needs PostgreSQL and redis-server).
bench-outbox: venv
	$(PY) tests/benchmarks/bench_outbox.py $(BENCH_ARGS)

# Not a test: the main pages against the admin's changelists under 8 concurrent clients,
# on seed_demo --scale 10 served by gunicorn (tests/benchmarks/bench_pages.py; needs
# PostgreSQL; drops and recreates rkkp_bench_pages). Exits 1 when a target is missed.
bench-pages: setup
	$(PY) tests/benchmarks/bench_pages.py $(BENCH_ARGS)
