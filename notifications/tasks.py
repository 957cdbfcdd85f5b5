from celery import shared_task

from . import backoff, services


# Time limits from settings.CELERY_TASK_ANNOTATIONS (shorter than the claim lease). While the database
# is unreachable (a restart, a failover) the sweep tries again with growing waits for
# REMINDER_SWEEP_DATABASE_RETRY_SECONDS, and each new attempt takes over the claims of the one before.
@shared_task(name="notifications.send_reminders", bind=True, acks_late=True, max_retries=None)
def send_reminders(self, resume=None) -> dict:
    """The reminder sweep; safe to run twice or concurrently (see notifications/sweep.py)."""
    try:
        return services.sweep(resume=resume).as_dict()
    except services.DatabaseLost as lost:
        countdown = backoff.database_retry_countdown(self.request.retries)
        if countdown is None:
            raise
        # Not the beat message's expiry (one sweep interval): the retry must outlive the outage.
        raise self.retry(
            exc=lost, countdown=countdown, kwargs={"resume": lost.resume}, expires=None
        ) from lost
