# Two commands a newcomer needs (README "Quick start"):
#   make run    set up and serve the demo on http://127.0.0.1:8000
#   make test   set up and run the whole test suite
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip

.PHONY: run test test-fast assets check worker beat clean-db python-version system-deps code

python-version:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' \
	  || { echo "Python 3.11 or newer is needed (found: $$($(PYTHON) --version)). Set PYTHON=python3.11."; exit 1; }

$(VENV)/.installed: requirements.txt | python-version
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

run: $(VENV)/.installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py runserver 127.0.0.1:8000

system-deps:
	@bash scripts/system_deps.sh

test: $(VENV)/.installed-dev system-deps
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest

# Without the browser tests, for a quick loop while working.
test-fast: $(VENV)/.installed-dev
	$(PY) -m pytest -m "not browser"

# Rebuild GOV.UK Frontend CSS/JS into static/ (needs Node.js and npm).
assets:
	bash scripts/build_assets.sh

# With Redis running and CELERY_BROKER_URL set: the background worker and scheduler.
worker: $(VENV)/.installed
	$(VENV)/bin/celery -A cme worker --loglevel=INFO
beat: $(VENV)/.installed
	$(VENV)/bin/celery -A cme beat --loglevel=INFO

# The current two-factor code of a demo account: make code EMAIL=officer@demo-council.test
code: $(VENV)/.installed
	@$(PY) manage.py demo_code $(EMAIL)

clean-db:
	rm -f var/db.sqlite3 var/db.sqlite3-wal var/db.sqlite3-shm
