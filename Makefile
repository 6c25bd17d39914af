# Two commands set everything up on a fresh machine:
#   make run   create .venv, install, migrate, load reference + demo data, serve on 127.0.0.1:8000
#   make test  install and run the whole test suite
# With DATABASE_URL / REDIS_URL set, the same targets use PostgreSQL and a real Celery worker.
PYTHON ?= $(shell command -v python3.11 || command -v python3.12 || command -v python3.13 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install migrate data budget-data worker beat bench messages clean

$(STAMP): requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is needed (found %s)" % sys.version.split()[0])'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(PY) manage.py migrate --noinput

data: migrate
	$(PY) manage.py load_reference
	$(PY) manage.py load_demo

run: data
	@echo "Portal: http://$(HOST):$(PORT)/  (demo users and password above; admin at /admin/)"
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

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

worker: install
	$(VENV)/bin/celery -A portal worker --loglevel=INFO --concurrency=2 -Ofair

beat: install
	$(VENV)/bin/celery -A portal beat --loglevel=INFO

bench: install
	$(PY) bench/duplicates_eval.py
	$(PY) bench/screening.py

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
