"""The README's backup and restore drill: a backup restored into a fresh database holds every row.

On PostgreSQL: pg_dump (custom format) and pg_restore into a new database on the same server.
On the embedded default: SQLite's online backup into a new file. CI runs both.
"""

import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from feedback.models import CoachingNote
from portal.management.commands.table_counts import table_counts

ROOT = Path(__file__).resolve().parents[2]


def pg_url(name):
    settings = connection.settings_dict
    credentials = settings["USER"] + (
        f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
    )
    return f"postgres://{credentials}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{name}"


def back_up_and_restore_postgresql(tmp_path, fresh_database):
    dump = tmp_path / "portal.dump"
    subprocess.run(
        [
            "pg_dump",
            "--format=custom",
            "--no-owner",
            "--no-acl",
            f"--file={dump}",
            pg_url(connection.settings_dict["NAME"]),
        ],
        check=True,
        timeout=300,
    )
    restored_url, run_sql = fresh_database
    subprocess.run(
        [
            "pg_restore",
            "--no-owner",
            "--no-acl",
            "--exit-on-error",
            f"--dbname={restored_url}",
            str(dump),
        ],
        check=True,
        timeout=300,
    )
    tables = run_sql("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    return {table: run_sql(f'SELECT COUNT(*) FROM "{table}"')[0][0] for (table,) in tables}, run_sql


def back_up_and_restore_sqlite(tmp_path):
    backup = tmp_path / "backup.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(backup) as target:
        connection.connection.backup(target)
    restored = tmp_path / "restored.sqlite3"
    shutil.copyfile(backup, restored)

    def run_sql(statement):
        with sqlite3.connect(restored) as conn:
            return conn.execute(statement).fetchall()

    tables = run_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    return {table: run_sql(f'SELECT COUNT(*) FROM "{table}"')[0][0] for (table,) in tables}, run_sql


@pytest.fixture
def demo_data(transactional_db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))


def test_a_restored_backup_holds_every_row_of_every_table(demo_data, tmp_path, request):
    before = table_counts()
    assert sum(before.values()) > 1000 and before["people_user"] > 40
    if connection.vendor == "postgresql":
        after, run_sql = back_up_and_restore_postgresql(
            tmp_path, request.getfixturevalue("fresh_database")
        )
    else:
        after, run_sql = back_up_and_restore_sqlite(tmp_path)
    assert after == before
    note = CoachingNote.objects.order_by("pk").first()
    assert run_sql(f"SELECT situation FROM feedback_coachingnote WHERE id = {note.pk}") == [
        (note.situation,)
    ]


def test_table_counts_prints_every_table_for_the_drill(db, agent, capsys):
    call_command("table_counts")
    lines = dict(line.split("\t") for line in capsys.readouterr().out.splitlines())
    assert set(lines) == set(connection.introspection.table_names())
    assert int(lines["people_user"]) == 2
