"""An integration token keeps the directory and the key figures in step with the HR system and the ACD."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from kpis.models import KpiRecord
from people.models import Role, Team, TeamMembership, User

pytestmark = pytest.mark.django_db
MONDAY = datetime.date(2026, 6, 1)


def upsert(client, path, body):
    return client.post(f"/api/v1/{path}/upsert/", body, format="json")


@time_machine.travel("2026-06-09 10:00 +02:00", tick=False)
def test_an_integration_syncs_people_and_teams_and_upserts_a_week_of_key_figures(integration):
    client, _token = integration(["people", "kpis"])
    assert upsert(client, "teams", {"external_id": "T-1", "name": "Phone"}).status_code == 201
    assert upsert(client, "teams", {"external_id": "T-1", "name": "Phone"}).status_code == 200
    people = [
        {
            "external_id": f"E-{n}",
            "email": f"agent{n}@example.test",
            "first_name": "Ann",
            "last_name": f"Agent {n}",
            "role": "agent",
            "hire_date": "2025-01-01",
            "teams": [{"team": "T-1", "kind": "member"}],
        }
        for n in range(3)
    ] + [
        {
            "external_id": "L-1",
            "email": "lead@example.test",
            "role": "lead",
            "teams": [{"team": "T-1", "kind": "lead"}],
        }
    ]
    assert [upsert(client, "people", p).status_code for p in people] == [201] * 4
    assert [upsert(client, "people", p).status_code for p in people] == [200] * 4  # idempotent
    team = Team.objects.get(name="Phone")
    assert TeamMembership.objects.current().filter(team=team).count() == 4
    assert User.objects.get(email="lead@example.test").role == Role.LEAD

    records = [
        {
            "agent": f"E-{n}" if n % 2 else f"agent{n}@example.test",
            "period_start": (MONDAY + datetime.timedelta(days=d)).isoformat(),
            "channel": "phone",
            "contacts": 40 + d,
            "aht_seconds": 300,
            "fcr": 0.8,
            "csat": 4.5,
        }
        for n in range(3)
        for d in range(7)
    ]
    body = {"source": "ACD", "period": "day", "records": records}
    first = client.post("/api/v1/key-figures/bulk/", body, format="json")
    assert first.status_code == 200, first.json()
    assert first.json() == {"rows": 21, "records": 21, "changed": 21}
    again = client.post("/api/v1/key-figures/bulk/", body, format="json")
    assert again.json()["changed"] == 0
    assert KpiRecord.objects.filter(period="day").count() == 21


def test_moving_a_person_ends_the_old_membership_and_keeps_history(integration):
    client, _token = integration(["people"])
    upsert(client, "teams", {"external_id": "A", "name": "A"})
    upsert(client, "teams", {"external_id": "B", "name": "B"})
    person = {"external_id": "P", "email": "p@example.test", "role": "agent"}
    upsert(client, "people", {**person, "teams": [{"team": "A"}]})
    with time_machine.travel(timezone.now() + datetime.timedelta(days=3)):
        moved = upsert(client, "people", {**person, "teams": [{"team": "B"}]})
        assert [t["team"] for t in moved.json()["teams"]] == [Team.objects.get(name="B").pk]
    assert TeamMembership.objects.filter(user__email="p@example.test").count() == 2


def test_deactivating_through_the_api_ends_sessions_and_tokens(
    integration, agent, client, token_for
):
    from api.models import ApiToken

    client.force_login(agent)
    agent_api, _agent_token = token_for(agent)
    hr_system, _token = integration(["people"])
    upsert(hr_system, "people", {"external_id": "A-1", "email": agent.email})
    response = upsert(
        hr_system, "people", {"external_id": "A-1", "email": agent.email, "is_active": False}
    )
    assert response.status_code == 200 and response.json()["is_active"] is False
    assert agent_api.get("/api/v1/people/").status_code == 401
    assert not ApiToken.objects.filter(user=agent, revoked_at__isnull=True).exists()
    assert client.get("/me/").status_code == 302  # signed out


def test_an_integration_limited_to_a_team_writes_only_there(
    integration, team, other_team, other_agent
):
    client, _token = integration(["people", "kpis"], teams=[team])
    outside = upsert(
        client,
        "people",
        {"external_id": "X", "email": other_agent.email, "teams": [{"team": str(other_team.pk)}]},
    )
    assert outside.status_code == 400
    figures = client.post(
        "/api/v1/key-figures/bulk/",
        {
            "source": "ACD",
            "records": [
                {
                    "agent": other_agent.email,
                    "period_start": "2026-01-05",
                    "channel": "phone",
                    "contacts": 1,
                }
            ],
        },
        format="json",
    )
    assert figures.status_code == 400 and figures.json()["errors"][0]["field"] == "records.0.agent"
    assert not KpiRecord.objects.exists()


def test_a_lead_cannot_write_the_directory_even_with_a_read_write_token(token_for, lead):
    client, _token = token_for(lead, access="read_write")
    response = upsert(client, "teams", {"external_id": "T", "name": "Mine"})
    assert response.status_code == 403
    assert not Team.objects.filter(name="Mine").exists()


def test_key_figures_written_since_a_moment_are_found_by_updated_since(
    integration, token_for, lead, agent
):
    client, _token = integration(["kpis"])
    record = {
        "agent": agent.email,
        "period_start": "2026-01-05",
        "channel": "phone",
        "contacts": 10,
    }
    other = dict(record, period_start="2026-01-12")
    with time_machine.travel("2026-02-01 09:00 +01:00", tick=False):
        client.post(
            "/api/v1/key-figures/bulk/",
            {"source": "ACD", "records": [record, other]},
            format="json",
        )
    with time_machine.travel("2026-02-02 09:00 +01:00", tick=False):
        again = [record, dict(other, contacts=11)]  # one unchanged, one changed
        client.post("/api/v1/key-figures/bulk/", {"source": "ACD", "records": again}, format="json")
    reader, _reader_token = token_for(lead)
    since = reader.get(
        "/api/v1/key-figures/", {"updated_since": "2026-02-02T00:00:00+01:00"}
    ).json()
    assert [(r["period_start"], r["contacts"]) for r in since["results"]] == [("2026-01-12", 11)]
