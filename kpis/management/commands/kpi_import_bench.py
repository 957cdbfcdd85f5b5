"""Measure the KPI import on a generated file: rows/s and peak memory, first import and re-import.

Not a test (no timing belongs in the suite): run it by hand or from `make bench`, e.g.
    DATABASE_URL=postgres://… manage.py kpi_import_bench --rows 100000
Each import runs in its own process (`manage.py import_kpis`), so its peak memory is its own.
"""

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from kpis.models import KpiRecord
from people.models import Role, User

SOURCE = "kpi-bench"


class Command(BaseCommand):
    help = "Generate a KPI file and time its import and re-import in separate processes."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=100_000)
        parser.add_argument("--agents", type=int, default=500)
        parser.add_argument("--child", help=argparse.SUPPRESS)
        parser.add_argument("--output", help="also write the figures as JSON to this file")

    def handle(self, *args, rows, agents, child, output=None, **options):
        if child:
            return self._child(child)
        emails = _bench_agents(agents)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "kpis.csv"
            written = _write_file(path, emails, rows)
            KpiRecord.objects.filter(source=SOURCE).delete()
            first = self._measure(path)
            again = self._measure(path)
        figures = {
            "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
            "rows": written,
            "file_mb": round(first["file_bytes"] / 1e6, 1),
            "first_import": first,
            "reimport": again,
        }
        for label, run in (("first import", first), ("re-import", again)):
            self.stdout.write(
                f"{label}: {written} rows in {run['seconds']:.2f} s = {written / run['seconds']:,.0f} rows/s "
                f"(this process's CPU: {run['cpu_seconds']:.2f} s = {written / run['cpu_seconds']:,.0f} rows/s), "
                f"peak RSS {run['peak_mb']:.0f} MB (+{run['growth_mb']:.0f} MB during the import)"
            )
        if output:
            Path(output).write_text(json.dumps(figures, indent=2))

    def _measure(self, path: Path) -> dict:
        output = subprocess.run(
            [sys.executable, sys.argv[0], "kpi_import_bench", "--child", str(path)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        result = json.loads(output.strip().splitlines()[-1])
        result["file_bytes"] = path.stat().st_size
        return result

    def _child(self, path):
        usage = resource.getrusage(resource.RUSAGE_SELF)
        started = time.perf_counter()
        with open(os.devnull, "w") as devnull:
            call_command("import_kpis", path, "--source", SOURCE, stdout=devnull)
        seconds = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_SELF)
        cpu = after.ru_utime + after.ru_stime - usage.ru_utime - usage.ru_stime
        self.stdout.write(
            json.dumps(
                {
                    "seconds": round(seconds, 3),
                    "cpu_seconds": round(cpu, 3),
                    "peak_mb": round(after.ru_maxrss / 1024, 1),
                    "growth_mb": round((after.ru_maxrss - usage.ru_maxrss) / 1024, 1),
                }
            )
        )


def _bench_agents(count: int) -> list:
    emails = [f"bench.agent{i}@bench.example" for i in range(count)]
    existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    User.objects.bulk_create(
        [
            User(email=e, first_name="Bench", last_name=f"Agent {i}", role=Role.AGENT)
            for i, e in enumerate(emails)
            if e not in existing
        ]
    )
    return emails


def _write_file(path: Path, emails: list, rows: int) -> int:
    """The portal's own format: agents × weeks × two channels, going back from last week."""
    generator = random.Random(16)
    monday = timezone.localdate() - timedelta(days=timezone.localdate().weekday() + 7)
    weeks = max(1, rows // (len(emails) * 2) + 1)
    written = 0
    with path.open("w", encoding="utf-8") as handle:
        handle.write("agent_email,week,channel,contacts,aht,fcr,csat,csat_answers,qa\n")
        for week in range(weeks):
            day = (monday - timedelta(weeks=week)).isoformat()
            for email in emails:
                for channel in ("phone", "chat"):
                    if written == rows:
                        return written
                    handle.write(
                        f"{email},{day},{channel},{generator.randint(20, 300)},{generator.randint(180, 900)},"
                        f"{generator.randint(50, 95) / 100},{generator.randint(30, 50) / 10},"
                        f"{generator.randint(0, 40)},{generator.randint(600, 1000) / 10}\n"
                    )
                    written += 1
    return written
