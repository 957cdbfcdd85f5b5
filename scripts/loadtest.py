"""`make loadtest`: the portal under load as in production, on this machine.

gunicorn with 4 workers, 2 Celery workers and beat on PostgreSQL and Redis, the demo seeded
with 5,000 agents; Locust (bench/locustfile.py) runs 100 people for 60 s headless and this
prints requests per second, median and 95th-percentile latency and errors.
Needs DATABASE_URL (PostgreSQL) and REDIS_URL; LOADTEST_PORT, LOADTEST_USERS_COUNT,
LOADTEST_SECONDS and LOADTEST_AGENTS change the defaults.
"""

import csv
import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "var" / "loadtest"
BIN = Path(sys.executable).parent
SPAWN_RATE = 10
# Signed-in sessions for the simulated people. People sign in once per working day, and a
# sign-in costs Django's PBKDF2 (1,000,000 iterations, about 0.3 s of CPU) on purpose, so the
# load test measures the day's journeys, not 100 sign-ins in the first seconds.
USERS_SQL = """
import json
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from people import access

def session(user):
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return [user.email, store.session_key]

people = {kind: [session(u) for u in users.filter(is_active=True).order_by("id")[:300]]
          for kind, users in (("lead", access.team_leads()), ("agent", access.agents()), ("hr", access.hr_staff()))}
print(json.dumps({"cookie": settings.SESSION_COOKIE_NAME, "people": people}))
"""


def product_env():
    database, redis = os.environ.get("DATABASE_URL", ""), os.environ.get("REDIS_URL", "")
    if not database.startswith("postgres") or not redis.startswith("redis"):
        sys.exit(
            "make loadtest needs PostgreSQL and Redis: set DATABASE_URL=postgres://... and REDIS_URL=redis://..."
        )
    key_file = ROOT / "var" / "secret_key"
    if not key_file.exists():
        key_file.parent.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50) + "\n")
        key_file.chmod(0o600)
    port = os.environ.get("LOADTEST_PORT", "8106")
    return port, {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": key_file.read_text().strip(),
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "TRUSTED_PROXY_COUNT": "0",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "EMAIL_URL": "dummymail://",
        "CONN_MAX_AGE": "60",
        "REMINDER_SWEEP_SECONDS": "30",
        "LOG_LEVEL": "WARNING",
        "CACHE_URL": os.environ.get("CACHE_URL") or next_database(redis),
    }


def next_database(redis_url):
    """The broker's Redis with the next database number, for the shared cache (as in production)."""
    base, _, database = redis_url.rstrip("/").rpartition("/")
    if not database.isdigit():
        return redis_url.rstrip("/") + "/1"
    return f"{base}/{(int(database) + 1) % 16}"


def manage(env, *args, **kwargs):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, **kwargs
    )


def prepare(env, agents):
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "seed_demo", "--agents", str(agents))
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    # A running site has long sent the reminders that three seeded years leave due; the minute
    # measured sees the sweep as it runs every 30 s on a live site, not the one-off backlog.
    manage(env, "send_reminders", stdout=subprocess.DEVNULL)
    users = json.loads(
        manage(env, "shell", "-c", USERS_SQL, capture_output=True, text=True).stdout.splitlines()[
            -1
        ]
    )
    if len(users["people"]["agent"]) < min(agents, 300):
        sys.exit(
            f"The database holds a smaller demo; load-test on an empty database so {agents} agents are seeded."
        )
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "users.json").write_text(json.dumps(users))


def start(env, port):
    def spawn(*command):
        return subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            start_new_session=True,
            stdout=(OUT / "servers.log").open("a"),
            stderr=subprocess.STDOUT,
        )

    return [
        spawn(
            str(BIN / "gunicorn"),
            "portal.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "4",
        ),
        spawn(
            str(BIN / "celery"),
            "-A",
            "portal",
            "worker",
            "-n",
            "loadtest1@%h",
            "--concurrency",
            "1",
        ),
        spawn(
            str(BIN / "celery"),
            "-A",
            "portal",
            "worker",
            "-n",
            "loadtest2@%h",
            "--concurrency",
            "1",
        ),
        spawn(
            str(BIN / "celery"), "-A", "portal", "beat", "--schedule", str(OUT / "beat-schedule")
        ),
    ]


def wait_until_serving(url):
    for _ in range(120):
        try:
            urllib.request.urlopen(url, timeout=5)  # nosec B310  # our own http:// URL on localhost
            return
        except OSError:
            time.sleep(1)
    sys.exit(f"The portal did not start; see {OUT / 'servers.log'}.")


def summary(stats_csv):
    rows = {row["Name"]: row for row in csv.DictReader(stats_csv.open())}
    total = rows["Aggregated"]
    return {
        "requests": int(total["Request Count"]),
        "errors": int(total["Failure Count"]),
        "rps": float(total["Requests/s"]),
        "median_ms": float(total["50%"]),
        "p95_ms": float(total["95%"]),
        "slowest_p95": sorted(
            ((float(r["95%"]), name) for name, r in rows.items() if name != "Aggregated"),
            reverse=True,
        )[:5],
    }


def main():
    port, env = product_env()
    users, seconds = (
        os.environ.get("LOADTEST_USERS_COUNT", "100"),
        os.environ.get("LOADTEST_SECONDS", "60"),
    )
    prepare(env, int(os.environ.get("LOADTEST_AGENTS", "5000")))
    processes = start(env, port)
    try:
        wait_until_serving(f"http://127.0.0.1:{port}/accounts/login/")
        # The figures cover the `seconds` after the last person has arrived (--reset-stats), not the ramp-up.
        spawn_seconds = -(-int(users) // SPAWN_RATE)
        subprocess.run(
            [
                str(BIN / "locust"),
                "-f",
                "bench/locustfile.py",
                "--headless",
                "--users",
                users,
                "--spawn-rate",
                str(SPAWN_RATE),
                "--reset-stats",
                "--run-time",
                f"{int(seconds) + spawn_seconds}s",
                "--host",
                f"http://127.0.0.1:{port}",
                "--csv",
                str(OUT / "stats"),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            env={**env, "LOADTEST_USERS": str(OUT / "users.json")},
            check=False,
        )
    finally:
        for process in processes:
            os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            process.wait(timeout=60)
    result = summary(OUT / "stats_stats.csv")
    print(
        f"\n{users} users, {seconds} s: {result['requests']} requests, {result['rps']:.1f} requests/s, "
        f"median {result['median_ms']:.0f} ms, 95th percentile {result['p95_ms']:.0f} ms, "
        f"{result['errors']} errors (target: 0 errors, 95th percentile < 500 ms)"
    )
    print(
        "Slowest (95th percentile): "
        + ", ".join(f"{name} {p95:.0f} ms" for p95, name in result["slowest_p95"])
    )
    (OUT / "summary.json").write_text(json.dumps(result, indent=2))
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
