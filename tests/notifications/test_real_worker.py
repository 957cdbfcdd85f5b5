"""The reminder sweep on a real Celery worker: queued twice at once, each reminder goes out once.

Runs a worker subprocess against a scratch database: PostgreSQL + Redis when
DATABASE_URL and REDIS_URL are set (as in CI), otherwise a SQLite file and
kombu's filesystem transport (the embedded default).
"""

import ast
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .real_processes import ROOT, manage

pytestmark = pytest.mark.integration

REPORT = """
import ast
import json
from django.db.models import Count
from notifications.models import Notification, ReminderLedger
sent = ReminderLedger.objects.filter(email_state="sent")
print(json.dumps({
    "ledger_sent": sent.count(),
    "ledger_rows": ReminderLedger.objects.count(),
    "notifications": Notification.objects.count(),
    "max_per_key": max([r["n"] for r in ReminderLedger.objects.values("kind", "content_type", "object_id",
                        "recipient").annotate(n=Count("id"))] or [0]),
}))
"""

ENQUEUE_TWICE = """
from notifications.tasks import send_reminders
send_reminders.delay()
send_reminders.delay()
"""


@pytest.fixture
def scratch_env(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env["EMAIL_URL"] = f"filemail:///{tmp_path / 'mail'}"  # django-environ drops one leading slash
    env["CELERY_QUEUE"] = f"itest-{os.getpid()}"
    env["CELERY_FILESYSTEM_DIR"] = str(tmp_path / "celery")
    database_url = os.environ.get("DATABASE_URL", "")
    cleanup = None
    if database_url.startswith("postgres"):
        import psycopg2

        name = f"portal_itest_{os.getpid()}"
        base, _, _ = database_url.rpartition("/")
        admin = psycopg2.connect(f"{base}/postgres")
        admin.autocommit = True
        admin.cursor().execute(f"DROP DATABASE IF EXISTS {name}")
        admin.cursor().execute(f"CREATE DATABASE {name}")
        env["DATABASE_URL"] = f"{base}/{name}"

        def cleanup():
            admin.cursor().execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            admin.close()
    else:
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'itest.sqlite3'}"
    yield env
    if cleanup:
        cleanup()


def test_two_sweeps_queued_at_once_on_a_real_worker_send_each_reminder_once(scratch_env, tmp_path):
    manage(scratch_env, "migrate", "--noinput", "-v0")
    manage(scratch_env, "seed_demo")  # its open notes make feedback reminders due right now
    log = tmp_path / "worker.log"
    worker = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("celery")),
            "-A",
            "portal",
            "worker",
            "--concurrency",
            "2",
            "--pool",
            "prefork",
            "-Q",
            scratch_env["CELERY_QUEUE"],
            "--loglevel",
            "INFO",
            "--without-heartbeat",
            "--without-mingle",
            "--without-gossip",
            "--logfile",
            str(log),
        ],
        cwd=ROOT,
        env=scratch_env,
    )
    try:
        manage(scratch_env, "shell", "-c", ENQUEUE_TWICE)
        results = []
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and len(results) < 2:
            time.sleep(1)
            text = log.read_text() if log.exists() else ""
            results = re.findall(r"send_reminders\[[^\]]+\] succeeded in [\d.e-]+s: (\{.*\})", text)
            assert "Traceback" not in text, text
        assert len(results) == 2, log.read_text()
    finally:
        worker.terminate()
        worker.wait(timeout=30)

    report = json.loads(manage(scratch_env, "shell", "-c", REPORT).stdout.strip().splitlines()[-1])
    sent_by_sweeps = sum(sum(ast.literal_eval(r)["sent"].values()) for r in results)
    emails = (
        sum(f.read_text().count("Message-ID:") for f in (tmp_path / "mail").glob("*"))
        if (tmp_path / "mail").exists()
        else 0
    )
    assert report["ledger_sent"] > 0
    assert report["max_per_key"] == 1
    assert (
        report["ledger_sent"]
        == report["ledger_rows"]
        == report["notifications"]
        == sent_by_sweeps
        == emails
    )
    # Nothing is left to send: a third sweep by hand finds everything done.
    assert "No reminders were due." in manage(scratch_env, "send_reminders").stdout
