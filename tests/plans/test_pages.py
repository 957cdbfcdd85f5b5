import datetime

import pytest
from django.utils import timezone

from plans import services
from plans.models import Action, DevelopmentPlan, Goal, ProgressNote

from ..skills.factories import SkillFactory

pytestmark = pytest.mark.django_db

NEXT_MONTH = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()


def goal_url(cast):
    return f"/agents/{cast['agent'].pk}/goals/new/"


def test_the_goal_form_comes_prefilled_from_a_gap(cast, login):
    skill = SkillFactory()
    response = login(cast["lead"]).get(f"{goal_url(cast)}?skill={skill.pk}&level=4")
    form = response.context["form"]
    assert form.initial == {
        "skill": skill,
        "target_level": 4,
        "title": f"Reach level 4 in {skill.name}",
    }


def test_a_lead_adds_a_goal_tied_to_a_skill(cast, login):
    skill = SkillFactory()
    response = login(cast["lead"]).post(
        goal_url(cast),
        {
            "title": "Calm escalations",
            "skill": skill.pk,
            "target_level": "4",
            "success_measure": "No hand-overs",
            "due_on": NEXT_MONTH,
        },
    )
    assert response.status_code == 302 and response.url == f"/agents/{cast['agent'].pk}/"
    goal = Goal.objects.get()
    assert (goal.skill, goal.target_level, goal.status) == (skill, 4, Goal.Status.OPEN)


