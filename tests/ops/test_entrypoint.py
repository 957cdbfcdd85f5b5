"""The container's entrypoint, run here outside a container: it starts the portal ready to sign in."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections
from django.db.utils import OperationalError

from people.models import Role, User
from portal.management.commands import wait_for_database

ROOT = Path(__file__).resolve().parents[2]
ENTRYPOINT = ROOT / "deploy" / "entrypoint.sh"
STARTED = [sys.executable, "-c", "print('portal started')"]


def start(env, *extra_env, command=STARTED):
    env = {**env, "PYTHON": sys.executable, "DATABASE_WAIT_SECONDS": "5"}
    for pairs in extra_env:
        env.update(pairs)
    return subprocess.run(
        ["sh", str(ENTRYPOINT), *command],
        cwd="/",
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def admins(run_sql):
    return run_sql("SELECT email, password FROM people_user WHERE is_superuser ORDER BY id")


ADMIN = {"ADMIN_EMAIL": "it@service-center.example", "ADMIN_PASSWORD": "Lamp-Orbit-Quiet-47"}


def test_the_first_start_migrates_creates_the_admin_and_a_restart_keeps_it(
    fresh_database, clean_env
):
    url, run_sql = fresh_database
    result = start(clean_env, {"DATABASE_URL": url}, ADMIN)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith("portal started")
    assert [email for email, _ in admins(run_sql)] == ["it@service-center.example"]
    assert run_sql("SELECT role, is_staff FROM people_user") in ([("admin", True)], [("admin", 1)])
    assert run_sql("SELECT COUNT(*) FROM people_team") == [(0,)], "no demo unless asked for"
    first = admins(run_sql)

    again = start(
        clean_env,
        {"DATABASE_URL": url},
        {"ADMIN_EMAIL": "new@service-center.example", "ADMIN_PASSWORD": "Other-Lamp-Orbit-58"},
    )
    assert again.returncode == 0, again.stderr
    assert "An administrator exists" in again.stdout
    assert admins(run_sql) == first, "the same admin with the same password"


def test_the_demo_is_seeded_when_asked_for_and_the_start_says_how_to_get_an_admin(
    fresh_database, clean_env
):
    url, run_sql = fresh_database
    result = start(clean_env, {"DATABASE_URL": url, "SEED_DEMO": "true"})
    assert result.returncode == 0, result.stderr
    assert "set ADMIN_EMAIL and ADMIN_PASSWORD" in result.stdout
    assert run_sql("SELECT COUNT(*) FROM people_user WHERE role = 'agent'")[0][0] == 40


def create_first_admin(monkeypatch, email, password):
    monkeypatch.setenv("ADMIN_EMAIL", email)
    monkeypatch.setenv("ADMIN_PASSWORD", password)
    call_command("create_first_admin", stdout=open(os.devnull, "w"))


@pytest.mark.parametrize(
    "email, password, reason",
    [
        ("it@service-center.example", "12345678", "This password is entirely numeric."),
        ("not-an-address", "Lamp-Orbit-Quiet-47", "Enter a valid email address."),
        ("agent@example.test", "Lamp-Orbit-Quiet-47", "agent@example.test already has an account"),
    ],
)
def test_a_bad_first_admin_is_refused_with_the_reason(monkeypatch, agent, email, password, reason):
    with pytest.raises(CommandError, match="The first administrator was not created") as refused:
        create_first_admin(monkeypatch, email, password)
    assert reason in str(refused.value)
    assert not User.objects.filter(is_superuser=True).exists()
    assert User.objects.get(email="agent@example.test").role == Role.AGENT


def test_with_migrations_left_to_a_job_the_start_only_waits_for_the_database(
    fresh_database, clean_env
):
    url, run_sql = fresh_database
    result = start(clean_env, {"DATABASE_URL": url, "MIGRATE_ON_START": "false"}, ADMIN)
    assert result.returncode == 0, result.stderr
    assert "portal started" in result.stdout
    assert "is ready" in result.stdout
    assert "Applying" not in result.stdout


def test_a_database_that_never_answers_stops_the_start_with_a_clear_message(clean_env):
    result = start(
        clean_env,
        {"DATABASE_URL": "postgres://portal@127.0.0.1:9/portal", "DATABASE_WAIT_SECONDS": "1"},
    )
    assert result.returncode != 0
    assert "The database at 127.0.0.1:9 did not answer within 1 s" in result.stderr
    assert "portal started" not in result.stdout


def test_waiting_for_the_database_retries_until_it_answers(monkeypatch, db):
    connection = connections["default"]
    refusals = [OperationalError("starting up"), OperationalError("starting up")]
    attempts, pauses = [], []

    def ensure_connection():
        attempts.append(1)
        if refusals:
            raise refusals.pop(0)

    monkeypatch.setattr(connection, "ensure_connection", ensure_connection)
    monkeypatch.setattr(connection, "close", lambda: None)
    monkeypatch.setattr(wait_for_database.time, "sleep", pauses.append)
    call_command("wait_for_database", "--timeout", "60", stdout=open("/dev/null", "w"))
    monkeypatch.undo()
    assert len(attempts) == 3 and pauses == [1, 1]


def test_waiting_gives_up_with_the_reason(monkeypatch, db):
    connection = connections["default"]

    def refuse():
        raise OperationalError("connection refused\nDETAIL: more")

    monkeypatch.setattr(connection, "ensure_connection", refuse)
    monkeypatch.setattr(connection, "close", lambda: None)
    with pytest.raises(CommandError, match="did not answer within 0 s: connection refused$"):
        call_command("wait_for_database", "--timeout", "0")
    monkeypatch.undo()
