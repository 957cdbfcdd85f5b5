from celery import shared_task

from . import services


@shared_task(name="notifications.send_reminders", acks_late=True)
def send_reminders() -> dict:
    """The reminder sweep; safe to run twice or concurrently (see services.sweep)."""
    return dict(services.sweep())
