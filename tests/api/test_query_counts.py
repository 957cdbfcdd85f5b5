"""List endpoints read a page in a fixed number of queries, however many records there are."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kpis.models import KpiRecord

from ..factories import TeamFactory, make_agent

pytestmark = pytest.mark.django_db
WEEK = datetime.date(2026, 1, 5)


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.json()["results"]) > 0
    return len(captured)


def add(team, count):
    """`count` agents in the team, each with a week of key figures, and `count` more teams."""
    for _ in range(count):
        agent = make_agent(team)
        KpiRecord.objects.create(agent=agent, period_start=WEEK, channel="phone", contacts=1)
        TeamFactory()


@pytest.mark.parametrize("endpoint", ["people", "teams", "key-figures"])
def test_a_list_costs_as_many_queries_for_500_records_as_for_5(endpoint, token_for, hr, lead, team):
    client, _token = token_for(lead if endpoint == "key-figures" else hr)
    url = f"/api/v1/{endpoint}/"  # a page of 100
    client.get(url)  # the token's first use of the minute also records the use
    add(team, 5)
    few = queries(client, url)
    add(team, 495)
    assert queries(client, url) == few
