"""List pages keep a constant number of queries whatever the number of records."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ..factories import TeamFactory, make_agent, make_lead

pytestmark = pytest.mark.django_db


def count_queries(client, url):
    cache.clear()  # the figures of the whole site are cached; count what computing them takes
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_team_page_needs_as_many_queries_for_50_agents_as_for_5(cast, team, login):
    client = login(cast["lead"])
    for _ in range(3):
        make_agent(team)
    small = count_queries(client, f"/teams/{team.pk}/")
    for _ in range(45):
        make_agent(team)
    assert count_queries(client, f"/teams/{team.pk}/") == small


def test_the_hr_overview_needs_as_many_queries_for_50_teams_as_for_5(cast, login):
    client = login(cast["hr"])
    for _ in range(3):
        make_lead(TeamFactory())
    small = count_queries(client, "/hr/")
    for _ in range(45):
        make_lead(TeamFactory())
    assert count_queries(client, "/hr/") == small


def test_the_lead_dashboard_needs_as_many_queries_for_50_agents_as_for_5(cast, team, login):
    client = login(cast["lead"])
    small = count_queries(client, "/dashboard/")
    for _ in range(48):
        make_agent(team)
    assert count_queries(client, "/dashboard/") == small
