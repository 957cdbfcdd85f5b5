"""gunicorn in the container: `gunicorn portal.wsgi:application --config deploy/gunicorn.conf.py`."""

import os

bind = f"0.0.0.0:{os.environ.get('GUNICORN_PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
accesslog = "-"
# Requests stay short; a stuck one is ended instead of blocking a worker for good.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 25


def child_exit(server, worker):
    """Forget a finished worker's Prometheus figures, so /metrics adds up only live processes."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
