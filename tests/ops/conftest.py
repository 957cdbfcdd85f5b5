import os
import sqlite3
import uuid
from urllib.parse import quote

import pytest
from django.db import connection


def _postgres_url(settings_dict, name):
    user = quote(settings_dict.get("USER") or "")
    password = quote(settings_dict.get("PASSWORD") or "")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{credentials}{host}:{port}/{name}"


@pytest.fixture
def fresh_database(tmp_path, django_db_blocker):
    """A new, empty database of the kind this run uses: PostgreSQL on its server, or an SQLite file.

    Yields (DATABASE_URL, run_sql) and drops the database afterwards.
    """
    if connection.vendor == "postgresql":
        import psycopg2

        name = f"portal_fresh_{uuid.uuid4().hex[:10]}"
        admin_url = _postgres_url(connection.settings_dict, "postgres")

        def admin(statement):
            conn = psycopg2.connect(admin_url)
            conn.autocommit = True
            try:
                with conn.cursor() as cursor:
                    cursor.execute(statement)
            finally:
                conn.close()

        admin(f'CREATE DATABASE "{name}"')
        url = _postgres_url(connection.settings_dict, name)

        def run_sql(statement):
            conn = psycopg2.connect(url)
            try:
                with conn.cursor() as cursor:
                    cursor.execute(statement)
                    return cursor.fetchall()
            finally:
                conn.close()

        try:
            yield url, run_sql
        finally:
            admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        path = tmp_path / "fresh.sqlite3"

        def run_sql(statement):
            with sqlite3.connect(path) as conn:
                return conn.execute(statement).fetchall()

        yield f"sqlite:///{path}", run_sql


@pytest.fixture
def clean_env():
    """The environment of a new process, without this test run's database and broker settings."""
    drop = {
        "DATABASE_URL",
        "REDIS_URL",
        "DEBUG",
        "ADMIN_EMAIL",
        "ADMIN_PASSWORD",
        "SEED_DEMO",
        "MIGRATE_ON_START",
        "DJANGO_SETTINGS_MODULE",
    }
    return {k: v for k, v in os.environ.items() if k not in drop}
