"""Low answers on questions tied to a skill are evidence on the agent's skill profile and in the team's
skills matrix, read with the profile's skills and in one query for the matrix page (not one per row)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from skills.selectors import skill_profile

from ..factories import make_agent
from .factories import GOOD, shared_evaluation

pytestmark = pytest.mark.django_db

LOW = GOOD | {"Explains next steps": 0}  # 0 of 4 points on the question tied to the skill


def test_the_skill_profile_counts_the_low_answers_the_viewer_may_see(
    lead, agent, other_lead, chat_card, skill
):
    shared_evaluation(lead, agent, chat_card, LOW)
    shared_evaluation(lead, agent, chat_card, GOOD | {"Explains next steps": 1}, reference="T-2")
    shared_evaluation(lead, agent, chat_card, GOOD | {"Explains next steps": 3}, reference="T-3")
    # 0 and 1 of 4 points are below half (low); 3 of 4 is not
    assert {r.skill: r.qa_low for r in skill_profile(agent, lead)}[skill] == 2
    assert {r.skill: r.qa_low for r in skill_profile(agent, other_lead)}[skill] == 0
    assert {r.skill: r.qa_low for r in skill_profile(agent)}[skill] == 0  # no viewer: not read


def test_the_agent_page_shows_the_evidence_without_another_query(
    login, lead, agent, chat_card, skill
):
    client = login(lead)
    url = f"/agents/{agent.pk}/"
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    shared_evaluation(lead, agent, chat_card, LOW)
    with CaptureQueriesContext(connection) as after:
        page = client.get(url).content.decode()
    assert len(after) == len(before)
    assert "1 low answer in quality evaluations" in page


def test_the_team_matrix_shows_the_evidence_in_one_query_for_5_or_50_agents(
    login, lead, agent, team, chat_card, skill
):
    shared_evaluation(lead, agent, chat_card, LOW)
    client = login(lead)
    url = f"/teams/{team.pk}/skills/"

    def count():
        with CaptureQueriesContext(connection) as queries:
            page = client.get(url).content.decode()
        return page, len(queries)

    page, few = count()
    assert "◆1" in page
    for n in range(45):
        other = make_agent(team, email=f"a{n}@example.test")
        if n % 10 == 0:
            shared_evaluation(lead, other, chat_card, LOW, reference=f"R-{n}")
    _page, many = count()
    assert many == few
