"""Fast inserts for generated data (the demo and the benchmark), never for what users type.

`BulkWriter` hands out primary keys as rows are added, so dependent rows (a note's skills, a
goal's progress notes) can refer to them at once, and writes in batches: PostgreSQL `COPY`
on PostgreSQL, `executemany` elsewhere. Memory stays flat because nothing is kept after a
batch is written. Rows skip model instances (`row(Model, field=value, ...)`), which makes
millions of rows affordable; `add(obj)` takes an unsaved instance where that reads better.
No signals, no `save()`, no validation: use it only inside a transaction, for data the code
generates itself. Foreign keys are checked at commit.
"""

import gc
import io
import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from types import TracebackType
from typing import Any, Self

from django.db import connection, models
from django.utils import timezone

BATCH = 10_000
NOT_PROVIDED = models.NOT_PROVIDED


class BulkWriter:
    def __init__(self, batch: int = BATCH):
        self.batch = batch
        self._pending: dict = {}
        self._ids: dict = {}
        self._reserved: dict = {}
        self._highest: dict = {}
        self._specs: dict = {}

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        *_exc: BaseException | TracebackType | None,
    ) -> None:
        if exc_type is None:
            self.flush()

    def row(self, model: type[models.Model], **values: Any) -> int:
        """Queue one row given by field name (`agent=user` or `agent_id=1`); returns its primary key."""
        spec = self._spec(model)
        row: list[Any] = list(spec.defaults)
        for name, value in values.items():
            index = spec.index.get(name)
            if index is None:
                raise TypeError(f"{model.__name__} has no field {name!r}")
            if isinstance(value, models.Model) and name in spec.relations:
                value = value.pk
            row[index] = value
        for index, make in spec.makers:
            if row[index] is NOT_PROVIDED:
                row[index] = make()
        if row[spec.pk] is None:
            row[spec.pk] = self._next_id(model)
        self._queue(model, row)
        return row[spec.pk]

    def add(self, obj: models.Model) -> models.Model:
        """Queue an unsaved instance; it gets its primary key now, its row with the next batch."""
        model = type(obj)
        if obj.pk is None:
            obj.pk = self._next_id(model)
        spec = self._spec(model)
        row = [getattr(obj, f.attname) for f in spec.fields]
        for index, make in spec.makers:
            if row[index] is None:  # auto_now(_add) fields are set on save, and there is none
                row[index] = make()
        self._queue(model, row)
        return obj

    def add_all(self, objs: Iterable[models.Model]) -> list[models.Model]:
        return [self.add(obj) for obj in objs]

    def flush(self) -> None:
        for model, pending in self._pending.items():
            if pending:
                self._write(model, pending)
        self._pending = {}

    def _queue(self, model: type[models.Model], row: list[Any]) -> None:
        pending = self._pending.setdefault(model, [])
        pending.append(row)
        if len(pending) >= self.batch:
            self._write(model, pending)
            self._pending[model] = []

    def _spec(self, model: type[models.Model]) -> "_Spec":
        spec = self._specs.get(model)
        if spec is None:
            spec = self._specs[model] = _Spec(model)
        return spec

    def _next_id(self, model: type[models.Model]) -> int:
        block = self._ids.get(model)
        if not block:  # small blocks first, so a small demo leaves no holes in the numbering
            self._reserved[model] = size = min(self.batch, 10 * self._reserved.get(model, 10))
            block = self._ids[model] = _reserve_ids(model, size, self._highest)
        return block.pop()

    def _write(self, model: type[models.Model], rows: list[list[Any]]) -> None:
        spec = self._spec(model)
        postgres = connection.vendor == "postgresql"
        converters = [_converter(field, postgres) for field in spec.fields]
        table = connection.ops.quote_name(model._meta.db_table)
        columns = ", ".join(connection.ops.quote_name(_column(f)) for f in spec.fields)
        with connection.cursor() as cursor:
            if postgres:
                buffer = io.StringIO()
                buffer.writelines(
                    "\t".join(
                        _copy_text(value if convert is None else convert(value))
                        for value, convert in zip(row, converters, strict=False)
                    )
                    + "\n"
                    for row in rows
                )
                buffer.seek(0)
                cursor.copy_expert(f"COPY {table} ({columns}) FROM STDIN", buffer)
            else:
                marks = ", ".join(["%s"] * len(spec.fields))
                cursor.executemany(
                    f"INSERT INTO {table} ({columns}) VALUES ({marks})",  # nosec B608  # quoted model names; values are parameters
                    [
                        [
                            value if convert is None else convert(value)
                            for value, convert in zip(row, converters, strict=False)
                        ]
                        for row in rows
                    ],
                )


