"""Fault tests against a PostgreSQL cluster and a Redis server of their own, crashed and restarted for real.

The tests start their own cluster (initdb, own port and data directory, see private_services.py)
whatever DATABASE_URL says, so they run alike in both of CI's runs. Each counts, per ledger row,
the e-mails a real SMTP server received (by Message-ID) and the bells.
"""

import os
import signal
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings

from .private_services import PostgresCluster, RedisServer, WebServer, wait_until
from .real_processes import (
    ROOT,
    SETUP,
    ScratchDatabase,
    assert_each_reminder_once,
    manage,
    process_env,
    sweep,
)
from .smtp_servers import RecordingSMTPServer

# One PostgreSQL cluster per module, migrated once: its tests stay on one worker of a parallel run.
pytestmark = [
    pytest.mark.database_independent,
    pytest.mark.integration,
    pytest.mark.xdist_group("faults_private_services"),
]
TEMPLATE = "portal_migrated"
FEW = 400  # reminders due: two batches, enough to crash in the middle of the first one
NTH = 145  # the message during which the fault happens (mid-group: the 141st to 150th are marked together)
MARK_AHEAD = settings.REMINDER_MAIL_MARK_AHEAD


@pytest.fixture(scope="module")
def cluster():
    """One cluster per module (and test worker): migrated once, each test on a copy of that database."""
    cluster = PostgresCluster()
    try:
        cluster.start()
        cluster.execute(f"CREATE DATABASE {TEMPLATE}")
        manage(
            {**process_env(), "DATABASE_URL": cluster.url(TEMPLATE)}, "migrate", "--noinput", "-v0"
        )
        yield cluster
    finally:
        cluster.destroy()


@pytest.fixture
def env(cluster, tmp_path):
    environment = process_env()
    environment.pop(
        "REDIS_URL", None
    )  # the broker: kombu's filesystem transport, in this test's folder
    environment.update(
        DATABASE_URL=cluster.url(cluster.copy_database(TEMPLATE)),
        CELERY_FILESYSTEM_DIR=str(tmp_path / "celery"),
        CELERY_QUEUE=f"faults-{os.getpid()}-{tmp_path.name}",
    )
    return environment


def due(env, smtp) -> tuple[dict, ScratchDatabase]:
    env = {**env, "EMAIL_URL": f"smtp://127.0.0.1:{smtp.port}"}
    manage(env, "shell", "-c", SETUP.replace("COUNT", str(FEW)))
    return env, ScratchDatabase(env["DATABASE_URL"], None)


class Fault:
    """Runs `action` (once) while the mail server holds its `nth` message, before it answers."""

    def __init__(self, nth: int, action):
        self.nth, self.action, self.done = nth, action, threading.Event()

    def __call__(self, received: int) -> None:
        if received == self.nth and not self.done.is_set():
            self.action()
            self.done.set()


def emails_and_states(database: ScratchDatabase, smtp) -> list[tuple[int, str, int]]:
    """(row id, e-mail state, e-mails received) for every ledger row."""
    emails = smtp.per_ledger_row()
    return [
        (pk, state, emails[pk])
        for pk, state in database.query("SELECT id, email_state FROM notifications_reminderledger")
    ]


def test_an_immediate_database_crash_mid_sweep_sends_every_email_once(env, cluster):
    """The database crashes (pg_ctl -m immediate) while the mail server holds the 145th message.

    The last outcomes, committed without waiting for the disk, are lost with it. The sweep knows
    them: it waits for the database and continues, settling exactly what it had sent.
    """

    def crash_and_start_again_3_seconds_later():
        cluster.stop("immediate")
        threading.Timer(3, cluster.start).start()

    fault = Fault(NTH, crash_and_start_again_3_seconds_later)
    with RecordingSMTPServer(on_message=fault) as smtp:
        env, database = due(env, smtp)
        result = sweep(env)
        assert fault.done.is_set()
        assert "The database is unreachable; trying again in 1 s." in result.stderr
        total = len(database.ledger_ids())
        assert f"Bell notifications: {total}" in result.stdout
        assert f"E-mails sent: {total}" in result.stdout
        assert database.states() == Counter({"sent": total})
        assert_each_reminder_once(database, smtp, FEW)


