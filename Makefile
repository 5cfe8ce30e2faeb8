# VMDO portal. Quick start: `make run` (try it out), `make test` (the whole suite).
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check -q
MANAGE := $(PY) manage.py
# Python >= 3.12: the version in .python-version (pyenv) or the newest one on PATH.
PYTHON ?= $(shell for p in python3.13 python3.12 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
	&& { echo $$p; break; }; done)

.PHONY: help run test lint fmt messages compilemessages lock install install-dev chromium clean serve backup restore bench bench-smoke wrk

help:
	@echo "make run    - install, migrate, load demo data and serve http://127.0.0.1:8000/"
	@echo "make test   - run the whole test suite against PostgreSQL (browser tests included)"
	@echo "make lint   - ruff, migrations, translation catalogs, templates"
	@echo "make fmt    - format the code"
	@echo "make messages - update the translation catalogs"
	@echo "make lock   - re-pin constraints.txt after changing pyproject.toml"

$(PY):
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is needed (e.g. 'pyenv install 3.13')." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -c constraints.txt pip

$(VENV)/.runtime: $(PY) pyproject.toml constraints.txt
	$(PIP) install -c constraints.txt --group runtime
	@touch $@

$(VENV)/.dev: $(VENV)/.runtime
	$(PIP) install -c constraints.txt --group dev
	@touch $@

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

compilemessages: $(VENV)/.runtime
	@DEBUG=1 $(MANAGE) compilemessages -v 0 --ignore=.venv

run: $(VENV)/.runtime compilemessages
	DEBUG=1 $(MANAGE) migrate --no-input -v 0
	DEBUG=1 $(MANAGE) seed_demo
	DEBUG=1 $(MANAGE) runserver 127.0.0.1:8000

# Debian's Chromium drives the browser tests; Playwright never downloads a browser.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Chromium is missing (apt-get install chromium): browser tests will be skipped."; fi; }

test: $(VENV)/.dev compilemessages chromium
	@DATABASE_URL="$$(.ci/database-url)" && export DATABASE_URL && \
	  echo "Testing against $${DATABASE_URL%%@*}@…" && \
	  DEBUG=1 $(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DEBUG=1 DATABASE_URL=sqlite:///:memory: $(MANAGE) makemigrations --check --dry-run
	DEBUG=1 DATABASE_URL=sqlite:///:memory: $(MANAGE) check_catalogs
	DEBUG=1 DATABASE_URL=sqlite:///:memory: $(MANAGE) check_templates

fmt: $(VENV)/.dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: $(VENV)/.runtime
	DEBUG=1 $(MANAGE) makemessages --no-obsolete --ignore=.venv --ignore=tests \
	  $(foreach l,de tr ar uk ru fa pl,-l $(l))

lock: $(PY)
	$(eval TMP := $(shell mktemp -d))
	$(PYTHON) -m venv $(TMP)
	$(TMP)/bin/python -m pip install -q --upgrade pip && $(TMP)/bin/python -m pip install -q --group dev
	( echo "# Pinned versions of every package; regenerate with 'make lock'."; \
	  $(TMP)/bin/python -m pip freeze --all | grep -v '^setuptools==' ) > constraints.txt
	rm -rf $(TMP)

# The production profile on this machine: hashed static files, gunicorn, JSON logs.
serve: $(VENV)/.runtime compilemessages
	$(MANAGE) collectstatic --no-input -v 0
	$(MANAGE) migrate --no-input -v 0
	$(VENV)/bin/gunicorn -c python:vmdo_portal.gunicorn vmdo_portal.wsgi

backup: $(VENV)/.runtime
	$(MANAGE) backup

restore: $(VENV)/.runtime
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=backups/<folder>" >&2; exit 1; }
	$(MANAGE) restore $(BACKUP)

wrk:
	@command -v wrk >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
	  else echo "wrk is missing (apt-get install wrk)." >&2; exit 1; fi; }

# Benchmarks: separate databases filled by seed_demo --scale; the production profile under wrk.
BENCH_ENV = DEBUG=1 REDIS_URL=$${REDIS_URL:-redis://127.0.0.1:6379/13}

bench: $(VENV)/.dev compilemessages wrk
	@set -e; mkdir -p .tmp; export DATABASE_URL="$$(.ci/database-url)"; \
	for scale in 1 10; do \
	  url="$$($(BENCH_ENV) $(MANAGE) bench_database vmdo_bench_$$scale)"; \
	  DATABASE_URL="$$url" $(BENCH_ENV) $(MANAGE) migrate -v 0; \
	  DATABASE_URL="$$url" $(BENCH_ENV) $(MANAGE) seed_demo --no-logins --scale $$scale > /dev/null; \
	  DATABASE_URL="$$url" $(BENCH_ENV) LOG_LEVEL=WARNING $(MANAGE) bench --scale $$scale \
	    --seconds 10 --connections 16 --json .tmp/bench-$$scale.json; \
	done; \
	$(BENCH_ENV) $(MANAGE) bench_report .tmp/bench-1.json .tmp/bench-10.json

bench-smoke: $(VENV)/.dev compilemessages wrk
	@set -e; export DATABASE_URL="$$(.ci/database-url)"; \
	url="$$($(BENCH_ENV) $(MANAGE) bench_database vmdo_bench_smoke)"; \
	DATABASE_URL="$$url" $(BENCH_ENV) $(MANAGE) migrate -v 0; \
	DATABASE_URL="$$url" $(BENCH_ENV) $(MANAGE) seed_demo --no-logins > /dev/null; \
	DATABASE_URL="$$url" $(BENCH_ENV) LOG_LEVEL=WARNING $(MANAGE) bench --seconds 1 --connections 4 --smoke

clean:
	rm -rf $(VENV) staticfiles .tmp
