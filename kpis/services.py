from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from people.models import Role, User

from . import parsing
from .models import ImportSource, KpiImport, KpiRecord

VALUE_FIELDS = ["contacts", "aht_seconds", "fcr", "csat", "csat_answers", "qa_score"]
PROGRESS_EVERY = 2000


def agents_by_email() -> dict:
    return {email.lower(): pk for pk, email in User.objects.filter(role=Role.AGENT).values_list("pk", "email")}


def upsert(results, *, period: str, source: str) -> int:
    """Insert or update every row in one transaction: re-importing the same file changes nothing."""
    records = [
        KpiRecord(agent_id=r.values["agent"], period=period, period_start=r.values["period_start"],
                  channel=r.values["channel"], source=source, **{f: r.values.get(f) for f in VALUE_FIELDS})
        for r in results
    ]
    for record in records:
        record.csat_answers = record.csat_answers or 0
    with transaction.atomic():
        KpiRecord.objects.bulk_create(
            records, batch_size=2000, update_conflicts=True,
            unique_fields=["agent", "period", "period_start", "channel"], update_fields=VALUE_FIELDS + ["source"],
        )
    return len(records)


def import_table(table, *, mapping: dict, period: str, source: str, on_progress=None):
    """Validate all rows, then import all or nothing. Returns (imported rows, list of row errors)."""
    problems = parsing.check_mapping(table, mapping)
    if problems:
        raise ValidationError(problems)
    results = parsing.validate(table, mapping, agents_by_email())
    if on_progress:
        on_progress(len(results))
    errors = [(r.number, e) for r in results for e in r.errors]
    if errors:
        return 0, errors
    return upsert(results, period=period, source=source), []


def kpi_import_run(kpi_import: KpiImport, *, period: str = KpiRecord.Period.WEEK) -> KpiImport:
    """Run an uploaded import (from the Celery task); progress is saved as it goes."""
    KpiImport.objects.filter(pk=kpi_import.pk).update(status=KpiImport.Status.VALIDATING)
    try:
        with kpi_import.file.open("rb") as handle:
            table = parsing.read_table(kpi_import.file_name, handle.read())
    except parsing.FileProblem as problem:
        return _finish(kpi_import, KpiImport.Status.FAILED, message=str(problem))
    KpiImport.objects.filter(pk=kpi_import.pk).update(total_rows=len(table.rows))

    def progress(count):
        KpiImport.objects.filter(pk=kpi_import.pk).update(processed_rows=count, status=KpiImport.Status.IMPORTING)

    try:
        imported, errors = import_table(table, mapping=kpi_import.source.mapping, period=period,
                                        source=kpi_import.source.name, on_progress=progress)
    except ValidationError as error:
        return _finish(kpi_import, KpiImport.Status.FAILED, message=" ".join(error.messages))
    if errors:
        return _finish(kpi_import, KpiImport.Status.FAILED, errors=[[n, e] for n, e in errors],
                       message=_("%(count)s problem(s) found; nothing was imported.") % {"count": len(errors)})
    return _finish(kpi_import, KpiImport.Status.DONE, imported_rows=imported,
                   message=_("%(count)s row(s) imported.") % {"count": imported})


def _finish(kpi_import, status, **fields):
    KpiImport.objects.filter(pk=kpi_import.pk).update(status=status, **fields)
    kpi_import.refresh_from_db()
    return kpi_import


@transaction.atomic
def kpi_import_start(*, kpi_import: KpiImport, mapping: dict) -> KpiImport:
    from .tasks import run_import

    source = kpi_import.source
    source.mapping = mapping
    source.save(update_fields=["mapping"])
    kpi_import.status = KpiImport.Status.QUEUED
    kpi_import.save(update_fields=["status"])
    transaction.on_commit(lambda: run_import.delay(kpi_import.pk))
    return kpi_import


def source_for(name: str) -> ImportSource:
    return ImportSource.objects.get_or_create(name=name.strip() or "default")[0]