def test_an_immediate_database_crash_that_the_sweep_does_not_survive_leaves_one_group_unconfirmed(
    env, cluster
):
    """The database crashes and the sweep process is killed with it (a node lost): nobody knows
    what the lost commits said. Once the lease has run out, the next sweep holds back every row
    the dead sweep had marked before the database started again — at most REMINDER_MAIL_MARK_AHEAD
    — as unconfirmed; nothing goes out twice.
    """
    sweeping = {}

    def crash_and_kill_the_sweep():
        cluster.stop("immediate")
        sweeping["process"].kill()

    fault = Fault(NTH, crash_and_kill_the_sweep)
    with RecordingSMTPServer(on_message=fault) as smtp:
        env, database = due(env, smtp)
        sweeping["process"] = subprocess.Popen(
            [sys.executable, "manage.py", "send_reminders"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        assert sweeping["process"].wait(timeout=600) == -signal.SIGKILL
        cluster.start()
        database.expire_leases()
        out = sweep(env).stdout
        rows = emails_and_states(database, smtp)
        unconfirmed = [(pk, emails) for pk, state, emails in rows if state == "unconfirmed"]
        assert 1 <= len(unconfirmed) <= MARK_AHEAD
        assert f"E-mails unconfirmed after an interrupted sweep: {len(unconfirmed)}" in out
        assert {state for _pk, state, _emails in rows} == {"sent", "unconfirmed"}
        assert all(emails == 1 for _pk, state, emails in rows if state == "sent")
        assert all(emails <= 1 for _pk, _state, emails in rows)  # nothing went out twice
        # The unconfirmed group: those up to the crash went out, those after it never did.
        went_out = [pk for pk, emails in sorted(unconfirmed) if emails == 1]
        never = [pk for pk, emails in sorted(unconfirmed) if emails == 0]
        assert not went_out or not never or max(went_out) < min(never)
        assert len(smtp.message_ids) == len(rows) - len(never)
        bells = database.bells_per_row()
        assert set(bells) == database.ledger_ids() and set(bells.values()) == {1}


def test_a_postgresql_restart_under_a_celery_sweep_sends_every_email_once_and_pages_say_maintenance(
    env, cluster, tmp_path
):
    """PostgreSQL stops (pg_ctl -m fast) while a Celery worker sweeps and starts 6 seconds later.

    The task tries again with growing waits and continues the same sweep; meanwhile the web
    server answers 503 with the maintenance page, never a 500 or a traceback.
    """
    restarted = threading.Event()

    def restart():
        cluster.stop("fast")
        threading.Timer(6, lambda: (cluster.start(), restarted.set())).start()

    fault = Fault(NTH, restart)
    worker_log, web_log = tmp_path / "worker.log", tmp_path / "web.log"
    with RecordingSMTPServer(on_message=fault) as smtp:
        env, database = due(env, smtp)
        worker = subprocess.Popen(
            [str(Path(sys.executable).with_name("celery")), "-A", "portal", "worker"]
            + ["--pool", "solo", "-Q", env["CELERY_QUEUE"], "--loglevel", "INFO"]
            + ["--without-heartbeat", "--without-mingle", "--without-gossip"]
            + ["--logfile", str(worker_log)],
            cwd=ROOT,
            env=env,
        )
        try:
            with WebServer(env, web_log) as web:
                manage(env, "shell", "-c", ENQUEUE)
                wait_until(fault.done.is_set, seconds=300, what=f"e-mail {NTH}")
                during = [web.get("/accounts/login/", language) for language in ("de", "en")]
                wait_until(restarted.is_set, seconds=60, what="PostgreSQL to start again")
                wait_until(
                    lambda: "succeeded" in worker_log.read_text(), seconds=300, what="the sweep"
                )
                after = web.get("/accounts/login/")
        finally:
            worker.terminate()
            worker.wait(timeout=60)
        log = worker_log.read_text()
        assert "Retry in 1s" in log and "Traceback" not in log
        total = len(database.ledger_ids())
        assert database.states() == Counter({"sent": total})
        assert_each_reminder_once(database, smtp, FEW)
    (de_status, de_page), (en_status, en_page) = during
    assert de_status == en_status == 503
    assert "Gleich wieder da" in de_page and "Back in a moment" in en_page
    assert after[0] == 200
    served = web_log.read_text()
    assert "answered with the maintenance page" in served
    assert "Traceback" not in served and "Internal Server Error" not in served


def test_redis_down_under_the_readiness_probe_keeps_the_site_in_service(env, tmp_path):
    """Without Redis only background work waits: readiness stays 200 and reports the broker, the
    metric says 0, pages answer, and a sweep run by hand reminds everyone once."""
    redis = RedisServer()
    try:
        redis.start()
        env = {**env, "REDIS_URL": redis.url}
        with RecordingSMTPServer() as smtp, WebServer(env, tmp_path / "web.log") as web:
            env, database = due(env, smtp)
            status, body = web.get("/healthz")
            assert status == 200 and '"broker": "ok"' in body
            redis.kill()
            status, body = web.get("/healthz")
            assert (
                status == 200 and '"database": "ok"' in body and '"broker": "unavailable"' in body
            )
            assert (
                'portal_dependency_up{dependency="broker"} 0.0'
                in web.get("/metrics", token="fault-tests")[1]
            )
            assert web.get("/accounts/login/")[0] == 200
            out = sweep(env).stdout
            total = len(database.ledger_ids())
            assert f"E-mails sent: {total}" in out
            assert database.states() == Counter({"sent": total})
            assert_each_reminder_once(database, smtp, FEW)
    finally:
        redis.destroy()


ENQUEUE = """
from notifications.tasks import send_reminders
send_reminders.delay()
"""
