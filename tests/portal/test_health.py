"""Health: liveness without I/O, readiness that fails only with the database, a broker that is reported
(and measured) but never takes a web server out, and a broker check that never hangs."""

import socket
import threading

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from notifications.models import ReminderLedger
from portal import health
from portal.version import VERSION

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_broker_answer():
    health.forget_broker_state()
    yield
    health.forget_broker_state()


@pytest.fixture
def silent_server():
    """Accepts TCP connections and never says a word, like a hung broker."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    accepted = []
    stop = threading.Event()

    def accept():
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1], accepted
    stop.set()
    thread.join()
    for conn in accepted:
        conn.close()
    server.close()


@pytest.fixture
def filesystem_broker(settings, tmp_path):
    settings.CELERY_BROKER_URL = "filesystem://"
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(tmp_path),
        "data_folder_out": str(tmp_path),
    }


def failed_attempts(n, error="SMTPServerDisconnected: gone"):
    from django.utils import timezone

    from tests.factories import UserFactory

    user = UserFactory()
    # A real content type: after a transactional test the ids start anew, so 1 may not exist.
    content_type = ContentType.objects.get_for_model(user)
    for i in range(n):
        ReminderLedger.objects.create(
            kind=f"k{i}",
            content_type=content_type,
            object_id=i,
            recipient=user,
            email_state="pending",
            email_attempts=1,
            email_last_error=error,
            email_last_attempt_at=timezone.now(),
        )


def test_liveness_answers_without_touching_the_database(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/healthz/live")
    assert response.status_code == 200 and response.json() == {"status": "ok"}
    assert len(queries) == 0


def test_liveness_answers_even_while_the_database_is_down(client, monkeypatch):
    monkeypatch.setattr(
        health, "database_state", lambda: pytest.fail("liveness must not ask the database")
    )
    assert client.get("/healthz/live").status_code == 200


def test_readiness_reports_database_broker_and_mail(client, filesystem_broker):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "ok", "mail": "ok", "version": VERSION}


def test_readiness_stays_200_and_reports_a_broker_that_refuses_connections(client, settings):
    """Issue 25: every page works without the broker, so its outage must not take web servers out."""
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "database": "ok",
        "broker": "unavailable",
        "mail": "ok",
        "version": VERSION,
    }


def test_the_broker_and_database_states_are_metrics(client, settings):
    settings.METRICS_TOKEN = "scrape"
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    page = client.get("/metrics", headers={"Authorization": "Bearer scrape"}).content.decode()
    assert 'portal_dependency_up{dependency="broker"} 0.0' in page
    assert 'portal_dependency_up{dependency="database"} 1.0' in page


def test_a_broker_that_never_answers_is_unavailable_within_the_short_timeout(
    client, settings, silent_server
):
    port, accepted = silent_server
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{port}/0"
    assert settings.HEALTH_BROKER_TIMEOUT <= 0.3
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json()["broker"] == "unavailable"
    assert len(accepted) == 1  # one connection, no retries


def test_the_broker_answer_is_kept_for_a_few_seconds(client, settings, silent_server):
    port, accepted = silent_server
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{port}/0"
    for _ in range(5):
        assert client.get("/healthz").json()["broker"] == "unavailable"
    assert len(accepted) == 1  # asked once, answered five times


def test_the_broker_is_asked_again_once_the_cache_expired(settings, silent_server):
    port, accepted = silent_server
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{port}/0"
    settings.HEALTH_CACHE_SECONDS = 0
    health.broker_state()
    health.broker_state()
    assert len(accepted) == 2


def test_the_filesystem_broker_of_the_embedded_default_is_ok_while_its_folder_is_writable(
    filesystem_broker,
):
    assert health.broker_state() == "ok"


def test_readiness_answers_503_when_the_database_is_down(client, monkeypatch, filesystem_broker):
    monkeypatch.setattr(health, "database_state", lambda: health.UNAVAILABLE)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_mail_is_failing_when_the_last_attempts_all_failed_and_readiness_stays_200(
    client, filesystem_broker, settings
):
    settings.REMINDER_MAIL_FAILING_AFTER = 3
    failed_attempts(2)
    assert client.get("/healthz").json()["mail"] == "ok"
    failed_attempts(1)
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json()["mail"] == "failing"


def test_one_successful_send_among_the_last_attempts_means_mail_works(client, filesystem_broker):
    failed_attempts(5)
    ReminderLedger.objects.filter(kind="k4").update(email_state="sent", email_last_error="")
    assert client.get("/healthz").json()["mail"] == "ok"


def test_database_connections_are_health_checked_by_default(settings):
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


def test_probes_are_not_redirected_to_https(settings, client, filesystem_broker):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/accounts/login/").status_code == 301
    assert client.get("/healthz/live").status_code == 200
    assert client.get("/healthz").status_code == 200
