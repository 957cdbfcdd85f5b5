from celery import shared_task

from . import webhooks


# Time limits from settings.CELERY_TASK_ANNOTATIONS (shorter than the claim lease).
@shared_task(name="api.deliver_webhooks", acks_late=True)
def deliver_webhooks() -> dict:
    """Deliver due webhooks; safe to run twice or concurrently (see api/webhooks.py)."""
    return webhooks.deliver().as_dict()
