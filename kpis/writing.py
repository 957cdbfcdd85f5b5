"""Writing checked records in one statement: only rows whose figures differ are touched.

PostgreSQL: COPY into a temporary table, then one INSERT … ON CONFLICT … DO UPDATE … WHERE the
figures are distinct. Other databases (SQLite): the same upsert, batched through executemany.
A re-import of unchanged figures therefore changes no row and reports 0 changed.
"""

import csv
import io
import itertools
from collections.abc import Iterable

from django.db import connection, transaction
from django.utils import timezone

from .models import KpiRecord
from .validation import Record

TABLE = KpiRecord._meta.db_table
KEY = ["agent_id", "period", "period_start", "channel"]
FIGURES = ["contacts", "aht_seconds", "fcr", "csat", "csat_answers", "qa_score"]
COLUMNS = KEY + FIGURES + ["source"]
STAMP = "changed_at"  # set to the time of writing, on insert and on a change only
BATCH = 2000


def write_records(records: Iterable[Record], *, period: str, source: str) -> int:
    """Insert or update every record in one transaction; returns how many rows were inserted or changed."""
    source = source[:80] or "import"
    rows = ((r.agent_id, period, r.period_start, r.channel, *r.values(), source) for r in records)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            return _copy_and_upsert(rows)
        return _batched_upsert(rows)


def _upsert_sql(select: str, distinct: str) -> str:
    assignments = ", ".join(f"{c} = EXCLUDED.{c}" for c in FIGURES + ["source", STAMP])
    return (
        f"INSERT INTO {TABLE} ({', '.join(COLUMNS + [STAMP])}) {select} "  # nosec B608  # table and columns are constants
        f"ON CONFLICT ({', '.join(KEY)}) DO UPDATE SET {assignments} WHERE {distinct}"
    )


def _copy_and_upsert(rows) -> int:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(
        rows
    )  # None is written as an empty field, which COPY reads as NULL
    buffer.seek(0)
    with connection.cursor() as cursor:
        cursor.execute(
            "DROP TABLE IF EXISTS pg_temp.kpi_import_stage"
        )  # left by an import in the same transaction
        cursor.execute(
            "CREATE TEMPORARY TABLE kpi_import_stage (agent_id bigint, period varchar(4), period_start date, "
            "channel varchar(10), contacts integer, aht_seconds integer, fcr double precision, "
            "csat double precision, csat_answers integer, qa_score double precision, source varchar(80)) "
            "ON COMMIT DROP"
        )
        copy_sql = f"COPY kpi_import_stage ({', '.join(COLUMNS)}) FROM STDIN WITH (FORMAT csv)"
        raw = cursor.cursor
        if hasattr(raw, "copy_expert"):  # psycopg2
            raw.copy_expert(copy_sql, buffer)
        else:  # psycopg 3
            with raw.copy(copy_sql) as copy:
                copy.write(buffer.getvalue())
        distinct = (
            f"({', '.join(f'{TABLE}.{c}' for c in FIGURES)}) "
            f"IS DISTINCT FROM ({', '.join(f'EXCLUDED.{c}' for c in FIGURES)})"
        )
        select = f"SELECT {', '.join(COLUMNS)}, %s FROM kpi_import_stage"  # nosec B608  # constant columns
        cursor.execute(_upsert_sql(select, distinct), [_now()])
        return cursor.rowcount


def _batched_upsert(rows) -> int:
    placeholders = ", ".join(["%s"] * (len(COLUMNS) + 1))
    distinct = " OR ".join(f"{TABLE}.{c} IS NOT EXCLUDED.{c}" for c in FIGURES)
    sql = _upsert_sql(f"VALUES ({placeholders})", distinct)
    now = _now()
    rows = ((r[0], r[1], r[2].isoformat(), *r[3:], now) for r in rows)
    changed = 0
    with connection.cursor() as cursor:
        while batch := list(itertools.islice(rows, BATCH)):
            cursor.executemany(sql, batch)
            changed += max(cursor.rowcount, 0)
    return changed


def _now():
    """The time of this write, as the database stores a DateTimeField."""
    return connection.ops.adapt_datetimefield_value(timezone.now())
