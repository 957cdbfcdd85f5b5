from celery import shared_task

from . import retention


@shared_task(name="privacy.apply_retention")
def apply_retention():
    run = retention.apply()
    return run.counts
