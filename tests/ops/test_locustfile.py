"""The load test's journeys work: a short Locust run against a live portal has no failures."""

import csv
import os
import subprocess
import sys
import threading
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest
from django.core.wsgi import get_wsgi_application
from django.db import connections

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def demo(transactional_db, seeded_demo):
    seeded_demo.restore()


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def portal_url(demo):
    """The portal served one request at a time (the test database may be SQLite in memory,
    which concurrent threads cannot share); its connections are closed when it stops."""
    server = make_server("127.0.0.1", 0, get_wsgi_application(), handler_class=QuietHandler)

    def serve():
        try:
            server.serve_forever(poll_interval=0.1)
        finally:
            connections.close_all()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=30)
    server.server_close()


def test_leads_agents_and_hr_get_through_their_journeys_without_errors(portal_url, tmp_path):
    locust = Path(sys.executable).with_name("locust")
    env = {
        **{k: v for k, v in os.environ.items() if k != "LOADTEST_USERS"},
        "LOADTEST_ONE_OF_EACH": "true",
    }
    result = subprocess.run(
        [
            str(locust),
            "-f",
            "bench/locustfile.py",
            "--headless",
            "--users",
            "3",
            "--spawn-rate",
            "3",
            "--run-time",
            "25s",
            "--host",
            portal_url,
            "--csv",
            str(tmp_path / "smoke"),
            "--only-summary",
            "--loglevel",
            "WARNING",
            "--stop-timeout",
            "10",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    rows = {row["Name"]: row for row in csv.DictReader((tmp_path / "smoke_stats.csv").open())}
    failures = (tmp_path / "smoke_failures.csv").read_text()
    assert int(rows["Aggregated"]["Failure Count"]) == 0, failures + result.stderr[-3000:]
    visited = set(rows) - {"Aggregated"}
    assert {"sign in", "/dashboard/", "/me/", "/hr/"} <= visited, visited
    assert int(rows["Aggregated"]["Request Count"]) >= 8
