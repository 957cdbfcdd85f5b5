"""A KPI import run by a real Celery worker (Redis in CI, the filesystem broker otherwise)."""

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ..notifications.test_real_worker import ROOT, manage, scratch_env  # noqa: F401  (fixture)

pytestmark = pytest.mark.integration

START = """
from django.core.files.base import ContentFile
from kpis import services
from kpis.models import KpiImport
from people.models import User
emails = list(User.objects.filter(role="agent").order_by("pk").values_list("email", flat=True))
rows = "".join(f"{e};01.06.2026;Telefon;1.210;345;81 %;4,4;25;86,5\\n" for e in emails)
content = ("agent_email;week;channel;contacts;aht;fcr;csat;csat_answers;qa\\n" + rows).encode()
kpi_import = KpiImport(source=services.source_for("itest"), file_name="acd.csv")
kpi_import.file.save("acd.csv", ContentFile(content), save=True)
services.kpi_import_start(kpi_import=kpi_import, mapping={
    "agent": "agent_email", "period_start": "week", "channel": "channel", "contacts": "contacts",
    "aht_seconds": "aht", "fcr": "fcr", "csat": "csat", "csat_answers": "csat_answers", "qa_score": "qa"},
    preset_name="portal", confirm=True)
print(kpi_import.pk, len(emails))
"""

STATUS = """
import json
from kpis.models import KpiImport, KpiRecord
i = KpiImport.objects.get(pk={pk})
print(json.dumps({{"status": i.status, "imported": i.imported_rows, "records": KpiRecord.objects.filter(source="itest").count(),
                  "progress": i.progress}}))
"""


def test_a_kpi_import_runs_on_a_real_worker_with_progress(scratch_env, tmp_path):  # noqa: F811
    scratch_env["MEDIA_ROOT"] = str(tmp_path / "media")
    manage(scratch_env, "migrate", "--noinput", "-v0")
    manage(scratch_env, "seed_demo")
    worker = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("celery")),
            "-A",
            "portal",
            "worker",
            "--concurrency",
            "1",
            "-Q",
            scratch_env["CELERY_QUEUE"],
            "--loglevel",
            "INFO",
            "--without-heartbeat",
            "--without-mingle",
            "--without-gossip",
            "--logfile",
            str(tmp_path / "worker.log"),
        ],
        cwd=ROOT,
        env=scratch_env,
    )
    try:
        pk, agents = map(
            int, manage(scratch_env, "shell", "-c", START).stdout.strip().splitlines()[-1].split()
        )
        report = {}
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            report = json.loads(
                manage(scratch_env, "shell", "-c", STATUS.format(pk=pk))
                .stdout.strip()
                .splitlines()[-1]
            )
            if report["status"] in ("done", "failed", "checked"):
                break
            time.sleep(1)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    assert report == {"status": "done", "imported": agents, "records": agents, "progress": 100}, (
        tmp_path / "worker.log"
    ).read_text()
