# Two commands: `make run` (set up and serve the demo) and `make test` (the whole suite).
# `make dev` is the development server with debug pages.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed
SECRET_KEY_FILE ?= var/secret_key
# The environment of make run: a product on plain HTTP at 127.0.0.1:PORT.
PRODUCT_ENV = DEBUG=false SECRET_KEY="$$(cat $(SECRET_KEY_FILE))" \
	SITE_URL="$${SITE_URL:-http://127.0.0.1:$(PORT)}" \
	SECURE_SSL_REDIRECT="$${SECURE_SSL_REDIRECT:-false}" SECURE_HSTS_SECONDS="$${SECURE_HSTS_SECONDS:-0}" \
	SESSION_COOKIE_SECURE="$${SESSION_COOKIE_SECURE:-false}" CSRF_COOKIE_SECURE="$${CSRF_COOKIE_SECURE:-false}"

.PHONY: run test install migrate demo translations messages check-translations worker clean dev static browser loadtest screenshots

$(STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

install: $(STAMP)

translations: install $(SECRET_KEY_FILE)
	$(BIN)/python manage.py compile_translations

migrate: install $(SECRET_KEY_FILE)
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py seed_demo

# make run serves the portal as a product: gunicorn, no debug pages, static files by
# whitenoise, one reminder sweep at start, then a Celery worker with embedded beat on the
# filesystem broker (reminders without Redis, through the same tasks as in production).
# Plain HTTP on this machine: cookies are Secure only when you set the variables for HTTPS.
run: demo static
	@echo "Serving on http://127.0.0.1:$(PORT)  (demo logins: lead@demo.example, agent@demo.example, hr@demo.example, admin@demo.example; password demo1234)"
	@export $(PRODUCT_ENV); \
	$(BIN)/python manage.py send_reminders; \
	$(BIN)/celery -A portal worker -B --pool solo --loglevel INFO & WORKER=$$!; \
	trap 'kill $$WORKER 2>/dev/null' EXIT INT TERM; \
	$(BIN)/gunicorn portal.wsgi:application --bind 127.0.0.1:$(PORT) --workers 2 --access-logfile -

# make dev: Django's development server with debug pages and auto-reload, plus the worker.
dev: translations demo
	@echo "Development server on http://127.0.0.1:$(PORT) (DEBUG on)"
	$(BIN)/celery -A portal worker -B --pool solo --loglevel INFO & WORKER=$$!; \
	trap 'kill $$WORKER 2>/dev/null' EXIT INT TERM; \
	DEBUG=$${DEBUG:-true} $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# A secret key for make run, made once on this machine and kept out of git (var/ is ignored).
$(SECRET_KEY_FILE):
	mkdir -p $(dir $@)
	umask 077; $(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

static: translations $(SECRET_KEY_FILE)
	export $(PRODUCT_ENV); $(BIN)/python manage.py collectstatic --noinput --verbosity 0

# The browser tests drive the system's Chromium or Chrome, CHROMIUM, or Playwright's own
# Chromium, downloaded here when nothing else is there (never in CI).
browser: install
	$(BIN)/python -m tests.e2e.browser

worker: install
	$(BIN)/celery -A portal worker -B --pool solo --loglevel INFO

test: translations browser
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/python -m pytest $(PYTEST_ARGS)

# Developer tools (need GNU gettext): refresh the catalogs and check they are complete.
messages: install
	$(BIN)/python manage.py makemessages --locale=de --no-obsolete --no-location --ignore=.venv --ignore=var --ignore=tests --ignore=static

check-translations: install
	$(BIN)/python manage.py check_translations

clean:
	rm -rf $(VENV) var

# Load test (bench/locustfile.py): gunicorn (4 workers) + 2 Celery workers on PostgreSQL and
# Redis, 5,000 agents, 100 simulated people for 60 s. Needs DATABASE_URL and REDIS_URL.
loadtest: translations
	$(BIN)/python scripts/loadtest.py

# The README's screenshots in German and English (docs/screenshots/): the demo in a throwaway SQLite
# database, the development server and the browser tests' Chromium; see scripts/screenshots.py.
screenshots: translations
	$(BIN)/python scripts/screenshots.py

# Speed on a given database (DATABASE_URL): every main page against a baseline page, the reminder
# sweep, the exports, the KPI import and the seed. BENCH_ARGS="--agents 5000 --years 3" seeds an
# empty database at that size; see bench/__init__.py. Timings live here, never in `make test`.
.PHONY: bench
bench: translations
	$(BIN)/python -m bench $(BENCH_ARGS)
