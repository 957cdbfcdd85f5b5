"""`make run` serves the portal as a product on plain HTTP, and `make dev` stays the debug server."""

import os
import re
import signal
import socket
import sqlite3
import subprocess
import time
import urllib.error
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.parse import urlencode

import pytest

ROOT = Path(__file__).resolve().parents[2]
# One `make run` serves the whole module: its tests stay on one worker of a parallel run.
pytestmark = [pytest.mark.database_independent, pytest.mark.xdist_group("make_run")]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(opener, url, data=None):
    try:
        with opener.open(url, data=data, timeout=30) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """`make run` on a fresh SQLite database and a free port, once it says where it serves;
    yields (base URL, its terminal output, db path, the folder of its files)."""
    tmp = tmp_path_factory.mktemp("make-run")
    port = free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {"DATABASE_URL", "REDIS_URL", "DEBUG", "SITE_URL", "SECRET_KEY", "PYTEST_ADDOPTS"}
    }
    env.update(
        {
            "DATABASE_URL": f"sqlite:///{tmp / 'db.sqlite3'}",
            "STATIC_ROOT": str(tmp / "static"),
            "MEDIA_ROOT": str(tmp / "media"),
            "CELERY_FILESYSTEM_DIR": str(tmp / "celery"),
        }
    )
    env.pop("EMAIL_URL", None)
    log = tmp / "make-run.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [
                "make",
                "--no-print-directory",
                "run",
                f"PORT={port}",
                f"SECRET_KEY_FILE={tmp / 'secret_key'}",
                f"MAIL_DIR={tmp / 'mail'}",
                f"LOG_DIR={tmp / 'log'}",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300  # a wait for start-up, not a timing assertion
    while time.monotonic() < deadline and process.poll() is None:
        if "\nServing on " in log.read_text():
            break
        time.sleep(0.5)
    try:
        assert process.poll() is None, log.read_text()
        yield base, log, tmp / "db.sqlite3", tmp
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def test_make_run_shows_the_portals_own_404_and_no_debug_page(served):
    base = served[0]
    status, _, body = fetch(urllib.request.build_opener(), f"{base}/no-such-page/")
    assert status == 404
    assert "The page you asked for does not exist" in body
    assert "URLconf" not in body and "DEBUG = True" not in body


def test_make_run_serves_static_files_through_whitenoise_with_hashed_names(served):
    base = served[0]
    status, _, body = fetch(urllib.request.build_opener(), f"{base}/accounts/login/")
    stylesheet = re.search(
        r'href="(/static/vendor/bootstrap/bootstrap\.min\.[0-9a-f]{12}\.css)"', body
    )
    assert stylesheet, body[:2000]
    status, headers, _ = fetch(urllib.request.build_opener(), base + stylesheet.group(1))
    assert status == 200
    assert "max-age=315360000" in headers["Cache-Control"]


def test_make_run_lets_a_demo_user_sign_in_over_plain_http(served):
    base = served[0]
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect())
    status, headers, body = fetch(opener, f"{base}/accounts/login/")
    assert status == 200
    assert "Secure" not in headers.get("Set-Cookie", "")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    form = urlencode(
        {"csrfmiddlewaretoken": token, "username": "lead@demo.example", "password": "demo1234"}
    )
    status, headers, _ = fetch(opener, f"{base}/accounts/login/", data=form.encode())
    assert status == 302, "signed in and sent on"
    assert {cookie.name for cookie in jar} >= {"sessionid", "csrftoken"}
    assert not any(cookie.secure for cookie in jar)


def test_make_run_sweeps_reminders_once_at_start_with_links_to_its_port(served):
    base, log, database, tmp = served
    with sqlite3.connect(database) as connection:
        sent = connection.execute("SELECT COUNT(*) FROM notifications_reminderledger").fetchone()[0]
    assert sent > 0
    assert int(re.search(r"E-mails sent: (\d+)", log.read_text()).group(1)) == sent
    mail = "".join(path.read_text() for path in (tmp / "mail").iterdir())
    assert mail.count("\nMessage-ID: <reminder.") == sent, "every e-mail is in the mail folder"
    assert f"{base}/" in mail, "links in the e-mails point to the port make run serves"
    assert "http://127.0.0.1:8000/" not in mail


def test_make_run_ends_with_the_address_and_the_demo_logins_and_prints_no_e_mail(served):
    base, log, _, tmp = served
    fetch(urllib.request.build_opener(), f"{base}/accounts/login/")  # a request logs nothing here
    output = log.read_text()
    assert output.rstrip().splitlines()[-3:] == [
        f"E-mails are written to files in {tmp / 'mail'}/, logs to {tmp / 'log'}/; Ctrl-C stops the portal.",
        f"Serving on {base}",
        "Demo logins (password demo1234): lead@demo.example, agent@demo.example, hr@demo.example, admin@demo.example",
    ]
    assert "Subject:" not in output and "Message-ID:" not in output
    assert "GET /accounts/login/" in (tmp / "log" / "access.log").read_text()


def test_make_run_keeps_its_generated_secret_key_private(served):
    key_file = served[3] / "secret_key"
    assert len(key_file.read_text().strip()) >= 50
    assert key_file.stat().st_mode & 0o077 == 0


def test_make_dev_is_the_debug_development_server():
    dry_run = subprocess.run(
        ["make", "-n", "dev", "PORT=8199"], cwd=ROOT, capture_output=True, text=True, timeout=60
    ).stdout
    assert "DEBUG=${DEBUG:-true}" in dry_run
    assert "manage.py runserver 127.0.0.1:8199" in dry_run
