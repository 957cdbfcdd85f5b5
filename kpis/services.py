"""Every change the KPI import makes: receiving a file, checking it, writing records, linking agents.

The web process reads only a sample of an upload; the whole file is parsed once, in the worker
(task `kpis.run_import`, queued by name on commit so this module never imports the tasks).
"""

import itertools
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import IO, Any, Protocol

from celery import current_app
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.core.files.storage import storages
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from notifications.services import notify
from people import access
from people.models import User
from people.selectors import active_hr

from . import presets, reading
from .matching import AgentMatcher, identifier_key
from .models import AgentIdentifier, ImportSource, KpiImport, KpiRecord
from .presets import Preset
from .validation import RECORD_FIELDS, Checker, Record, mapping_problems
from .writing import write_records

log = logging.getLogger(__name__)
PROGRESS_EVERY = 5000
PREVIEW_RECORDS = 20
RUN_TASK = "kpis.run_import"
RUNNING = (KpiImport.Status.VALIDATING, KpiImport.Status.IMPORTING)


def source_for(name: str) -> ImportSource:
    return ImportSource.objects.get_or_create(name=(name or "").strip()[:80] or "default")[0]


def resolve_mapping(
    source: ImportSource, headers: Sequence[str], *, forced_preset: str = ""
) -> tuple[Preset, dict[str, str]]:
    """(preset, mapping): a forced preset; else the source's saved mapping while it fits; else detection."""
    if forced_preset:
        forced = presets.get(forced_preset)
        return forced, forced.mapping_for(headers)
    known = set(headers)
    if source.mapping and all(
        part in known
        for column in source.mapping.values()
        if column
        for part in column.split(" + ")
    ):
        return presets.get(source.preset), dict(source.mapping)
    preset = presets.detect(headers)
    if preset is None:
        return presets.get(source.preset), {}
    return preset, preset.mapping_for(headers)


@transaction.atomic
def kpi_import_receive(
    *, source_name: str, upload: UploadedFile, sample: dict[str, Any], user: User
) -> KpiImport:
    """Store an upload (through the default storage) with the sample read from its beginning."""
    name = upload.name or "upload"  # Django names every upload; a file built by hand may lack one
    source = source_for(source_name)
    preset, mapping = resolve_mapping(source, sample["headers"])
    detected = presets.detect(sample["headers"])
    kpi_import = KpiImport(
        source=source,
        file_name=name[:200],
        uploaded_by=user,
        sample=sample,
        preset=preset.name if (mapping or detected) else "",
        channel=source.channel,
        result={"mapping": mapping, "detected": bool(detected)},
    )
    upload.seek(0)
    kpi_import.file.save(name, upload, save=False)
    kpi_import.save()
    return kpi_import


@transaction.atomic
def kpi_import_start(
    *,
    kpi_import: KpiImport,
    mapping: dict[str, str],
    preset_name: str = "",
    channel: str = "",
    confirm: bool = False,
) -> KpiImport:
    """Save the mapping for the source and queue the check (and, when confirmed, the import) in the worker."""
    source = kpi_import.source
    source.mapping = {k: v for k, v in mapping.items() if v}
    source.preset = preset_name or kpi_import.preset
    source.channel = channel
    source.save(update_fields=["mapping", "preset", "channel"])
    kpi_import.preset, kpi_import.channel, kpi_import.confirmed = source.preset, channel, confirm
    kpi_import.status, kpi_import.message = KpiImport.Status.QUEUED, ""
    kpi_import.save(update_fields=["preset", "channel", "confirmed", "status", "message"])
    pk = kpi_import.pk
    transaction.on_commit(lambda: current_app.tasks[RUN_TASK].delay(pk))
    return kpi_import


def kpi_import_remember_mapping(
    *, kpi_import: KpiImport, mapping: dict[str, str], preset_name: str, channel: str
) -> None:
    """Keep what HR chose on the mapping page while they link agents or update the preview."""
    kpi_import.result = {**kpi_import.result, "mapping": mapping}
    kpi_import.preset, kpi_import.channel = preset_name, channel
    kpi_import.save(update_fields=["result", "preset", "channel"])


def kpi_import_reopen(*, kpi_import: KpiImport) -> KpiImport:
    """Back to the mapping page; only a checked or failed import can be mapped again."""
    KpiImport.objects.filter(
        pk=kpi_import.pk,
        status__in=[KpiImport.Status.CHECKED, KpiImport.Status.FAILED],
        sample__has_key="headers",
    ).update(
        status=KpiImport.Status.UPLOADED,
        confirmed=False,
        message="",
        result={**kpi_import.result, "mapping": kpi_import.source.mapping},
    )
    kpi_import.refresh_from_db()
    return kpi_import


