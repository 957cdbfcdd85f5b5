from celery import shared_task
from django.db import DatabaseError

from . import services


# The sweep is idempotent, so a database hiccup simply means: try again shortly. Its time
# limits come from settings.CELERY_TASK_ANNOTATIONS (shorter than the claim lease).
@shared_task(
    name="notifications.send_reminders",
    acks_late=True,
    autoretry_for=(DatabaseError,),
    retry_backoff=True,
    max_retries=3,
)
def send_reminders() -> dict:
    """The reminder sweep; safe to run twice or concurrently (see notifications/sweep.py)."""
    return services.sweep().as_dict()