def test_bad_goal_input_gives_form_errors_and_saves_nothing(cast, login):
    past = (timezone.localdate() - datetime.timedelta(days=2)).isoformat()
    response = login(cast["lead"]).post(
        goal_url(cast), {"title": "Late", "due_on": past, "target_level": "9"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "A level must be between 1 and 5." in body
    response = login(cast["lead"]).post(goal_url(cast), {"title": "Late", "due_on": past})
    assert "The due date of a new goal cannot be in the past." in response.content.decode()
    assert not Goal.objects.exists() and not DevelopmentPlan.objects.exists()


def test_a_goal_for_an_agent_the_lead_may_not_coach_is_404(cast, login):
    response = login(cast["other_lead"]).post(goal_url(cast), {"title": "Not mine"})
    assert response.status_code == 404
    assert not Goal.objects.exists()


def test_an_agent_proposes_a_goal_and_the_lead_accepts_it(cast, login):
    login(cast["agent"]).post(goal_url(cast), {"title": "Learn the chat channel"})
    goal = Goal.objects.get()
    assert goal.status == Goal.Status.PROPOSED
    assert login(cast["other_lead"]).post(f"/goals/{goal.pk}/accept/").status_code == 404
    assert login(cast["agent"]).post(f"/goals/{goal.pk}/accept/").status_code == 404
    login(cast["lead"]).post(f"/goals/{goal.pk}/accept/")
    goal.refresh_from_db()
    assert goal.status == Goal.Status.OPEN


def test_the_lead_changes_a_goals_status_inline_with_htmx(cast, login):
    goal = services.goal_create(agent=cast["agent"], by=cast["lead"], title="One")
    response = login(cast["lead"]).post(
        f"/goals/{goal.pk}/status/", {"status": "achieved"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert f'id="goal-{goal.pk}"' in response.content.decode()
    goal.refresh_from_db()
    assert goal.status == Goal.Status.ACHIEVED


def test_status_changes_need_a_post_and_the_agents_lead(cast, login):
    goal = services.goal_create(agent=cast["agent"], by=cast["lead"], title="One")
    assert login(cast["lead"]).get(f"/goals/{goal.pk}/status/").status_code == 405
    assert (
        login(cast["agent"]).post(f"/goals/{goal.pk}/status/", {"status": "achieved"}).status_code
        == 404
    )
    assert (
        login(cast["lead"]).post("/goals/999999/status/", {"status": "achieved"}).status_code == 404
    )


def test_the_agent_and_the_lead_add_progress_notes(cast, login):
    goal = services.goal_create(agent=cast["agent"], by=cast["lead"], title="One")
    login(cast["agent"]).post(
        f"/goals/{goal.pk}/progress/", {"text": "Handled two escalations alone"}
    )
    login(cast["lead"]).post(
        f"/goals/{goal.pk}/progress/", {"text": "Confirmed in the call review"}
    )
    assert (
        login(cast["colleague"]).post(f"/goals/{goal.pk}/progress/", {"text": "x"}).status_code
        == 404
    )
    assert ProgressNote.objects.count() == 2


def test_the_lead_edits_a_goal(cast, login):
    goal = services.goal_create(agent=cast["agent"], by=cast["lead"], title="One")
    response = login(cast["lead"]).post(f"/goals/{goal.pk}/edit/", {"title": "One, sharper"})
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.title == "One, sharper"
    assert login(cast["hr"]).get(f"/goals/{goal.pk}/edit/").status_code == 404


def test_actions_are_added_and_completed(cast, login):
    login(cast["lead"]).post(
        f"/agents/{cast['agent'].pk}/actions/new/", {"kind": "shadowing", "title": "Shadow Anna"}
    )
    action = Action.objects.get()
    login(cast["agent"]).post(f"/actions/{action.pk}/done/", {"confirmation": "given"})
    action.refresh_from_db()
    assert action.completed_on == timezone.localdate()


def test_closing_a_plan_asks_first_and_keeps_it_in_the_history(cast, login):
    goal = services.goal_create(agent=cast["agent"], by=cast["lead"], title="One")
    client = login(cast["lead"])
    assert (
        "Close the development plan" in client.get(f"/plans/{goal.plan.pk}/close/").content.decode()
    )
    client.post(f"/plans/{goal.plan.pk}/close/")
    goal.plan.refresh_from_db()
    assert goal.plan.status == DevelopmentPlan.Status.CLOSED
    assert "One" in login(cast["agent"]).get(f"/agents/{cast['agent'].pk}/plans/").content.decode()
    assert login(cast["colleague"]).get(f"/agents/{cast['agent'].pk}/plans/").status_code == 404


def test_a_second_plan_while_one_is_active_is_refused_with_a_message(cast, login):
    services.plan_start(agent=cast["agent"], by=cast["lead"])
    response = login(cast["lead"]).post(f"/agents/{cast['agent'].pk}/plans/start/", follow=True)
    assert "already has an active development plan" in response.content.decode()
    assert DevelopmentPlan.objects.count() == 1


def test_the_growth_plan_shows_goals_and_actions(cast, login):
    services.goal_create(agent=cast["agent"], by=cast["lead"], title="Calm escalations")
    services.action_add(agent=cast["agent"], by=cast["lead"], kind="training", title="Workshop")
    for role in ("agent", "lead", "hr"):
        body = login(cast[role]).get(f"/agents/{cast['agent'].pk}/").content.decode()
        assert "Calm escalations" in body and "Workshop" in body


def test_the_agent_page_needs_as_many_queries_for_50_goals_as_for_5(cast, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(cast["lead"])

    def count():
        with CaptureQueriesContext(connection) as ctx:
            client.get(f"/agents/{cast['agent'].pk}/")
        return len(ctx.captured_queries)

    for n in range(5):
        goal = services.goal_create(
            agent=cast["agent"], by=cast["lead"], title=f"Goal {n}", skill=SkillFactory()
        )
        services.progress_note_add(goal=goal, author=cast["lead"], text="ok")
    few = count()
    for n in range(45):
        goal = services.goal_create(
            agent=cast["agent"], by=cast["lead"], title=f"More {n}", skill=SkillFactory()
        )
        services.progress_note_add(goal=goal, author=cast["lead"], text="ok")
        services.action_add(
            agent=cast["agent"], by=cast["lead"], kind="training", title=f"A{n}", goal=goal
        )
    assert count() == few
