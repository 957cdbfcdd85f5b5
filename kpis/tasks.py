"""Thin Celery wrappers: the services do the work and are safe to run twice."""

from celery import shared_task

from . import services


@shared_task(name="kpis.run_import", acks_late=True)
def run_import(import_id: int) -> str:
    """Check (and, once confirmed, write) an uploaded file; a redelivered message changes nothing."""
    return services.kpi_import_run(import_id)


@shared_task(name="kpis.pick_up_files", acks_late=True)
def pick_up_files() -> dict:
    """The nightly pick-up from each source's folder or S3 prefix."""
    return services.pickup_run()
