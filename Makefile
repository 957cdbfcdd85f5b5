# Two commands: `make run` (set up and serve the demo) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run test install migrate demo translations messages check-translations worker clean

$(STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

install: $(STAMP)

translations: install
	$(BIN)/python manage.py compile_translations

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py seed_demo

# Web server plus a Celery worker with embedded beat on the filesystem broker:
# reminders run without Redis, through the same tasks as in production.
run: translations demo
	@echo "Serving on http://127.0.0.1:$(PORT)  (demo logins: lead@demo.example, agent@demo.example, hr@demo.example, admin@demo.example; password demo1234)"
	$(BIN)/celery -A portal worker -B --pool solo --loglevel INFO & WORKER=$$!; \
	trap 'kill $$WORKER 2>/dev/null' EXIT INT TERM; \
	DEBUG=$${DEBUG:-true} $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

worker: install
	$(BIN)/celery -A portal worker -B --pool solo --loglevel INFO

test: translations
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/python -m pytest $(PYTEST_ARGS)

# Developer tools (need GNU gettext): refresh the catalogs and check they are complete.
messages: install
	$(BIN)/python manage.py makemessages --locale=de --no-obsolete --no-location --ignore=.venv --ignore=var --ignore=tests --ignore=static

check-translations: install
	$(BIN)/python manage.py check_translations

clean:
	rm -rf $(VENV) var

# Speed on a given database (DATABASE_URL): every main page against a baseline page, the reminder
# sweep, the exports, the KPI import and the seed. BENCH_ARGS="--agents 5000 --years 3" seeds an
# empty database at that size; see bench/__init__.py. Timings live here, never in `make test`.
.PHONY: bench
bench: translations
	$(BIN)/python -m bench $(BENCH_ARGS)
