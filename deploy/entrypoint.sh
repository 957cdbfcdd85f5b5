#!/bin/sh
# Start of every portal container: wait for the database, migrate, create the first
# administrator (ADMIN_EMAIL, ADMIN_PASSWORD) when there is none, seed the demo only when
# SEED_DEMO=true, then run the given command (gunicorn by default).
# MIGRATE_ON_START=false leaves migrations to one job (Kubernetes) and only waits.
# CI runs this very script outside a container (tests/ops/test_entrypoint.py).
set -eu
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python}"

# Prometheus counts of several gunicorn workers meet in one folder, emptied at each start.
if [ -n "${PROMETHEUS_MULTIPROC_DIR:-}" ]; then
    rm -rf "$PROMETHEUS_MULTIPROC_DIR"
    mkdir -p "$PROMETHEUS_MULTIPROC_DIR"
fi

"$PYTHON" manage.py wait_for_database --timeout "${DATABASE_WAIT_SECONDS:-60}"
if [ "${MIGRATE_ON_START:-true}" = "true" ]; then
    "$PYTHON" manage.py migrate --noinput
    "$PYTHON" manage.py create_first_admin
    if [ "${SEED_DEMO:-false}" = "true" ]; then
        "$PYTHON" manage.py seed_demo
    fi
fi
exec "$@"
