"""HR's overview counts quality evaluations: per agent and month (evaluated, below the minimum, the
most for one agent), the open disputes and each evaluator's alignment with the benchmark, aggregated in
the database: as many queries for 50 agents as for 5."""

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from qa import services

from ..factories import make_agent
from .factories import GOOD, questions, shared_evaluation
from .test_calibration import open_session, submit

pytestmark = pytest.mark.django_db

NOW = "2026-03-18 11:00 +01:00"


def _hr_page(client) -> tuple[str, int]:
    cache.clear()  # the site's figures are cached; count what computing them takes
    with CaptureQueriesContext(connection) as queries:
        body = client.get(reverse("qa:hr_figures")).content.decode()
    return body, len(queries)


def test_the_hr_overview_loads_the_qa_figures_from_their_own_page(login, hr):
    page = login(hr).get("/hr/").content.decode()
    assert f'hx-get="{reverse("qa:hr_figures")}"' in page


@time_machine.travel(NOW, tick=False)
def test_the_hr_overview_counts_evaluations_disputes_and_alignment(
    login, hr, lead, agent, colleague, specialist, chat_card
):
    shared = shared_evaluation(lead, agent, chat_card)
    shared_evaluation(lead, agent, chat_card, reference="T-2")
    services.dispute_raise(
        by=agent,
        evaluation=shared,
        question=questions(chat_card)["Tone"],
        reason="It was warm.",
        proposed=5,
    )
    session = open_session(lead, [lead, specialist], chat_card)
    submit(lead, session, chat_card, GOOD)
    submit(specialist, session, chat_card, GOOD | {"Tone": 2})
    services.calibration_reveal(by=lead, session=session)
    services.calibration_record_benchmark(by=lead, session=session, source="owner")
    body, _queries = _hr_page(login(hr))
    section = body[body.index('id="qa-hr-figures"') :]
    assert "1 open dispute" in section
    months = section[section.index('id="qa-hr-months"') : section.index('id="qa-hr-alignment"')]
    # March 2026: one agent evaluated twice; the colleague (and nobody else) below the minimum of 2
    cells = [c.split(">")[-1] for c in months.split("</td>")[:-1]]
    assert cells[:5] == ["1", "2", "1.0", "1", "2"]
    alignment = section[section.index('id="qa-hr-alignment"') :]
    assert "Quinn Specialist" in alignment and "Lena Lead" in alignment
    assert alignment.index("Quinn Specialist") < alignment.index("Lena Lead")  # lowest first


@time_machine.travel(NOW, tick=False)
def test_the_hr_overviews_qa_figures_need_as_many_queries_for_50_agents_as_for_5(
    login, hr, lead, team, chat_card
):
    made = []

    def add(n):
        for _n in range(n):
            made.append(make_agent(team, email=f"agent{len(made)}@example.test"))
            shared_evaluation(lead, made[-1], chat_card, reference=f"R-{len(made)}")

    add(5)
    _body, few = _hr_page(login(hr))
    add(45)
    _body, many = _hr_page(login(hr))
    assert many == few
