"""Fault tests with real processes, a real SMTP server and the real database, over 1,000 due reminders each.

`manage.py send_reminders` runs as a separate process against a scratch database:
PostgreSQL when DATABASE_URL points to one (as in CI's first run), otherwise a SQLite
file (the embedded default). Failpoints (notifications/failpoints.py) kill the process,
pause it or cut its database connection at exact places. Each test then counts, per
ledger row, the e-mails the SMTP server received (by Message-ID) and the bells.
"""

import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from .real_processes import (
    MANY,
    ROOT,
    SETUP,
    ScratchDatabase,
    assert_each_reminder_once,
    manage,
    process_env,
    sweep,
)
from .smtp_servers import ACCEPT, REJECT, RecordingSMTPServer

FEWER = 400
# One scratch database per module, migrated once: its tests stay on one worker of a parallel run.
pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("faults_real_processes")]


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    folder = tmp_path_factory.mktemp("faults")
    env = process_env()
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
    return reminders_due(scratch, smtp, MANY)


@pytest.fixture
def fewer_due(scratch, smtp):
    """400 feedback reminders due now, for faults that one batch (200) shows as well as five."""
    return reminders_due(scratch, smtp, FEWER)


def reminders_due(scratch, smtp, count: int):
    env, database = scratch
    env = {**env, "EMAIL_URL": f"smtp://127.0.0.1:{smtp.port}"}
    manage(env, "shell", "-c", SETUP.replace("COUNT", str(count)))
    return env, database


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
    stalled = paused(env, "after_claim", 1, go_on)
    try:
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


def paused(env, failpoint: str, nth: int, flag: Path) -> subprocess.Popen:
    """A sweep of its own that stops the `nth` time at `failpoint` until `flag` exists (notifications/failpoints.py)."""
    process = subprocess.Popen(
        [sys.executable, "manage.py", "send_reminders"],
        cwd=ROOT,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**env, "REMINDER_FAILPOINTS": f"{failpoint}=pause:{flag}@{nth}"},
    )
    reached = Path(f"{flag}.reached")
    for _ in range(1200):
        if reached.exists() or process.poll() is not None:
            break
        time.sleep(0.1)
    assert reached.exists(), process.communicate()
    return process


def test_a_lease_that_runs_out_by_the_databases_clock_mid_batch_lets_no_email_out_twice(
    due, smtp, tmp_path
):
    """Issue 25: a host suspended, or a database clock that jumps, while the sweep's own clock says there is time.

    The first sweep stops right after handing its 50th e-mail to the mail server; its lease
    runs out by the database's clock; a second sweep recovers the rows and sends them; then the
    first one goes on. The window is the one message it had handed over: it goes out once
    (from the first sweep) and stays unconfirmed; the first sweep sends nothing else.
    """
    env, database = due
    go_on = tmp_path / "go-on"
    first = paused(env, "before_send", 50, go_on)
    try:
        database.expire_leases()
        second = sweep(env).stdout
        total = len(database.ledger_ids())
        assert f"Bell notifications: {total - 200}" in second  # the first sweep rang its batch's
        assert f"E-mails sent: {total - 50}" in second
        assert "E-mails unconfirmed after an interrupted sweep: 1" in second
    finally:
        go_on.touch()
        out, err = first.communicate(timeout=600)
    assert first.returncode == 0, out + err
    assert "Bell notifications: 200" in out and "E-mails sent: 50" in out
    assert (
        "Claims taken over by another sweep: 151" in out
    )  # its batch's rest, and the 50th's outcome
    assert database.states() == Counter({"sent": total - 1, "unconfirmed": 1})
    assert_each_reminder_once(database, smtp)  # the unconfirmed one included: it went out once


def test_a_relay_that_refuses_every_recipient_costs_a_few_attempts_and_then_everything_goes_out_once(
    fewer_due, smtp
):
    env, database = fewer_due
    smtp.mode = REJECT
    out = sweep(env).stdout
    total = len(database.ledger_ids())
    assert f"Bell notifications: {total}" in out and "E-mails sent: 0" in out
    assert "E-mails given up: 0" in out
    assert "Stopped e-mailing: the mail server refused every recipient" in out and "550" in out
    [(tried, recipients)] = database.query(
        "SELECT COUNT(*), COUNT(DISTINCT recipient_id) FROM notifications_reminderledger "
        "WHERE email_attempts = 1 AND email_state = 'pending'"
    )
    assert recipients == 5 and f"E-mails failed (retry scheduled): {tried}" in out
    assert f"E-mails deferred (mail server failing or time up): {total - tried}" in out
    health = manage(env, "shell", "-c", BANNER).stdout
    assert "failing: True" in health and "550" in health  # the banner quotes the server's answer
    smtp.mode = ACCEPT
    database.bring_retries_forward()  # as if the first wait (5 minutes) had passed
    out = sweep(env).stdout
    assert f"E-mails sent: {total}" in out and f"E-mails retried: {tried}" in out
    assert database.states() == Counter({"sent": total})
    assert_each_reminder_once(database, smtp, FEWER)


BANNER = """
from notifications.selectors import mail_health
health = mail_health()
print("failing:", health.failing, health.last_error)
"""
