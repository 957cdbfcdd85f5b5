"""While the database is unreachable, pages answer a friendly 503 in German and English, never a 500."""

import logging

import pytest
from django.db import OperationalError, connection
from django.db.backends.utils import CursorWrapper

from portal.maintenance import database_unreachable

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_down(monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError(
            'connection to server at "127.0.0.1", port 5432 failed: Connection refused'
        )

    monkeypatch.setattr(connection, "ensure_connection", refuse)


def assert_logged_once_without_traceback(caplog, path):
    records = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [r.getMessage().split(":")[0] for r in records] == [
        f"database unreachable; {path} answered with the maintenance page"
    ]
    assert records[0].exc_info is None


@pytest.mark.parametrize(
    ("language", "heading", "text"),
    [
        ("de", "Gleich wieder da", "Bitte versuchen Sie es in einer Minute noch einmal."),
        ("en", "Back in a moment", "Please try again in a minute."),
    ],
)
def test_pages_answer_the_maintenance_page_while_the_database_is_unreachable(
    client, database_down, caplog, language, heading, text
):
    response = client.get("/accounts/login/", headers={"Accept-Language": language})
    page = response.content.decode()
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert heading in page and text in page and f'lang="{language}"' in page
    assert "no-cache" in response["Cache-Control"]
    assert_logged_once_without_traceback(caplog, "/accounts/login/")


def test_a_database_that_goes_away_during_the_request_answers_the_maintenance_page_too(
    client, lead, monkeypatch, caplog
):
    client.force_login(lead)
    client.raise_request_exception = False

    def gone(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(CursorWrapper, "execute", gone)  # the session is read in a middleware
    response = client.get("/dashboard/", headers={"Accept-Language": "en"})
    assert response.status_code == 503 and "Back in a moment" in response.content.decode()
    assert_logged_once_without_traceback(caplog, "/dashboard/")


def test_health_and_metrics_answer_for_themselves_while_the_database_is_unreachable(
    client, database_down, monkeypatch
):
    from portal import health

    monkeypatch.setattr(health, "database_state", lambda: health.UNAVAILABLE)
    monkeypatch.setattr(health, "broker_state", lambda: health.OK)
    assert client.get("/healthz/live").status_code == 200
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["database"] == "unavailable"


def test_only_an_unreachable_database_is_maintenance_not_a_cancelled_statement():
    def wrapped(code):
        """The driver's error as PostgreSQL's answer makes it: with its SQLSTATE (none without an answer)."""
        error = OperationalError("...")
        error.__cause__ = type("DriverError", (Exception,), {"pgcode": code})()
        return error

    assert database_unreachable(wrapped(None))  # no answer from the server at all
    assert database_unreachable(wrapped("57P01"))  # terminating connection: administrator command
    assert database_unreachable(wrapped("57P03"))  # the database system is starting up
    assert database_unreachable(wrapped("08006"))  # connection failure
    assert not database_unreachable(
        wrapped("57014")
    )  # canceling statement due to statement timeout
    assert not database_unreachable(ValueError("a bug"))


def test_the_maintenance_page_still_answers_when_its_template_cannot_be_rendered(
    client, database_down, settings
):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }  # static files never collected: {% static %} fails
    response = client.get("/accounts/login/", headers={"Accept-Language": "de"})
    assert response.status_code == 503 and "Gleich wieder da" in response.content.decode()
