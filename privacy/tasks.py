from celery import shared_task

from . import retention, services


@shared_task(name="privacy.apply_retention")
def apply_retention():
    run = retention.apply()
    return run.counts


# Three years of a lead's records make a PDF of hundreds of pages: minutes on a busy worker, never a
# web request's concern, and never cut off by the default task limit (make bench measures it).
@shared_task(name="privacy.produce_copy", time_limit=60 * 60, soft_time_limit=55 * 60)
def produce_copy(data_request_id: int):
    """Produce a copy of personal data in the background; the person is notified when it is ready."""
    done = services.copy_produce(data_request_id)
    return done.status if done else None
