"""A copy of every table of the test database, taken once and put back before each test that wants it.

The browser journeys and the load test each start from the demo service center. Seeding it takes
seconds, restoring a copy a fraction of that: PostgreSQL copies each table out and in with COPY,
SQLite copies its in-memory database page by page with the backup API. Both are exact: no value
passes through Python types on the way.
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
                names = ", ".join(f'"{table}"' for table in _tables())
                cursor.execute(f"TRUNCATE {names}")
                for table, rows in self._tables.items():
                    cursor.copy_expert(f'COPY "{table}" FROM STDIN', io.BytesIO(rows))
                models = apps.get_models(include_auto_created=True)
                for statement in connection.ops.sequence_reset_sql(no_style(), models):
                    cursor.execute(statement)
        # Content types are cached per process by id: the copy's ids are the ones that count now.
        ContentType.objects.clear_cache()


def _tables() -> list[str]:
    return sorted(connection.introspection.django_table_names(only_existing=True))
