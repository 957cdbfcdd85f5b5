import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from plans import selectors, services
from plans.models import Action, DevelopmentPlan, Goal
from skills.models import TargetLevel

from ..skills.factories import SkillFactory

pytestmark = pytest.mark.django_db

TOMORROW = timezone.localdate() + datetime.timedelta(days=1)


def test_a_lead_goal_is_open_and_sets_the_skill_target(agent, lead):
    skill = SkillFactory()
    goal = services.goal_create(
        agent=agent, by=lead, title="Calm escalations", skill=skill, target_level=4, due_on=TOMORROW
    )
    assert goal.status == Goal.Status.OPEN
    assert goal.plan.agent == agent and goal.plan.status == DevelopmentPlan.Status.ACTIVE
    assert TargetLevel.objects.get(agent=agent, skill=skill).level == 4


def test_an_agent_proposes_and_the_lead_accepts(agent, lead):
    skill = SkillFactory()
    goal = services.goal_create(
        agent=agent, by=agent, title="Learn chat", skill=skill, target_level=3
    )
    assert goal.status == Goal.Status.PROPOSED
    assert not TargetLevel.objects.exists()
    services.goal_accept(goal=goal, by=lead)
    assert goal.status == Goal.Status.OPEN
    assert TargetLevel.objects.get().level == 3


def test_a_new_goal_cannot_be_due_in_the_past(agent, lead):
    with pytest.raises(ValidationError) as error:
        services.goal_create(
            agent=agent,
            by=lead,
            title="Late",
            due_on=timezone.localdate() - datetime.timedelta(days=1),
        )
    assert "due_on" in error.value.error_dict
    assert not Goal.objects.exists() and not DevelopmentPlan.objects.exists()


def test_a_target_level_needs_a_skill(agent, lead):
    with pytest.raises(ValidationError):
        services.goal_create(agent=agent, by=lead, title="Level without skill", target_level=3)


def test_an_agent_has_one_active_plan(agent, lead):
    services.plan_start(agent=agent, by=lead)
    with pytest.raises(ValidationError):
        services.plan_start(agent=agent, by=lead)
    assert DevelopmentPlan.objects.count() == 1


def test_the_database_refuses_a_second_active_plan(agent):
    DevelopmentPlan.objects.create(agent=agent)
    with pytest.raises(IntegrityError):
        DevelopmentPlan.objects.create(agent=agent)


def test_a_closed_plan_keeps_its_history_and_a_new_one_can_start(agent, lead):
    goal = services.goal_create(agent=agent, by=lead, title="First goal")
    services.plan_close(plan=goal.plan, by=lead)
    services.plan_start(agent=agent, by=lead)
    assert DevelopmentPlan.objects.filter(agent=agent).count() == 2
    assert list(selectors.closed_plans(agent)[0].goals.all()) == [goal]
    assert selectors.active_plan(agent).goals.count() == 0


def test_actions_land_in_the_active_plan(agent, lead):
    action = services.action_add(
        agent=agent, by=lead, kind=Action.Kind.TRAINING, title="De-escalation workshop"
    )
    assert action.plan == selectors.active_plan(agent)
    services.action_complete(action=action, by=lead)
    assert action.completed_on == timezone.localdate()


def test_plan_progress_counts_goals_by_status(agent, lead):
    first = services.goal_create(agent=agent, by=lead, title="One")
    services.goal_create(agent=agent, by=lead, title="Two")
    services.goal_set_status(goal=first, by=lead, status=Goal.Status.ACHIEVED)
    progress = selectors.plan_progress(agent)
    assert (progress["achieved"], progress["total"]) == (1, 2)
    assert progress["by_status"] == {"achieved": 1, "open": 1}


def test_a_goal_cannot_go_back_to_proposed(agent, lead):
    goal = services.goal_create(agent=agent, by=lead, title="One")
    with pytest.raises(ValidationError):
        services.goal_set_status(goal=goal, by=lead, status=Goal.Status.PROPOSED)
