# newsapi: `make run` serves the seeded API on http://127.0.0.1:8000, `make test` runs the tests.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: run test test-browser serve-prod install install-dev db seed serve check-schema evaluate clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt requirements.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

db: install
	$(BIN)/python manage.py migrate --noinput

seed: db
	$(BIN)/python manage.py import_articles seeds/

serve: install
	$(BIN)/python manage.py runserver $(HOST)

run: seed serve

test: install-dev
	$(BIN)/python -m pytest

# Only the real-browser tests (tests/browser/; need /usr/bin/chromium, see docs/testing.md).
test-browser: install-dev
	$(BIN)/python -m pytest -m browser tests/browser

# Production-style: gunicorn (gunicorn.conf.py) on DATABASE_URL, DEBUG off; needs SECRET_KEY and ALLOWED_HOSTS.
serve-prod: install
	DEBUG=0 $(BIN)/python manage.py migrate --noinput
	DEBUG=0 $(BIN)/python manage.py collectstatic --noinput
	DEBUG=0 $(BIN)/gunicorn newsapi.wsgi:application -c gunicorn.conf.py

check-schema: install
	$(BIN)/python manage.py spectacular --validate --fail-on-warn --file /dev/null

evaluate: install
	$(BIN)/python manage.py evaluate tests/gold --raw seeds

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles test-artifacts