class _Spec:
    """A model's columns in order, their defaults, and where each field name goes."""

    def __init__(self, model: type[models.Model]) -> None:
        self.fields = list(model._meta.concrete_fields)
        self.index, self.relations, self.makers, self.defaults = {}, set(), [], []
        for i, field in enumerate(self.fields):
            self.index[field.attname] = self.index[field.name] = i
            if field.is_relation:
                self.relations.add(field.name)
            if field.primary_key:
                self.pk = i
                self.defaults.append(
                    NOT_PROVIDED if field.has_default() else None
                )  # None: a number from us
                if field.has_default():
                    self.makers.append((i, field.default))
            elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                self.defaults.append(NOT_PROVIDED)
                self.makers.append((i, timezone.now))
            elif field.has_default() and callable(field.default):
                self.defaults.append(NOT_PROVIDED)
                self.makers.append((i, field.default))
            else:
                self.defaults.append(field.get_default())  # "" for text fields without a default


PLAIN = {
    "AutoField",
    "BigAutoField",
    "BigIntegerField",
    "BooleanField",
    "CharField",
    "EmailField",
    "FloatField",
    "ForeignKey",
    "IntegerField",
    "OneToOneField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SlugField",
    "SmallIntegerField",
    "TextField",
}


def _converter(field: models.Field, postgres: bool) -> Callable[[Any], Any] | None:
    """None where the driver takes the Python value as it is, else a function to the database value."""
    if isinstance(field, models.JSONField):
        return json.dumps
    kind = field.get_internal_type()
    if kind in PLAIN or (postgres and kind in ("DateField", "DateTimeField")):
        return None

    def convert(value: Any) -> Any:
        return None if value is None else field.get_db_prep_save(value, connection)

    return convert


def _column(field: models.Field) -> str:
    """A concrete field's column (Django sets it for every field stored in the table)."""
    if field.column is None:
        raise ValueError(f"{field} is not stored in its table")
    return field.column


def _copy_text(value: Any) -> str:
    """A value in PostgreSQL's COPY text format."""
    if value is None:
        return r"\N"
    if value is True or value is False:
        return "t" if value else "f"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace("\t", "\\t")
        .replace("\n", "\\n")
        .replace("\r", "\\r")
    )


def _reserve_ids(model: type[models.Model], count: int, highest: dict[str, int]) -> list[int]:
    """`count` fresh primary keys, highest first (so that `pop()` hands them out in order)."""
    table = model._meta.db_table
    column = _column(model._meta.pk)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, column, count],
            )
            ids = [row[0] for row in cursor.fetchall()]
        else:  # one writer inside one transaction: the next free numbers are ours
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT MAX({connection.ops.quote_name(column)}) FROM {quoted}")  # nosec B608  # quoted model names
            start = max(cursor.fetchone()[0] or 0, highest.get(table, 0)) + 1
            ids = list(range(start, start + count))
            highest[table] = ids[-1]
    return sorted(ids, reverse=True)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off while a request builds and drops many small objects at once (the
    key-figure upload: a dict, a list and a tuple per record, 100,000 records). They are freed by
    reference counting as usual; the collector would only walk them again and again as they pile up
    (a quarter of the upload's Python time). It runs again afterwards, unless it was off already."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
