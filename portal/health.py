import logging

from django.conf import settings
from django.db import connection
from kombu import Connection

OK = "ok"
UNAVAILABLE = "unavailable"

logger = logging.getLogger(__name__)


def database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any driver error means the database cannot serve us
        logger.exception("database health check failed")
        return UNAVAILABLE
    return OK


def broker_state() -> str:
    options = getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {})
    try:
        with Connection(settings.CELERY_BROKER_URL, connect_timeout=2, transport_options=options) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception:
        logger.warning("broker health check failed", exc_info=True)
        return UNAVAILABLE
    return OK
