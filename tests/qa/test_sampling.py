"""Sampling a works council can sign: at least N and never more than M per agent and month, a stored
seed that repeats the draw, extra weight where key figures dropped, with the reason in words."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from kpis.models import KpiRecord
from qa import sampling, services
from qa.models import SampleDraw, SampleItem
from qa.selectors.sampling import kpi_drops
from qa.services.sampling import repeats_exactly

from ..factories import make_agent
from .factories import start

MONDAY = datetime.date(2026, 3, 2)  # four weeks left in March


def candidate(agent_id, used=0, weight=1, reason=""):
    return sampling.Candidate(agent_id, used, ("chat", "phone"), Decimal(weight), reason)


def test_every_agent_below_the_minimum_is_owed_its_share_of_the_weeks_left():
    picks = sampling.draw(
        seed="a1",
        monday=MONDAY,
        candidates=[candidate(1), candidate(2, used=2), candidate(3, used=1)],
        minimum=4,
        maximum=6,
        capacity=0,
    )
    owed = sorted(p.agent_id for p in picks if p.owed)
    # Agent 1 misses 4 over 4 weeks: 1; agent 2 misses 2: 1; agent 3 misses 3: 1 (rounded up).
    assert owed == [1, 2, 3]


def test_the_last_week_of_the_month_draws_everything_still_missing():
    last_monday = datetime.date(2026, 3, 30)
    picks = sampling.draw(
        seed="a1",
        monday=last_monday,
        candidates=[candidate(1, used=1)],
        minimum=4,
        maximum=6,
        capacity=0,
    )
    assert len(picks) == 3


@given(
    used=st.lists(st.integers(0, 8), min_size=1, max_size=12),
    minimum=st.integers(0, 6),
    extra=st.integers(0, 4),
    capacity=st.integers(0, 40),
    seed=st.text(min_size=1, max_size=8),
)
def test_no_draw_ever_passes_the_monthly_cap(used, minimum, extra, capacity, seed):
    maximum = minimum + extra
    candidates = [candidate(i, used=u) for i, u in enumerate(used)]
    picks = sampling.draw(
        seed=seed,
        monday=MONDAY,
        candidates=candidates,
        minimum=minimum,
        maximum=maximum,
        capacity=capacity,
    )
    for c in candidates:
        assert c.used + sum(1 for p in picks if p.agent_id == c.agent_id) <= max(maximum, c.used)


def test_the_same_seed_draws_the_same_interactions_and_moments_are_working_hours():
    kwargs = {
        "monday": MONDAY,
        "candidates": [candidate(i, weight=1 + i % 3) for i in range(20)],
        "minimum": 0,
        "maximum": 4,
        "capacity": 8,
    }
    first = sampling.draw(seed="5eed", **kwargs)
    assert first == sampling.draw(seed="5eed", **kwargs)
    assert first != sampling.draw(seed="other", **kwargs)
    assert len(first) == 8
    assert all(p.moment.weekday() < 5 and 8 <= p.moment.hour < 18 for p in first)


pytestmark_db = pytest.mark.django_db


@pytestmark_db
@time_machine.travel("2026-03-04 10:00 +01:00", tick=False)
def test_a_cap_below_the_minimum_is_refused_and_nothing_is_drawn(lead, agent):
    with pytest.raises(ValidationError, match="below the minimum"):
        services.sample_draw(by=lead, week=MONDAY, minimum=4, maximum=2, capacity=3)
    with pytest.raises(ValidationError, match="works agreement allows at most"):
        services.sample_draw(by=lead, week=MONDAY, minimum=1, maximum=99, capacity=3)
    assert not SampleDraw.objects.exists()


@pytestmark_db
@time_machine.travel("2026-03-04 10:00 +01:00", tick=False)
def test_a_stored_draw_repeats_exactly_from_its_seed(lead, agent, colleague, team):
    for _n in range(4):
        make_agent(team)
    draw = services.sample_draw(by=lead, week=MONDAY, minimum=2, maximum=4, capacity=4)
    assert len(draw.seed) == 16
    assert draw.items.count() >= 6  # each of six agents is owed one this week
    assert repeats_exactly(draw)
    item = draw.items.first()
    SampleItem.objects.filter(pk=item.pk).update(
        agent=colleague if item.agent != colleague else agent
    )
    assert not repeats_exactly(draw)  # a pick changed by hand shows


@pytestmark_db
@time_machine.travel("2026-03-04 10:00 +01:00", tick=False)
def test_the_draw_counts_the_months_evaluations_so_nobody_passes_the_cap(
    settings, lead, agent, chat_card
):
    settings.QA_MAX_PER_MONTH = 2
    start(lead, agent, chat_card, reference="1")
    start(lead, agent, chat_card, reference="2", hours_ago=3)
    draw = services.sample_draw(by=lead, week=MONDAY, minimum=2, maximum=2, capacity=10)
    assert not draw.items.filter(agent=agent).exists()


@pytestmark_db
@time_machine.travel("2026-03-04 10:00 +01:00", tick=False)
def test_dropped_key_figures_weigh_more_with_the_reason_in_words(agent, colleague):
    for weeks_ago, csat, fcr in ((8, 4.6, 0.8), (7, 4.6, 0.8), (3, 4.0, 0.7), (2, 4.0, 0.7)):
        KpiRecord.objects.create(
            agent=agent,
            period_start=MONDAY - datetime.timedelta(weeks=weeks_ago),
            channel="phone",
            contacts=100,
            aht_seconds=300,
            csat=csat,
            fcr=fcr,
        )
    drops = kpi_drops([agent.pk, colleague.pk], MONDAY)
    assert drops == {
        agent.pk: (Decimal(3), "CSAT −0.6 in four weeks; FCR −10 points in four weeks")
    }


@pytestmark_db
@time_machine.travel("2026-03-04 10:00 +01:00", tick=False)
def test_a_drawn_interaction_is_replaced_only_with_a_reason(lead, agent):
    draw = services.sample_draw(by=lead, week=MONDAY, minimum=1, maximum=2, capacity=1)
    item = draw.items.first()
    with pytest.raises(ValidationError, match="why"):
        services.sample_replace(by=lead, item=item, reason=" ")
    replacement = services.sample_replace(by=lead, item=item, reason="Recording is missing")
    assert replacement.replaces == item
    assert repeats_exactly(draw)
