"""JSON logs for log collectors; unhandled errors to Sentry without personal data."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import sentry_sdk
from django.urls import path

from portal import observability

ROOT = Path(__file__).resolve().parents[2]


def manage_shell(code, **env_overrides):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "LOG_FORMAT", "SENTRY_DSN"}
    }
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.database_independent
def test_log_format_json_writes_one_json_object_per_line():
    result = manage_shell(
        "import logging; logging.getLogger('portal.ops').warning('disk %s full', 'media')",
        LOG_FORMAT="json",
    )
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stderr.strip().splitlines()[-1])
    assert record["message"] == "disk media full"
    assert record["level"] == "WARNING"
    assert record["logger"] == "portal.ops"
    assert "time" in record


@pytest.mark.database_independent
def test_plain_text_logs_are_the_default():
    result = manage_shell("import logging; logging.getLogger('portal.ops').warning('disk full')")
    assert result.stderr.strip().splitlines()[-1] == "disk full"


@pytest.mark.database_independent
def test_an_unknown_log_format_stops_the_start():
    env = {**os.environ, "LOG_FORMAT": "xml"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "LOG_FORMAT must be 'text' or 'json'" in result.stderr


@pytest.mark.database_independent
def test_sentry_starts_only_with_a_dsn():
    code = "import sentry_sdk; print(sentry_sdk.get_client().is_active())"
    assert manage_shell(code).stdout.strip().splitlines()[-1] == "False"
    with_dsn = manage_shell(code, SENTRY_DSN="https://public@sentry.example.invalid/1")
    assert with_dsn.stdout.strip().splitlines()[-1] == "True"


def broken_view(request):
    raise RuntimeError("the review export broke")


urlpatterns = [path("broken/", broken_view)]


class CapturingTransport(sentry_sdk.transport.Transport):
    def __init__(self, options=None):
        super().__init__(options)
        self.envelopes = []

    def capture_envelope(self, envelope):
        self.envelopes.append(envelope)


@pytest.fixture
def sentry_events():
    transport = CapturingTransport()
    observability.init_sentry(
        "https://public@sentry.example.invalid/1",
        environment="test",
        traces_sample_rate=0.0,
        transport=transport,
    )
    yield transport
    sentry_sdk.get_client().close()
    sentry_sdk.init()


def test_an_unhandled_error_reaches_sentry_without_personal_data(
    client, agent, settings, sentry_events
):
    settings.ROOT_URLCONF = __name__
    client.raise_request_exception = False
    client.force_login(agent)
    response = client.post(
        "/broken/?agent=Jonas", {"comment": "private words"}, REMOTE_ADDR="203.0.113.7"
    )
    assert response.status_code == 500
    sentry_sdk.flush()
    events = [
        item.payload.json
        for envelope in sentry_events.envelopes
        for item in envelope.items
        if item.type == "event"
    ]
    assert len(events) == 1
    assert events[0]["exception"]["values"][-1]["value"] == "the review export broke"
    event_text = json.dumps(events[0])
    assert agent.email not in event_text
    assert "203.0.113.7" not in event_text
    assert "private words" not in event_text
    assert "Jonas" not in event_text
