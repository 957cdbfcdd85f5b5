"""python -m bench: see bench/__init__.py."""

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from . import environment, report

ROOT = Path(__file__).resolve().parent.parent


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "--agents", type=int, default=500, help="agents to seed into an empty database (500)"
    )
    parser.add_argument("--years", type=int, default=1, help="years of history to seed (1)")
    parser.add_argument(
        "--reseed", action="store_true", help="empty the database and seed it again, timed"
    )
    parser.add_argument(
        "--requests", type=int, default=20, help="measured requests per page, after warm-up (20)"
    )
    parser.add_argument(
        "--only",
        default="",
        help="comma-separated: pages,sweep,exports,kpi,api,copy,calibration,objectives (default: all)",
    )
    parser.add_argument(
        "--pages", default="", help="comma-separated words; only pages whose name has one"
    )
    parser.add_argument(
        "--kpi-rows", type=int, default=100_000, help="rows of the generated KPI file (100000)"
    )
    parser.add_argument(
        "--json", default="var/bench.json", help="where to write the results (var/bench.json)"
    )
    parser.add_argument(
        "--compare", nargs=2, metavar=("BEFORE", "AFTER"), help="compare two result files"
    )
    args = parser.parse_args(argv)
    if args.compare:
        before, after = (json.loads(Path(p).read_text()) for p in args.compare)
        print(report.comparison(before, after))
        return 0
    if args.requests < 20:
        parser.error("--requests must be at least 20")
    parts = set(filter(None, args.only.split(","))) or {
        "pages",
        "sweep",
        "exports",
        "kpi",
        "api",
        "copy",
        "calibration",
        "objectives",
    }

    environment.setup()
    if parts <= {"calibration"}:  # the statistics alone: computed in memory, no database needed
        result: dict = {"meta": _meta(database=False), "seed": None}
    else:
        result = {"meta": _meta(), "seed": _prepare_database(args)}
    result["meta"].update(_size() if parts - {"calibration"} else {"agents": 0, "teams": 0})
    print(
        f"Database: {result['meta']['database']}, {result['meta']['agents']} agents, "
        f"{result['meta']['teams']} teams",
        flush=True,
    )
    if "pages" in parts:
        from .measure_pages import measure_pages

        print("Pages:", flush=True)
        result["pages"] = measure_pages(args.requests, only=[w for w in args.pages.split(",") if w])
    if "objectives" in parts:
        from .objectives import measure_objectives

        print("Objective progress across teams (HR):", flush=True)
        result["objectives"] = measure_objectives(args.requests)
    if "sweep" in parts:
        print("Reminder sweep…", flush=True)
        result["sweep"] = _job("sweep")
    if "exports" in parts:
        print("Exports…", flush=True)
        result["exports"] = [_job("export", kind) for kind in ("csv", "xlsx", "pdf")]
    if "copy" in parts:
        print("Copies of personal data (produced in the background)…", flush=True)
        from .pages import AGENT, LEAD

        result["data_copies"] = [_job("data_copy", email) for email in (AGENT, LEAD)]
    if "kpi" in parts:
        print("KPI import…", flush=True)
        result["kpi_import"] = _kpi_import(args.kpi_rows)
    if "api" in parts:
        print("KPI upload through the API…", flush=True)
        result["kpi_api"] = _job("kpi_api", str(args.kpi_rows))
        from .api_lists import measure_api_lists

        print("API lists (a page of 100 against the bare page):", flush=True)
        result["api_lists"] = measure_api_lists(args.requests)
    if "calibration" in parts:
        print("Calibration statistics…", flush=True)
        from . import calibration

        result["calibration"] = calibration.measure()
    print()
    print(report.markdown(result))
    path = Path(args.json)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2, default=str))
    print(f"\nResults written to {path}")
    return 0


def _meta(database: bool = True) -> dict:
    from django.db import connection

    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    )
    return {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": commit.stdout.strip(),
        "database": _database_name(connection) if database else "no database (in memory)",
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "cpu": _cpu_name(),
        "load_average": os.getloadavg(),
    }


def _database_name(connection) -> str:
    if connection.vendor == "postgresql":
        version = connection.cursor().connection.server_version
        return f"PostgreSQL {version // 10000}.{version % 100}"
    return f"SQLite {connection.Database.sqlite_version}"


def _cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def _size() -> dict:
    from people import access
    from people.models import Team

    return {"agents": access.agents().count(), "teams": Team.objects.count()}


def _prepare_database(args) -> dict | None:
    """Migrate; seed an empty database (or, with --reseed, an emptied one) and time the seed."""
    from django.core.management import call_command

    from people.demo import demo_exists

    call_command("migrate", verbosity=0)
    if demo_exists() and not args.reseed:
        return None
    if args.reseed:
        call_command("flush", interactive=False, verbosity=0)
    print(f"Seeding {args.agents} agents × {args.years} year(s)…", flush=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "seed_demo",
            "--agents",
            str(args.agents),
            "--years",
            str(args.years),
            "-v",
            "2",
        ],
        cwd=ROOT,
        check=True,
    )
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "agents": args.agents,
        "years": args.years,
        "seconds": seconds,
        "cpu_seconds": (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime),
        "peak_mb": after.ru_maxrss / 1024,
        "rows": _rows(),
    }


def _rows() -> int:
    from django.apps import apps

    return sum(
        m.objects.count()
        for m in apps.get_models(include_auto_created=True)
        if m._meta.app_label
        in {"people", "skills", "plans", "training", "kpis", "feedback", "reviews", "briefings"}
    )


def _job(name: str, *args: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "bench.job", name, *args],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        env=os.environ.copy(),
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _kpi_import(rows: int) -> dict:
    from .kpi_file import write_kpi_file

    with tempfile.TemporaryDirectory() as folder:
        path = write_kpi_file(Path(folder) / "kpis.csv", rows)
        return _job("kpi_import", str(path), "Bench import")


if __name__ == "__main__":
    sys.exit(main())
