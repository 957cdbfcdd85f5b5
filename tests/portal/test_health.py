import pytest

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_and_broker(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    data = response.json()
    assert data["database"] == "ok"
    assert data["broker"] in {"ok", "unavailable"}


def test_healthz_reports_an_unreachable_broker_as_unavailable_and_stays_200(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "unavailable"}


def test_healthz_reports_the_filesystem_broker_of_the_embedded_default_as_ok(client, settings, tmp_path):
    settings.CELERY_BROKER_URL = "filesystem://"
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {"data_folder_in": str(tmp_path), "data_folder_out": str(tmp_path)}
    assert client.get("/healthz").json()["broker"] == "ok"


def test_healthz_answers_503_when_the_database_is_down(client, monkeypatch):
    from portal import health

    monkeypatch.setattr(health, "database_state", lambda: health.UNAVAILABLE)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"
