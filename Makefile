# Two commands set everything up on a fresh machine:
#   make run   create .venv, install, migrate, load reference + demo data, serve on 127.0.0.1:8000
#   make test  install and run the whole test suite
# Day to day: make test-fast (no real-data, bench-like or browser tests; about a minute) and
# make lint (ruff, formatting, import contracts); .ci/run runs make lint before make test.
# With DATABASE_URL / REDIS_URL set, the same targets use PostgreSQL and a real Celery worker.
PYTHON ?= $(shell command -v python3.11 || command -v python3.12 || command -v python3.13 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-fast lint lock install migrate data budget-data worker beat bench bench-load bench-pages messages clean

# Installs the exact versions the tests passed with (requirements-dev.lock, made by pip-compile
# from requirements-dev.txt); re-runs whenever the lock changes. `make lock` re-resolves after an
# edit of requirements*.txt.
$(STAMP): requirements-dev.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is needed (found %s)" % sys.version.split()[0])'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.lock
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(PY) manage.py migrate --noinput

data: migrate
	$(PY) manage.py load_reference
	HOST=$(HOST) PORT=$(PORT) $(PY) manage.py load_demo

run: data
	@echo "Demo users and password above; admin at http://$(HOST):$(PORT)/admin/"
	@if [ -n "$$REDIS_URL" ]; then echo "REDIS_URL is set: start a worker with 'make worker' in another shell"; fi
	$(PY) manage.py runserver $(HOST):$(PORT)

# The real FY2565 budget documents from ../shared/data (never copied into the project): budget
# lines, the provincial and cluster volumes as requests, and a full-year duplicate screening.
SHARED_DATA ?= ../shared/data/fy2565_budget_lines.csv.gz
budget-data: migrate
	@test -f $(SHARED_DATA) || { echo "$(SHARED_DATA) not found: the FY2565 data lives in ../shared/data"; exit 1; }
	$(PY) manage.py import_budget_lines $(SHARED_DATA)
	$(PY) manage.py import_requests $(SHARED_DATA) --fiscal-year 2565 --create-missing-offices
	$(PY) manage.py screen_duplicates --fiscal-year 2565 --store --output flags-2565.csv
	$(PY) manage.py assign_reviewers --fiscal-year 2565

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

# Everything but the `slow` (real data, bench-like) and `e2e` (browser) tests. Tables come straight
# from the models (no migrations hold data; `make test` still runs every migration).
test-fast: install
	$(PY) -m pytest -m "not slow and not e2e" --no-migrations $(PYTEST_ARGS)

# Lint, formatting and the import contracts of pyproject.toml (README "Architecture").
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

# Re-resolve the lock files after editing requirements.txt / requirements-dev.txt. Existing pins
# are kept where they still satisfy; --upgrade-package NAME via LOCK_ARGS moves one package. The
# runtime lock is constrained by the dev lock, so the image runs the versions the tests passed with.
LOCK_FLAGS := --quiet --no-emit-index-url --no-emit-find-links --strip-extras $(LOCK_ARGS)
lock: install
	$(VENV)/bin/pip-compile $(LOCK_FLAGS) --output-file requirements-dev.lock requirements-dev.txt
	$(VENV)/bin/pip-compile $(LOCK_FLAGS) --constraint requirements-dev.lock --output-file requirements.lock requirements.txt

worker: install
	$(VENV)/bin/celery -A portal worker --loglevel=INFO --concurrency=2 -Ofair

beat: install
	$(VENV)/bin/celery -A portal beat --loglevel=INFO

bench: install
	$(PY) bench/duplicates_eval.py
	$(PY) bench/screening.py

# The deadline-week load bench (issue 15): PostgreSQL + Redis must be running (../shared/services.sh
# or docker compose up db redis). It creates LOAD_DATABASE_URL (default load_bench), seeds 77 x 300
# requests, starts gunicorn (gunicorn.conf.py) and a Celery worker, and runs Locust at 50, 100 and
# 200 users (about 6-8 minutes). LOAD_ARGS="--levels 50 --measure 30" for a short run; --help for more.
bench-load: install
	$(PY) -m bench.load $(LOAD_ARGS)

# Page costs at 77 x 30 and 77 x 300 requests side by side (needs DATABASE_URL: PostgreSQL).
bench-pages: install
	$(PY) bench/pages_scale.py

messages: install
	$(PY) manage.py makemessages -l en --ignore=.venv --ignore=staticfiles
	$(PY) manage.py compilemessages -l en --ignore=.venv

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles

# The outside audit, kept running (issue 13): schemathesis as three personas (>= 2,000 cases)
# and the authorisation matrix over every URL pattern x persona x other tenants' objects.
.PHONY: audit
audit: install
	$(PY) bench/audit.py
