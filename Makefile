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
	SESSION_COOKIE_SECURE="$${SESSION_COOKIE_SECURE:-false}" CSRF_COOKIE_SECURE="$${CSRF_COOKIE_SECURE:-false}" \
	TRUSTED_PROXY_COUNT="$${TRUSTED_PROXY_COUNT:-0}"

.PHONY: run test test-without-browser install lock licences lint types migrate demo translations messages check-translations worker clean dev static browser loadtest screenshots

# Dependencies: pyproject.toml says what the portal needs, requirements/*.txt lock it with hashes
# (pip-tools; `make lock` after changing pyproject.toml). make install takes requirements/dev.txt:
# runtime, tests, operations and development tools; the image takes requirements/runtime.txt only.
LOCK := requirements/dev.txt
MIN_PYTHON := $(shell sed -n 's/^requires-python = ">=\([0-9.]*\)"/\1/p' pyproject.toml)

$(STAMP): $(LOCK)
	@v=$$($(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null); \
	if [ -z "$$v" ] || ! printf '%s\n' "$(MIN_PYTHON)" "$$v" | sort -V -C; then \
	  echo "The portal needs Python $(MIN_PYTHON) or newer, but $(PYTHON) is $${v:-not there}: install Python $(MIN_PYTHON)+ and run make install PYTHON=python$(MIN_PYTHON)." >&2; \
	  exit 1; \
	fi
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --quiet --require-hashes -r $(LOCK)
	touch $(STAMP)

install: $(STAMP)

# Lock every group with hashes from PyPI (not from a mirror this machine may be configured with):
# dev.txt holds everything; runtime.txt, tests.txt and ops.txt are subsets with the same versions.
PIP_COMPILE = PIP_CONFIG_FILE=/dev/null PIP_FIND_LINKS= $(BIN)/pip-compile --quiet --generate-hashes \
	--strip-extras --allow-unsafe --index-url https://pypi.org/simple --no-emit-index-url
lock: install
	$(PIP_COMPILE) --extra tests --extra ops --extra dev -o requirements/dev.txt pyproject.toml
	$(PIP_COMPILE) --constraint requirements/dev.txt -o requirements/runtime.txt pyproject.toml
	$(PIP_COMPILE) --constraint requirements/dev.txt --extra tests -o requirements/tests.txt pyproject.toml
	$(PIP_COMPILE) --constraint requirements/dev.txt --extra ops -o requirements/ops.txt pyproject.toml

# Lint and format (configuration in pyproject.toml); `ruff format .` and `ruff check --fix .` mend.
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Types (configuration in pyproject.toml): the rulebook, every services.py and selectors.py, core/;
# then proof that a wrong argument to a service is refused (tests/typing/wrong_service_call.py).
TYPED = core people/access $$(ls -d */services.py */selectors.py */services */selectors 2>/dev/null)
WRONG_CALL = tests/typing/wrong_service_call.py
types: install
	$(BIN)/mypy $(TYPED)
	@mkdir -p var; if $(BIN)/mypy $(WRONG_CALL) > var/wrong-call.txt 2>&1; then \
	  echo "mypy let a wrong call to a service through ($(WRONG_CALL))." >&2; exit 1; fi
	@grep -q 'Argument "note" to "note_share" has incompatible type "str"; expected "CoachingNote"' var/wrong-call.txt \
	  || { cat var/wrong-call.txt >&2; exit 1; }
	@echo "mypy refuses a wrong argument to a service ($(WRONG_CALL))."

# No runtime dependency under the GPL or the AGPL (the LGPL is fine).
licences: install
	$(BIN)/python scripts/licences.py

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
# E-mails go to files in MAIL_DIR (unless EMAIL_URL says otherwise), logs to LOG_DIR; the terminal
# ends with the address and the demo logins (scripts/run.sh).
MAIL_DIR ?= var/mail
LOG_DIR ?= var/log
run: demo static
	@export $(PRODUCT_ENV) EMAIL_URL="$${EMAIL_URL:-filemail:///$(abspath $(MAIL_DIR))}"; \
	BIN=$(BIN) PORT=$(PORT) MAIL_DIR=$(MAIL_DIR) LOG_DIR=$(LOG_DIR) sh scripts/run.sh

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

# The suite in parallel: one pytest worker per core (TEST_WORKERS=1 for one process), each with a
# database of its own; tests that share an expensive module fixture stay on one worker (xdist_group);
# the 25 slowest tests are listed at the end, so CI shows where its time goes.
# Without a browser, make test says so, runs every other test and fails at the end; make
# test-without-browser runs those others alone.
TEST_WORKERS ?= auto
PYTEST = DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadgroup --durations=25
NO_BROWSER = The browser journeys cannot run without a browser (see the line above), so every other test runs now: make test-without-browser runs just those.
test: translations
	@if $(BIN)/python -m tests.e2e.browser; then \
	  $(PYTEST) $(PYTEST_ARGS); \
	else \
	  echo "$(NO_BROWSER)" >&2; \
	  $(PYTEST) -m "not e2e" $(PYTEST_ARGS) || exit $$?; \
	  echo "make test: every test without a browser passed; the browser journeys did not run (no browser)." >&2; \
	  exit 1; \
	fi

test-without-browser: translations
	$(PYTEST) -m "not e2e" $(PYTEST_ARGS)

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
