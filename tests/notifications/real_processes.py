"""What the fault tests with real processes share: 1,000 due reminders, the sweep as a process of its own,
direct reads of its database, and the count of e-mails and bells per ledger row."""

import os
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

from .smtp_servers import RecordingSMTPServer

ROOT = Path(__file__).resolve().parents[2]
MANY = 1000


def process_env() -> dict:
    """This environment for a process of its own, without what only the test process wants."""
    return {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "REMINDER_FAILPOINTS"}
    }


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

    def bring_retries_forward(self) -> None:
        """As if the backoff of every pending e-mail had passed."""
        past = "'2000-01-01 00:00:00'"
        self.query(
            f"UPDATE notifications_reminderledger SET email_next_attempt_at = {past} "
            "WHERE email_state = 'pending'"
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


def assert_each_reminder_once(database: ScratchDatabase, smtp: RecordingSMTPServer, due=MANY):
    ids = database.ledger_ids()
    emails, bells = smtp.per_ledger_row(), database.bells_per_row()
    assert len(ids) >= due
    assert set(emails) == ids, f"missing e-mails: {len(ids - set(emails))}"
    assert set(emails.values()) == {1}, f"doubled: {[i for i, n in emails.items() if n > 1][:10]}"
    assert set(bells) == ids and set(bells.values()) == {1}
