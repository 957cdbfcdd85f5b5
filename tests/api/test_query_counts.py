"""List endpoints read a page in a fixed number of queries, however many records there are."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kpis.models import KpiRecord
from people.models import AgentProfile, Role, Team, TeamMembership, User

pytestmark = pytest.mark.django_db
WEEK = datetime.date(2026, 1, 5)


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.json()["results"]) > 0
    return len(captured)


def add(team, count):
    """`count` agents in the team, each with a week of key figures, and `count` more teams (in bulk)."""
    start = User.objects.count()
    agents = User.objects.bulk_create(
        User(email=f"bulk{start + n}@example.test", role=Role.AGENT, last_name=f"Agent {n}")
        for n in range(count)
    )
    AgentProfile.objects.bulk_create(AgentProfile(user=agent) for agent in agents)
    TeamMembership.objects.bulk_create(
        TeamMembership(team=team, user=agent, start=WEEK) for agent in agents
    )
    KpiRecord.objects.bulk_create(
        KpiRecord(agent=agent, period_start=WEEK, channel="phone", contacts=1) for agent in agents
    )
    Team.objects.bulk_create(Team(name=f"Bulk team {start + n}") for n in range(count))


@pytest.mark.parametrize("endpoint", ["people", "teams", "key-figures"])
def test_a_list_costs_as_many_queries_for_500_records_as_for_5(endpoint, token_for, hr, lead, team):
    client, _token = token_for(lead if endpoint == "key-figures" else hr)
    url = f"/api/v1/{endpoint}/"  # a page of 100
    client.get(url)  # the token's first use of the minute also records the use
    add(team, 5)
    few = queries(client, url)
    add(team, 495)
    assert queries(client, url) == few
