"""Fault tests with real processes, a real SMTP server and the real database, over 1,000 due reminders each.

`manage.py send_reminders` runs as a separate process against a scratch database:
PostgreSQL when DATABASE_URL points to one (as in CI's first run), otherwise a SQLite
file (the embedded default). Failpoints (notifications/failpoints.py) kill the process,
pause it or cut its database connection at exact places. Each test then counts, per
ledger row, the e-mails the SMTP server received (by Message-ID) and the bells.
"""

import os
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from .smtp_servers import RecordingSMTPServer

ROOT = Path(__file__).resolve().parents[2]
MANY = 1000
# One scratch database per module, migrated once: its tests stay on one worker of a parallel run.
pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("faults_real_processes")]

SETUP = """
import datetime
from django.contrib.auth.hashers import make_password
from django.utils import timezone
from feedback.models import CoachingNote
from notifications.models import Notification, ReminderLedger
from people.models import Role, Team, TeamMembership, User

Notification.objects.all().delete()
ReminderLedger.objects.all().delete()
CoachingNote.objects.all().delete()
if not Team.objects.exists():
    password = make_password(None)
    start = timezone.localdate() - datetime.timedelta(days=365)
    for t in range(20):
        team = Team.objects.create(name=f"Fault team {t}")
        lead = User.objects.create(email=f"lead{t}@fault.test", role=Role.LEAD, password=password, first_name="Lea")
        agents = User.objects.bulk_create([User(email=f"agent{t}.{a}@fault.test", role=Role.AGENT, password=password,
                                                first_name="Al") for a in range(10)])
        TeamMembership.objects.create(team=team, user=lead, kind="lead", start=start)
        TeamMembership.objects.bulk_create([TeamMembership(team=team, user=a, kind="member", start=start)
                                            for a in agents])
pairs = [(m.user, TeamMembership.objects.get(team=m.team, kind="lead").user)
         for m in TeamMembership.objects.filter(kind="member").select_related("user", "team")]
now = timezone.now()
CoachingNote.objects.bulk_create([
    CoachingNote(agent=pairs[i % len(pairs)][0], author=pairs[i % len(pairs)][1], situation=f"Call {i}",
                 observed_at=now - datetime.timedelta(days=3, hours=1, seconds=i),
                 feedback_due_at=now - datetime.timedelta(hours=1, seconds=i))
    for i in range(COUNT)])
"""


class ScratchDatabase:
    """The scratch database, read and changed directly with the DB-API (no Django in between)."""

    def __init__(self, url: str, sqlite_path: Path | None):
        self.url, self.sqlite_path = url, sqlite_path

    def connect(self):
        if self.sqlite_path:
            return sqlite3.connect(self.sqlite_path, timeout=20)
        import psycopg2

        return psycopg2.connect(self.url)

    def query(self, sql: str) -> list:
        conn = self.connect()
        try:
            cursor = conn.cursor()
            cursor.execute(sql)
            rows = cursor.fetchall() if cursor.description else []
            conn.commit()
            return rows
        finally:
            conn.close()

    def expire_leases(self) -> None:
        """As if every lease had run out, by the database's clock."""
        past = (
            "strftime('%Y-%m-%d %H:%M:%f', 'now', '-1 second')"
            if self.sqlite_path
            else "now() - interval '1 second'"
        )
        self.query(
            f"UPDATE notifications_reminderledger SET claimed_until = {past} WHERE claimed_until IS NOT NULL"
        )

    def states(self) -> Counter:
        return Counter(
            dict(
                self.query(
                    "SELECT email_state, COUNT(*) FROM notifications_reminderledger GROUP BY email_state"
                )
            )
        )

    def ledger_ids(self) -> set:
        return {row[0] for row in self.query("SELECT id FROM notifications_reminderledger")}

    def bells_per_row(self) -> Counter:
        return Counter(
            dict(
                self.query(
                    "SELECT reminder_id, COUNT(*) FROM notifications_notification WHERE reminder_id IS NOT NULL "
                    "GROUP BY reminder_id"
                )
            )
        )


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    folder = tmp_path_factory.mktemp("faults")
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "REMINDER_FAILPOINTS"}
    }
    env["CELERY_FILESYSTEM_DIR"] = str(folder / "celery")
    database_url = os.environ.get("DATABASE_URL", "")
    cleanup = None
    if database_url.startswith("postgres"):
        import psycopg2

        name = f"portal_faults_{os.getpid()}"
        base, _, _ = database_url.rpartition("/")
        admin = psycopg2.connect(f"{base}/postgres")
        admin.autocommit = True
        admin.cursor().execute(f"DROP DATABASE IF EXISTS {name}")
        admin.cursor().execute(f"CREATE DATABASE {name}")
        env["DATABASE_URL"] = f"{base}/{name}"
        database = ScratchDatabase(env["DATABASE_URL"], None)

        def cleanup():
            admin.cursor().execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            admin.close()
    else:
        path = folder / "faults.sqlite3"
        env["DATABASE_URL"] = f"sqlite:///{path}"
        database = ScratchDatabase(env["DATABASE_URL"], path)
    manage(env, "migrate", "--noinput", "-v0")
    yield env, database
    if cleanup:
        cleanup()


