"""The QA score per agent and week as its own figure in the key-figure trends: the mean score of the
agent's shared evaluations per week of the interaction, read in the trends' one query."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kpis.selectors import team_weekly_medians, weekly_trend

from .factories import GOOD, shared_evaluation, start

pytestmark = pytest.mark.django_db

TUESDAY = "2026-03-10 11:00 +01:00"
MONDAY = datetime.date(2026, 3, 9)


@time_machine.travel(TUESDAY, tick=False)
def test_the_agents_shared_evaluations_are_a_weekly_line_of_the_trends(lead, agent, chat_card):
    shared_evaluation(lead, agent, chat_card)  # 80 %, hand-computed in test_pages
    shared_evaluation(lead, agent, chat_card, GOOD | {"Tone": 5}, reference="T-2")  # 85 %
    start(lead, agent, chat_card, reference="DRAFT")  # a draft does not count
    weeks = weekly_trend(agent, MONDAY)["weeks"]
    assert [(w["week"], w["qa_evaluations"]) for w in weeks] == [(MONDAY, 82.5)]
    assert weeks[0]["qa_evaluations_median"] == 82.5


@time_machine.travel(TUESDAY, tick=False)
def test_the_agent_page_shows_the_weekly_qa_score_without_another_query(
    login, lead, agent, chat_card
):
    client = login(lead)
    url = reverse("agent_detail", args=[agent.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    shared_evaluation(lead, agent, chat_card)
    with CaptureQueriesContext(connection) as after:
        page = client.get(url).content.decode()
    assert len(after) == len(before)
    assert "QA evaluations" in page
    assert '<td class="text-end" data-qa-evaluations>80.0' in page


@time_machine.travel(TUESDAY, tick=False)
def test_the_team_trend_shows_the_median_qa_score_only_for_enough_agents(
    lead, agent, colleague, team, chat_card
):
    shared_evaluation(lead, agent, chat_card)
    shared_evaluation(lead, colleague, chat_card, GOOD | {"Tone": 5}, reference="T-2")
    (week,) = team_weekly_medians(team, MONDAY)
    assert (week["qa_evaluations"], week["qa_agents"], week["agents"]) == (82.5, 2, 0)


@time_machine.travel(TUESDAY, tick=False)
def test_with_qa_switched_off_the_trends_have_no_qa_score(lead, agent, chat_card):
    shared_evaluation(lead, agent, chat_card)
    with override_settings(WORKS_COUNCIL_FEATURES={"qa": False}):
        assert weekly_trend(agent, MONDAY)["weeks"] == []