@transaction.atomic
def identifiers_link(*, kpi_import: KpiImport, links: dict[str, int], by: User) -> int:
    """Remember which agent each unmatched identifier means (for this source), then check the file again:
    HR, who import key figures."""
    access.require_hr(by)
    agents = dict(access.agents().filter(pk__in=links.values()).values_list("pk", "pk"))
    linked = 0
    for identifier, agent_id in links.items():
        if agent_id in agents and identifier_key(identifier):
            AgentIdentifier.objects.update_or_create(
                source=kpi_import.source,
                identifier=identifier_key(identifier)[:200],
                defaults={"agent_id": agent_id},
            )
            linked += 1
    if linked and kpi_import.status != KpiImport.Status.UPLOADED:
        kpi_import_start(
            kpi_import=kpi_import,
            mapping=kpi_import.source.mapping,
            preset_name=kpi_import.preset,
            channel=kpi_import.channel,
            confirm=False,
        )
    return linked


@dataclass
class Report:
    rows: int = 0
    records: int = 0
    changed: int = 0
    errors: list[list[int | str]] = field(default_factory=list)  # [line, message]
    error_count: int = 0
    skipped: list[list[int | str]] = field(default_factory=list)  # [line, reason]
    skipped_count: int = 0
    unmatched: dict[str, int] = field(default_factory=dict)  # identifier → rows
    preview: list[dict[str, object]] = field(default_factory=list)
    problems: list[str] = field(
        default_factory=list
    )  # the mapping does not fit: nothing was checked
    preset: str = ""
    mapping: dict[str, str] = field(default_factory=dict)


class Progress(Protocol):
    """Told every PROGRESS_EVERY rows how many were read, and once when writing starts."""

    def __call__(self, count: int, writing: bool = False) -> None: ...


def import_file(
    handle: IO[bytes],
    name: str,
    *,
    source: ImportSource,
    preset_name: str = "",
    force_preset: bool = False,
    mapping: dict[str, str] | None = None,
    channel: str = "",
    period: str = KpiRecord.Period.WEEK,
    write: bool = True,
    on_progress: Progress | None = None,
) -> Report:
    """Read, check and (when every row is fine and `write`) write a whole file. All rows or none.

    Without a mapping, the source's saved one is used while it fits the headers, else the preset
    detected from them (`force_preset`: the named preset, whatever was saved).
    """
    hint = presets.PRESETS.get(preset_name or source.preset)
    sheet = reading.read_all(name, handle, preset=hint)
    if mapping:
        preset = presets.get(preset_name or source.preset)
    else:
        preset, mapping = resolve_mapping(
            source, sheet.headers, forced_preset=preset_name if force_preset else ""
        )
    report = Report(preset=preset.name, mapping=mapping)
    report.problems = mapping_problems(preset, mapping, sheet.headers, channel=channel)
    if report.problems:
        return report
    matcher = AgentMatcher(source)
    checker = Checker(
        preset=preset,
        mapping=mapping,
        headers=sheet.headers,
        matcher=matcher,
        today=timezone.localdate(),
        channel=channel,
        period=period,
    )
    feed = checker.feed
    for count, (number, cells) in enumerate(sheet.rows, start=1):
        feed(number, cells)
        if on_progress and count % PROGRESS_EVERY == 0:
            on_progress(count)
    outcome = checker.outcome
    report.rows, report.records = outcome.rows, len(checker.records)
    report.errors, report.error_count = outcome.errors, outcome.error_count
    report.skipped, report.skipped_count, report.unmatched = (
        outcome.skipped,
        outcome.skipped_count,
        outcome.unmatched,
    )
    report.preview = [
        _preview(r, matcher) for r in itertools.islice(checker.results(), PREVIEW_RECORDS)
    ]
    if write and not outcome.error_count and checker.records:
        if on_progress:
            on_progress(report.rows, writing=True)
        report.changed = write_records(checker.rows(), period=period, source=source.name)
    return report


def _preview(record: Record, matcher: AgentMatcher) -> dict[str, object]:
    return {
        "agent": matcher.name_of(record.agent_id),
        "period_start": record.period_start.isoformat(),
        "channel": record.channel,
        "contacts": record.contacts,
        "aht_seconds": record.aht_seconds,
        "fcr": record.fcr,
        "csat": record.csat,
        "csat_answers": record.csat_answers,
        "qa_score": record.qa_score,
    }


