"""Health checks for orchestrators and monitoring.

`/healthz/live` (liveness) does no I/O at all: it answers while the process serves.
`/healthz` (readiness) asks the database, the broker and the reminder e-mail
status; it answers 503 only when the database fails, since no page works without it.
Pages work without the broker (only background work waits for it), so a broker outage
is reported — in the answer and as the metric `portal_dependency_up{dependency="broker"}` — but takes no web
server out of the load balancer. The broker check takes at most HEALTH_BROKER_TIMEOUT
(250 ms by default) and its answer is kept for HEALTH_CACHE_SECONDS, so a burst of
probes never piles up on a dead broker.
"""

import logging
import os
import threading
import time
from pathlib import Path

from django.conf import settings
from django.db import connection
from prometheus_client import Gauge

from notifications.selectors import mail_status

OK = "ok"
UNAVAILABLE = "unavailable"

logger = logging.getLogger(__name__)

# 1 while a dependency answers, 0 while it does not; set whenever its state is found out (probes,
# /metrics). With several processes the latest answer wins. Labelled, so nothing is written
# before the first answer (the metrics folder stays empty until a process serves).
DEPENDENCY_UP = Gauge(
    "portal_dependency_up",
    "1 while the dependency answers, 0 while it does not",
    ["dependency"],
    multiprocess_mode="mostrecent",
)


_broker_cache: dict = {}
_broker_lock = threading.Lock()


def database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any driver error means the database cannot serve us
        logger.warning("database health check failed", exc_info=True)
        DEPENDENCY_UP.labels("database").set(0)
        return UNAVAILABLE
    DEPENDENCY_UP.labels("database").set(1)
    return OK


def broker_state() -> str:
    """The broker's state, asked at most once per HEALTH_CACHE_SECONDS in this process."""
    url = settings.CELERY_BROKER_URL
    now = time.monotonic()
    with _broker_lock:
        cached = _broker_cache.get(url)
        if cached and now - cached[1] < settings.HEALTH_CACHE_SECONDS:
            return cached[0]
    state = OK if _broker_answers(url, settings.HEALTH_BROKER_TIMEOUT) else UNAVAILABLE
    with _broker_lock:
        _broker_cache[url] = (state, time.monotonic())
    DEPENDENCY_UP.labels("broker").set(1 if state == OK else 0)
    return state


def forget_broker_state() -> None:
    with _broker_lock:
        _broker_cache.clear()


def _broker_answers(url: str, timeout: float) -> bool:
    try:
        if url.startswith(("redis://", "rediss://", "unix://")):
            return _redis_answers(url, timeout)
        if url.startswith("filesystem://"):
            return _folders_writable()
        return _kombu_answers(url, timeout)
    except Exception:
        logger.warning("broker health check failed", exc_info=True)
        return False


def _redis_answers(url: str, timeout: float) -> bool:
    """One PING without retries; connecting and answering share the time budget."""
    import redis
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    client = redis.Redis.from_url(
        url,
        socket_connect_timeout=timeout / 2,
        socket_timeout=timeout / 2,
        retry=Retry(NoBackoff(), 0),
        retry_on_timeout=False,
    )
    try:
        return bool(client.ping())
    finally:
        client.close()


def _folders_writable() -> bool:
    """The embedded default's filesystem broker is up when its folders can be written."""
    options = getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {})
    folders = {options.get("data_folder_in"), options.get("data_folder_out")} - {None}
    return all(Path(folder).is_dir() and os.access(folder, os.W_OK) for folder in folders)


def _kombu_answers(url: str, timeout: float) -> bool:
    from kombu import Connection

    options = getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {})
    with Connection(url, connect_timeout=timeout, transport_options=options) as conn:
        conn.ensure_connection(max_retries=0, timeout=timeout)
    return True


def mail_state() -> str:
    """ "failing" when the last reminder e-mails all failed (see notifications.selectors)."""

    try:
        return mail_status()
    except Exception:  # the database check reports a broken database; this one only reports on mail
        logger.warning("mail health check failed", exc_info=True)
        return UNAVAILABLE
