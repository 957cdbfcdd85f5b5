"""A copy of every table of the test database, taken once and put back before each test that wants it.

The browser journeys and the load test each start from the demo service center. Seeding it takes
seconds, restoring a copy a fraction of that: PostgreSQL copies each table out and in with COPY,
SQLite copies its in-memory database page by page with the backup API. Both are exact: no value
passes through Python types on the way.

On PostgreSQL, tables are emptied with DELETE rather than TRUNCATE where the database role may skip
the foreign-key triggers while it does (a superuser, as in CI and the README's DATABASE_URL):
TRUNCATE gives each of the ~110 tables a new file on disk, about 2 s for the whole database, where
DELETE of the demo's rows takes 0.05 s. Every table is emptied in the same transaction, so nothing
refers to a deleted row when it commits. Other roles keep TRUNCATE.
"""

import io
import sqlite3

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, transaction


class DatabaseSnapshot:
    def __init__(self) -> None:
        self._tables: dict[str, bytes] = {}
        self._sqlite: sqlite3.Connection | None = None

    @classmethod
    def take(cls) -> "DatabaseSnapshot":
        snapshot = cls()
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            snapshot._sqlite = sqlite3.connect(":memory:", check_same_thread=False)
            connection.connection.backup(snapshot._sqlite)
        elif connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                for table in _tables():
                    out = io.BytesIO()
                    cursor.copy_expert(f'COPY "{table}" TO STDOUT', out)
                    if out.tell():
                        snapshot._tables[table] = out.getvalue()
        else:  # pragma: no cover - the portal runs on PostgreSQL and SQLite only
            raise NotImplementedError(connection.vendor)
        return snapshot

    def restore(self) -> None:
        """Every table as it was when the snapshot was taken; whatever is there now is gone."""
        connection.ensure_connection()
        if self._sqlite is not None:
            self._sqlite.backup(connection.connection)
        else:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("".join(empty_every_table_sql(connection, _tables())))
                for table, rows in self._tables.items():
                    cursor.copy_expert(f'COPY "{table}" FROM STDIN', io.BytesIO(rows))
                models = apps.get_models(include_auto_created=True)
                cursor.execute("".join(connection.ops.sequence_reset_sql(no_style(), models)))
        # Content types are cached per process by id: the copy's ids are the ones that count now.
        ContentType.objects.clear_cache()


def empty_every_table_sql(db, tables: list[str]) -> list[str]:
    """Statements that empty `tables` in one PostgreSQL transaction: DELETE without the foreign-key
    triggers when the role may switch them off, else one TRUNCATE of them all."""
    names = [db.ops.quote_name(table) for table in tables]
    if not _may_skip_triggers(db):
        return [f"TRUNCATE {', '.join(names)};"]
    return ["SET LOCAL session_replication_role = replica;"] + [
        f"DELETE FROM {name};" for name in names
    ]


def _may_skip_triggers(db) -> bool:
    if not hasattr(db, "_may_skip_triggers"):
        with db.cursor() as cursor:
            cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            db._may_skip_triggers = bool(cursor.fetchone()[0])
    return db._may_skip_triggers


def postgresql_flush_by_delete(original):
    """Django's flush (the end of every transactional test) as `empty_every_table_sql`; a flush that
    resets sequences or cascades keeps Django's own statement."""

    def sql_flush(ops, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade or ops.connection.vendor != "postgresql" or not tables:
            return original(
                ops, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        return ["".join(empty_every_table_sql(ops.connection, tables))]

    return sql_flush


def _tables() -> list[str]:
    return sorted(connection.introspection.django_table_names(only_existing=True))