def kpi_import_run(import_id: int) -> str:
    """The worker's part: claim the import, read the whole file once, check it, write it when confirmed.

    Whatever goes wrong ends in the visible "failed" state with a message; a message that arrives
    again for an import another worker started (and lost) marks that import as interrupted.
    """
    claimed = KpiImport.objects.filter(pk=import_id, status=KpiImport.Status.QUEUED).update(
        status=KpiImport.Status.VALIDATING, started_at=timezone.now(), processed_rows=0
    )
    kpi_import = KpiImport.objects.select_related("source", "uploaded_by").get(pk=import_id)
    if not claimed:
        if kpi_import.status in RUNNING:
            _finish(
                kpi_import,
                KpiImport.Status.FAILED,
                message=_("The import was interrupted. Please start it again."),
            )
        return kpi_import.status
    language = getattr(kpi_import.uploaded_by, "preferred_language", "") or settings.LANGUAGE_CODE
    with translation.override(language):
        try:
            return _run(kpi_import).status
        except Exception:  # the import must never stay "checking" or "importing"
            log.exception("KPI import %s failed", import_id)
            return _finish(
                kpi_import,
                KpiImport.Status.FAILED,
                message=_(
                    "The import stopped because of an unexpected problem. Nothing was imported."
                ),
            ).status


def _run(kpi_import: KpiImport) -> KpiImport:
    def progress(count: int, writing: bool = False) -> None:
        fields = {"status": KpiImport.Status.IMPORTING} if writing else {}
        KpiImport.objects.filter(pk=kpi_import.pk).update(processed_rows=count, **fields)

    try:
        with kpi_import.file.open("rb") as handle:
            report = import_file(
                handle,
                kpi_import.file_name,
                source=kpi_import.source,
                preset_name=kpi_import.preset,
                channel=kpi_import.channel,
                write=kpi_import.confirmed,
                on_progress=progress,
            )
    except reading.FileProblem as problem:
        return _finish(kpi_import, KpiImport.Status.FAILED, message=str(problem)[:300])
    result = {
        **kpi_import.result,
        "preview": report.preview,
        "unmatched": sorted(report.unmatched.items())[:500],
        "skipped": report.skipped,
        "skipped_count": report.skipped_count,
        "records": report.records,
    }
    if report.problems:
        return _finish(
            kpi_import,
            KpiImport.Status.FAILED,
            message=" ".join(report.problems)[:300],
            result=result,
        )
    common = {
        "total_rows": report.rows,
        "processed_rows": report.rows,
        "errors": report.errors,
        "error_count": report.error_count,
        "result": result,
    }
    if report.error_count:
        return _finish(
            kpi_import,
            KpiImport.Status.FAILED,
            **common,
            message=_("%(count)s problem(s) found; nothing was imported.")
            % {"count": report.error_count},
        )
    if not kpi_import.confirmed:
        return _finish(
            kpi_import,
            KpiImport.Status.CHECKED,
            **common,
            message=_("All rows are fine: %(records)s record(s) ready to import.")
            % {"records": report.records},
        )
    return _finish(
        kpi_import,
        KpiImport.Status.DONE,
        **common,
        imported_rows=report.records,
        changed_rows=report.changed,
        message=_("%(records)s record(s) imported, %(changed)s of them new or changed.")
        % {"records": report.records, "changed": report.changed},
    )


def _finish(kpi_import: KpiImport, status: str, **fields: Any) -> KpiImport:
    KpiImport.objects.filter(pk=kpi_import.pk).update(status=status, **fields)
    kpi_import.refresh_from_db()
    if status == KpiImport.Status.FAILED and kpi_import.origin == KpiImport.Origin.PICKUP:
        transaction.on_commit(lambda: notify_failure(kpi_import))
    return kpi_import


def notify_failure(kpi_import: KpiImport) -> int:
    """Tell every HR person once that a picked-up file was not imported."""

    claimed = KpiImport.objects.filter(pk=kpi_import.pk, failure_notified_at__isnull=True).update(
        failure_notified_at=timezone.now()
    )
    if not claimed:
        return 0
    recipients = active_hr()
    for recipient in recipients:
        notify(
            recipient=recipient,
            kind="kpi_import_failed",
            template="kpis/email/import_failed",
            url=kpi_import.get_absolute_url(),
            context={"kpi_import": kpi_import},
        )
    return len(recipients)


