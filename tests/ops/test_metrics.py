"""/metrics answers only a Prometheus scraper that sends the configured bearer token."""

import pytest

TOKEN = "scrape-token-4f9d1c"


@pytest.fixture
def metrics_token(settings):
    settings.METRICS_TOKEN = TOKEN
    return TOKEN


def test_metrics_with_the_token_are_prometheus_text(client, metrics_token, db):
    client.get("/accounts/login/")
    response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {metrics_token}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "django_http_requests_total_by_method_total" in body
    assert 'django_http_responses_total_by_status_total{status="200"}' in body


@pytest.mark.parametrize("header", [None, "Bearer wrong-token", f"Basic {TOKEN}", "Bearer "])
def test_metrics_without_the_right_token_do_not_exist(client, metrics_token, header, db):
    extra = {"HTTP_AUTHORIZATION": header} if header is not None else {}
    assert client.get("/metrics", **extra).status_code == 404


def test_metrics_are_off_when_no_token_is_configured(client, settings, db):
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 404


def test_a_signed_in_admin_needs_the_token_too(client, admin_user, metrics_token):
    client.force_login(admin_user)
    assert client.get("/metrics").status_code == 404
