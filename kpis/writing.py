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

TABLE = KpiRecord._meta.db_table
KEY = ["agent_id", "period", "period_start", "channel"]
FIGURES = ["contacts", "aht_seconds", "fcr", "csat", "csat_answers", "qa_score"]
COLUMNS = KEY + FIGURES + ["source"]
STAMP = "changed_at"  # set to the time of writing, on insert and on a change only
BATCH = 2000


def write_records(rows: Iterable[tuple], *, period: str, source: str) -> int:
    """Insert or update every record in one transaction; returns how many rows were inserted or changed.

    `rows`: tuples in Record's field order (agent id, period start, channel, then FIGURES), as
    Checker.rows() makes them.
    """
    source = source[:80] or "import"
    with transaction.atomic():
        if connection.vendor == "postgresql":
            return _copy_and_upsert(rows, period=period, source=source)
        return _batched_upsert(
            (r[0], period, *r[1:], source)
            for r in rows  # in COLUMNS' order
        )


def _upsert_sql(select: str, distinct: str) -> str:
    assignments = ", ".join(f"{c} = EXCLUDED.{c}" for c in FIGURES + ["source", STAMP])
    return (
        f"INSERT INTO {TABLE} ({', '.join(COLUMNS + [STAMP])}) {select} "  # nosec B608  # table and columns are constants
        f"ON CONFLICT ({', '.join(KEY)}) DO UPDATE SET {assignments} WHERE {distinct}"
    )


def _copy_and_upsert(rows, *, period: str, source: str) -> int:
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
            "CREATE TEMPORARY TABLE kpi_import_stage (agent_id bigint, period_start date, "
            "channel varchar(10), contacts integer, aht_seconds integer, fcr double precision, "
            "csat double precision, csat_answers integer, qa_score double precision) "
            "ON COMMIT DROP"
        )
        # The period and the source are the same for every row: parameters of the INSERT, not columns.
        staged = [c for c in COLUMNS if c not in ("period", "source")]
        copy_sql = f"COPY kpi_import_stage ({', '.join(staged)}) FROM STDIN WITH (FORMAT csv)"
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
        selected = ", ".join(
            {"period": "%(period)s", "source": "%(source)s"}.get(c, c) for c in COLUMNS
        )
        select = f"SELECT {selected}, %(now)s FROM kpi_import_stage"  # nosec B608  # constant columns
        cursor.execute(
            _upsert_sql(select, distinct), {"period": period, "source": source, "now": _now()}
        )
        return cursor.rowcount


def _batched_upsert(rows) -> int:
    placeholders = ", ".join(["%s"] * (len(COLUMNS) + 1))
    distinct = " OR ".join(f"{TABLE}.{c} IS NOT EXCLUDED.{c}" for c in FIGURES)
    sql = _upsert_sql(f"VALUES ({placeholders})", distinct)
    now = _now()
    rows = ((r[0], r[1], r[2].isoformat(), *r[3:], now) for r in rows)  # COLUMNS, then STAMP
    changed = 0
    with connection.cursor() as cursor:
        while batch := list(itertools.islice(rows, BATCH)):
            cursor.executemany(sql, batch)
            changed += max(cursor.rowcount, 0)
    return changed


def _now():
    """The time of this write, as the database stores a DateTimeField."""
    return connection.ops.adapt_datetimefield_value(timezone.now())
