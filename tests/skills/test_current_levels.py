"""The current level per agent and skill is kept by the services, so pages read it in one query."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from skills import selectors, services
from skills.models import CurrentLevel, RatingSource, SkillRating, TargetLevel

from ..factories import make_agent
from .factories import RatingFactory, SkillFactory, TargetFactory

pytestmark = pytest.mark.django_db


def current(agent, skill):
    return CurrentLevel.objects.get(agent=agent, skill=skill)


def test_a_lead_rating_outranks_a_later_self_rating(agent, lead):
    skill = SkillFactory()
    with time_machine.travel("2026-03-02 09:00 +01:00", tick=False):
        services.rating_record(
            agent=agent, skill=skill, level=2, source=RatingSource.LEAD, rated_by=lead
        )
    with time_machine.travel("2026-03-09 09:00 +01:00", tick=False):
        services.rating_record(
            agent=agent, skill=skill, level=4, source=RatingSource.SELF, rated_by=agent
        )
    row = current(agent, skill)
    assert (row.level, row.assessed_level, row.self_level) == (2, 2, 4)
    assert row.rated_at == timezone.make_aware(datetime.datetime(2026, 3, 9, 9))


def test_a_training_rating_replaces_the_lead_rating_as_the_current_level(agent, lead):
    skill = SkillFactory()
    services.rating_record(
        agent=agent, skill=skill, level=2, source=RatingSource.LEAD, rated_by=lead
    )
    services.rating_record(
        agent=agent, skill=skill, level=4, source=RatingSource.TRAINING, rated_by=lead
    )
    assert current(agent, skill).level == 4


def test_recording_many_ratings_updates_each_skill_and_skips_unchanged_ones(agent, lead):
    first, second = SkillFactory(), SkillFactory()
    services.ratings_record_many(
        agent=agent, levels={first: 3, second: 2}, source=RatingSource.LEAD, rated_by=lead
    )
    services.ratings_record_many(
        agent=agent, levels={first: 3, second: 4}, source=RatingSource.LEAD, rated_by=lead
    )
    assert selectors.current_levels([agent.pk])[agent.pk] == {first.pk: 3, second.pk: 4}
    assert SkillRating.objects.filter(agent=agent).count() == 3


def test_setting_and_clearing_a_target_is_kept_with_the_level(agent, lead):
    skill = SkillFactory()
    services.target_set(agent=agent, skill=skill, level=4, set_by=lead)
    assert (
        current(agent, skill).level,
        current(agent, skill).target,
        current(agent, skill).gap,
    ) == (None, 4, 4)
    services.rating_record(
        agent=agent, skill=skill, level=3, source=RatingSource.LEAD, rated_by=lead
    )
    assert current(agent, skill).gap == 1
    services.target_set(agent=agent, skill=skill, level=None, set_by=lead)
    assert current(agent, skill).target is None


def test_a_target_cleared_without_any_rating_leaves_no_row(agent, lead):
    skill = SkillFactory()
    services.target_set(agent=agent, skill=skill, level=4, set_by=lead)
    services.target_set(agent=agent, skill=skill, level=None, set_by=lead)
    assert not CurrentLevel.objects.filter(agent=agent).exists()


def test_ratings_added_and_deleted_in_the_admin_update_the_current_level(cast, login, agent):
    skill = SkillFactory()
    client = login(cast["admin"])
    response = client.post(
        "/admin/skills/skillrating/add/",
        {
            "agent": agent.pk,
            "skill": skill.pk,
            "level": 4,
            "source": "lead",
            "rated_by": cast["lead"].pk,
            "rated_at_0": "2026-05-04",
            "rated_at_1": "10:00:00",
            "note": "",
        },
    )
    assert response.status_code == 302
    assert current(agent, skill).level == 4
    rating = SkillRating.objects.get(agent=agent, skill=skill)
    client.post(f"/admin/skills/skillrating/{rating.pk}/delete/", {"post": "yes"})
    assert not CurrentLevel.objects.filter(agent=agent, skill=skill).exists()


def test_rebuilding_derives_the_same_levels_the_services_kept(agent, colleague, lead):
    skills = [SkillFactory() for _ in range(3)]
    for n, skill in enumerate(skills):
        RatingFactory(agent=agent, skill=skill, level=n + 1, rated_by=lead)
        RatingFactory(
            agent=colleague, skill=skill, level=5 - n, source=RatingSource.SELF, rated_by=colleague
        )
        TargetFactory(agent=colleague, skill=skill, level=4, set_by=lead)
    kept = set(
        CurrentLevel.objects.values_list("agent_id", "skill_id", "level", "self_level", "target")
    )
    assert services.current_levels_rebuild() == 6
    assert (
        set(
            CurrentLevel.objects.values_list(
                "agent_id", "skill_id", "level", "self_level", "target"
            )
        )
        == kept
    )


def test_current_levels_of_many_agents_take_one_query(team, lead):
    skill = SkillFactory()
    agents = [make_agent(team) for _ in range(30)]
    for agent in agents:
        RatingFactory(agent=agent, skill=skill, level=3, rated_by=lead)
    with CaptureQueriesContext(connection) as queries:
        levels = selectors.current_levels(type(lead).objects.filter(role="agent"))
    assert len(queries) == 1
    assert {levels[a.pk][skill.pk] for a in agents} == {3}


def test_coverage_counts_agents_at_level_three_and_below_target_over_the_whole_selection(
    team, lead
):
    skill = SkillFactory()
    for level, target in ((3, 4), (4, None), (2, 3), (1, None)):
        agent = make_agent(team)
        RatingFactory(agent=agent, skill=skill, level=level, rated_by=lead)
        if target:
            TargetFactory(agent=agent, skill=skill, level=target, set_by=lead)
    untrained = make_agent(team)
    TargetFactory(agent=untrained, skill=skill, level=3, set_by=lead)
    [row] = selectors.coverage(type(lead).objects.filter(role="agent"), [skill])
    assert (row.covered, row.gaps) == (2, 3)
    assert TargetLevel.objects.count() == 3