def pickup_run() -> dict[str, int]:
    """The nightly pick-up: every source with a folder; each new CSV/XLSX file there is imported once."""
    fail_stale_imports()
    counts = {"found": 0, "imported": 0, "failed": 0}
    for source in ImportSource.objects.exclude(pickup_prefix=""):
        for path in _new_files(source):
            kpi_import = _claim_file(source, path)
            if kpi_import is None:
                continue
            counts["found"] += 1
            status = kpi_import_run(kpi_import.pk)
            counts["imported" if status == KpiImport.Status.DONE else "failed"] += 1
    return counts


def _new_files(source: ImportSource) -> list[str]:
    try:
        storage = storages[source.pickup_storage or "default"]
        prefix = source.pickup_prefix.strip("/")
        _dirs, files = storage.listdir(prefix)
    except (
        Exception
    ):  # a missing folder or an unreachable bucket: reported below, tried again tomorrow
        log.exception("KPI pick-up: cannot list %s for %s", source.pickup_prefix, source)
        return []
    seen = set(
        KpiImport.objects.filter(source=source)
        .exclude(pickup_path="")
        .values_list("pickup_path", flat=True)
    )
    paths = [
        f"{prefix}/{name}" if prefix else name
        for name in sorted(files)
        if name.lower().endswith((".csv", ".txt", ".xlsx"))
    ]
    return [p for p in paths if p not in seen]


def _claim_file(source: ImportSource, path: str) -> KpiImport | None:
    storage = storages[source.pickup_storage or "default"]
    name = path.rsplit("/", 1)[-1]
    try:
        with transaction.atomic():
            kpi_import = KpiImport.objects.create(
                source=source,
                file_name=name[:200],
                origin=KpiImport.Origin.PICKUP,
                pickup_path=path[:300],
                preset=source.preset,
                channel=source.channel,
                confirmed=True,
                status=KpiImport.Status.QUEUED,
            )
    except IntegrityError:
        return None  # another worker took it
    try:
        with storage.open(path, "rb") as handle:
            kpi_import.file.save(name, File(handle), save=True)
    except Exception:
        log.exception("KPI pick-up: cannot read %s", path)
        _finish(
            kpi_import,
            KpiImport.Status.FAILED,
            message=_("The file could not be read from the pick-up folder."),
        )
        return None
    return kpi_import


def fail_stale_imports() -> int:
    """Imports a lost worker left "checking" or "importing" for longer than a task may run are failed."""
    limit = getattr(settings, "CELERY_TASK_TIME_LIMIT", 900) or 900
    cutoff = timezone.now() - timedelta(seconds=limit + 300)
    stale = KpiImport.objects.filter(status__in=RUNNING, started_at__lt=cutoff)
    return stale.update(
        status=KpiImport.Status.FAILED,
        message=_("The import was interrupted. Please start it again."),
    )


def kpi_records_upsert(
    *,
    actor: User,
    records: list[list[object]],
    source_name: str,
    period: str = KpiRecord.Period.WEEK,
) -> Report:
    """Records sent as rows of RECORD_FIELDS (the API's bulk upload), checked by the same checker as a
    file in the portal's own format, within the same limits; written all or none, like an import."""
    if not access.may_import_kpis(actor):
        raise PermissionDenied
    if len(records) > reading.limit("MAX_ROWS"):
        raise reading.FileProblem(
            _("More than %(rows)s records; send them in parts.")
            % {"rows": reading.limit("MAX_ROWS")}
        )
    source = source_for(source_name)
    preset = presets.OWN
    mapping = {name: name for name in RECORD_FIELDS}
    checker = Checker(
        preset=preset,
        mapping=mapping,
        headers=RECORD_FIELDS,
        matcher=AgentMatcher(source),
        today=timezone.localdate(),
        period=period,
    )
    checker.feed_values(records)
    outcome = checker.outcome
    report = Report(
        rows=outcome.rows,
        records=len(checker.records),
        errors=outcome.errors,
        error_count=outcome.error_count,
        skipped=outcome.skipped,
        skipped_count=outcome.skipped_count,
        unmatched=outcome.unmatched,
        preset=preset.name,
        mapping=mapping,
    )
    if not outcome.error_count and checker.records:
        report.changed = write_records(checker.rows(), period=period, source=source.name)
    return report
