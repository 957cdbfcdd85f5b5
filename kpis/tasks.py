from celery import shared_task

from . import services
from .models import KpiImport


@shared_task(name="kpis.run_import", acks_late=True)
def run_import(import_id: int) -> str:
    kpi_import = KpiImport.objects.select_related("source").get(pk=import_id)
    if kpi_import.status not in (KpiImport.Status.QUEUED, KpiImport.Status.UPLOADED):
        return kpi_import.status  # already run: a redelivered message changes nothing
    return services.kpi_import_run(kpi_import).status