@pytest.fixture
def smtp():
    with RecordingSMTPServer() as server:
        yield server


@pytest.fixture
def due(scratch, smtp):
    """1,000 feedback reminders due now (plus the review reminders today's date brings); sweeps send to the
    test's SMTP server."""
    env, database = scratch
    env = {**env, "EMAIL_URL": f"smtp://127.0.0.1:{smtp.port}"}
    manage(env, "shell", "-c", SETUP.replace("COUNT", str(MANY)))
    return env, database


def manage(env, *args, check=True) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


def sweep(env, failpoints="", check=True) -> subprocess.CompletedProcess:
    return manage({**env, "REMINDER_FAILPOINTS": failpoints}, "send_reminders", check=check)


def assert_each_reminder_once(database: ScratchDatabase, smtp: RecordingSMTPServer):
    ids = database.ledger_ids()
    emails, bells = smtp.per_ledger_row(), database.bells_per_row()
    assert len(ids) >= MANY
    assert set(emails) == ids, f"missing e-mails: {len(ids - set(emails))}"
    assert set(emails.values()) == {1}, f"doubled: {[i for i, n in emails.items() if n > 1][:10]}"
    assert set(bells) == ids and set(bells.values()) == {1}


def test_a_sweep_killed_between_sending_and_recording_doubles_nothing_and_loses_nothing(due, smtp):
    env, database = due
    killed = sweep(env, "after_send=kill@137", check=False)
    assert killed.returncode == -9, killed.stdout + killed.stderr
    assert len(smtp.message_ids) == 137
    assert database.states()["sending"] > 0  # the dead sweep's batch, left "being sent"
    database.expire_leases()
    out = sweep(env).stdout
    assert "E-mails unconfirmed after an interrupted sweep: 1" in out
    total = len(database.ledger_ids())
    assert database.states() == Counter({"sent": total - 1, "unconfirmed": 1})
    assert_each_reminder_once(database, smtp)  # the unconfirmed one had gone out before the kill


def test_two_sweeps_overlapping_past_the_lease_send_each_reminder_once(due, smtp, tmp_path):
    env, database = due
    go_on = tmp_path / "go-on"
    stalled = subprocess.Popen(
        [sys.executable, "manage.py", "send_reminders"],
        cwd=ROOT,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**env, "REMINDER_FAILPOINTS": f"after_claim=pause:{go_on}@1"},
    )
    try:
        reached = Path(f"{go_on}.reached")
        for _ in range(1200):
            if reached.exists() or stalled.poll() is not None:
                break
            time.sleep(0.1)
        assert reached.exists(), stalled.communicate()
        database.expire_leases()  # the stalled sweep outlived its lease
        second = sweep(env).stdout
        total = len(database.ledger_ids())
        assert f"Bell notifications: {total - 200}" in second and f"E-mails sent: {total}" in second
    finally:
        go_on.touch()
        out, err = stalled.communicate(timeout=600)
    assert stalled.returncode == 0, out + err
    assert "Bell notifications: 200" in out and "E-mails sent: 0" in out
    assert "Claims taken over by another sweep: 200" in out
    assert database.states() == Counter({"sent": total})
    assert_each_reminder_once(database, smtp)


def test_a_database_connection_dropped_mid_sweep_is_reopened_and_nothing_is_lost(due, smtp):
    env, database = due
    result = sweep(env, "after_send=drop_db@300")
    assert "reconnecting once" in result.stderr
    total = len(database.ledger_ids())
    assert (
        f"Bell notifications: {total}" in result.stdout
        and f"E-mails sent: {total}" in result.stdout
    )
    assert database.states() == Counter({"sent": total})
    assert_each_reminder_once(database, smtp)
