"""Bad input answers one JSON shape (RFC 9457 problem details), never a 500, and changes nothing."""

import json

import pytest

from kpis.models import KpiRecord
from people.models import Team

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"


def is_problem(response, status):
    body = response.json()
    return (
        response.status_code == status
        and response["Content-Type"] == PROBLEM
        and {"type", "title", "status", "detail"} <= set(body)
        and body["status"] == status
    )


def test_malformed_json_is_a_problem(integration):
    client, _token = integration(["people"])
    response = client.post("/api/v1/teams/upsert/", "{not json", content_type="application/json")
    assert is_problem(response, 400)


def test_unknown_fields_are_named(integration):
    client, _token = integration(["people"])
    response = client.post(
        "/api/v1/teams/upsert/", {"external_id": "T", "name": "T", "colour": "red"}, format="json"
    )
    assert is_problem(response, 400)
    assert response.json()["errors"] == [{"field": "colour", "message": "Unknown field."}]
    assert not Team.objects.exists()


def test_wrong_types_are_named(integration):
    client, _token = integration(["people"])
    response = client.post(
        "/api/v1/teams/upsert/", {"external_id": ["x"], "name": 5}, format="json"
    )
    assert is_problem(response, 400)
    assert {e["field"] for e in response.json()["errors"]} == {"external_id", "name"}


def test_a_record_the_token_may_not_see_is_not_found(token_for, agent, other_agent):
    client, _token = token_for(agent)
    assert is_problem(client.get(f"/api/v1/people/{other_agent.pk}/"), 404)
    assert is_problem(client.get("/api/v1/people/99999999999999999999/"), 404)


def test_an_address_without_an_endpoint_is_a_problem(token_for, agent):
    client, _token = token_for(agent)
    assert is_problem(client.get("/api/v1/nothing-here/"), 404)


def test_a_bulk_upload_over_the_limit_is_refused_whole(integration, agent, settings):
    settings.KPI_IMPORT_MAX_ROWS = 2
    client, _token = integration(["kpis"])
    record = {"agent": agent.email, "period_start": "2026-01-05", "channel": "phone", "contacts": 1}
    rows = [dict(record, period_start=f"2026-01-{d:02d}") for d in (5, 12, 19)]
    response = client.post(
        "/api/v1/key-figures/bulk/", {"source": "ACD", "records": rows}, format="json"
    )
    assert is_problem(response, 413)
    assert not KpiRecord.objects.exists()


def test_a_bulk_upload_with_a_bad_row_writes_nothing_and_names_the_row(integration, agent):
    client, _token = integration(["kpis"])
    good = {"agent": agent.email, "period_start": "2026-01-05", "channel": "phone", "contacts": 1}
    bad = dict(good, period_start="2026-01-12", contacts=-4)
    response = client.post(
        "/api/v1/key-figures/bulk/", {"source": "ACD", "records": [good, bad]}, format="json"
    )
    assert is_problem(response, 400)
    assert response.json()["errors"][0]["field"] == "records.1"
    assert not KpiRecord.objects.exists()


@pytest.mark.parametrize("figure", ["NaN", "Infinity", "-Infinity", "1e400"])
def test_nan_and_infinity_in_the_json_are_named_problems_not_a_500(integration, agent, figure):
    client, _token = integration(["kpis"])
    record = json.dumps(
        {"agent": agent.email, "period_start": "2026-01-05", "channel": "phone", "contacts": 3}
    )
    figures = f', "aht_seconds": {figure}, "csat": {figure}}}'
    body = f'{{"source": "ACD", "records": [{record[:-1]}{figures}]}}'
    response = client.post("/api/v1/key-figures/bulk/", body, content_type="application/json")
    assert is_problem(response, 400)
    assert {e["field"] for e in response.json()["errors"]} == {"records.0"}
    assert not KpiRecord.objects.exists()


def test_updated_since_must_be_a_moment_with_a_time_zone(token_for, lead):
    client, _token = token_for(lead)
    assert is_problem(client.get("/api/v1/reviews/?updated_since=yesterday"), 400)
    assert client.get("/api/v1/reviews/?updated_since=2026-01-01T00:00:00Z").status_code == 200


@pytest.mark.parametrize("moment", ["0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-05:00"])
def test_updated_since_refuses_years_no_form_accepts(token_for, lead, moment):
    client, _token = token_for(lead)
    response = client.get("/api/v1/reviews/", {"updated_since": moment})
    assert is_problem(response, 400)
    assert "1900 and 2199" in response.content.decode()


@pytest.mark.parametrize("position", ["x", "-1", "9" * 30])
def test_a_forged_cursor_is_an_invalid_cursor_not_a_500(integration, position):
    import base64

    client, _token = integration(["people"])
    cursor = base64.b64encode(f"o=0&p={position}".encode()).decode()
    response = client.get("/api/v1/teams/", {"cursor": cursor})
    assert is_problem(response, 404)
