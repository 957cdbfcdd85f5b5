"""`updated_since` on goals and enrollments: what was created or changed since, for an incremental sync."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from people import services as people_services
from plans import services as plan_services
from training import services as training_services
from training.models import Course

from ..skills.factories import SkillFactory
from ..training.test_training import session_of

pytestmark = pytest.mark.django_db


def _ids(response) -> list:
    assert response.status_code == 200, response.content
    return sorted(row["id"] for row in response.json()["results"])


def test_a_goal_changed_since_is_listed_and_an_unchanged_one_is_not(token_for, lead, agent):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        first = plan_services.goal_create(agent=agent, by=lead, title="Shorter holds")
        second = plan_services.goal_create(agent=agent, by=lead, title="Warmer greetings")
    client, _token = token_for(lead)
    since = (start + datetime.timedelta(hours=1)).isoformat()
    assert _ids(client.get("/api/v1/goals/", {"updated_since": since})) == []
    with time_machine.travel(start + datetime.timedelta(hours=2), tick=False):
        plan_services.goal_set_status(goal=second, by=lead, status="achieved")
    assert _ids(client.get("/api/v1/goals/", {"updated_since": since})) == [second.pk]
    assert _ids(client.get("/api/v1/goals/")) == sorted([first.pk, second.pk])


def test_an_enrollment_changed_since_is_listed(token_for, lead, agent):
    course = Course.objects.create(title_en="De-escalation", duration_hours=8)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        enrollment = training_services.enroll(lead=lead, agent=agent, session=session_of(course))
    client, _token = token_for(lead)
    since = (enrollment.session.starts_at + datetime.timedelta(hours=1)).isoformat()
    assert _ids(client.get("/api/v1/enrollments/", {"updated_since": since})) == []
    with time_machine.travel(enrollment.session.starts_at + datetime.timedelta(hours=8)):
        training_services.mark_attended(enrollment=enrollment, by=lead)
    assert _ids(client.get("/api/v1/enrollments/", {"updated_since": since})) == [enrollment.pk]


def test_people_whose_account_or_memberships_changed_are_listed(
    token_for, hr, lead, agent, colleague, team, other_team
):
    start = timezone.now() + datetime.timedelta(days=1)
    client, _token = token_for(hr)
    since = start.isoformat()
    assert _ids(client.get("/api/v1/people/", {"updated_since": since})) == []
    with time_machine.travel(start + datetime.timedelta(hours=1), tick=False):
        people_services.person_update(actor=hr, person=agent, last_name="Renamed")
        people_services.memberships_sync(
            actor=hr, person=colleague, wanted=[(other_team, "member")]
        )
    assert _ids(client.get("/api/v1/people/", {"updated_since": since})) == sorted(
        [agent.pk, colleague.pk]
    )
    assert lead.pk in _ids(client.get("/api/v1/people/"))


def test_teams_skills_and_courses_changed_since_are_listed(token_for, hr, team, other_team):
    course = Course.objects.create(title_en="De-escalation", duration_hours=8)
    start = timezone.now() + datetime.timedelta(days=1)
    client, _token = token_for(hr)
    since = start.isoformat()
    for url in ("/api/v1/teams/", "/api/v1/skills/", "/api/v1/courses/"):
        assert _ids(client.get(url, {"updated_since": since})) == []
    with time_machine.travel(start + datetime.timedelta(hours=1), tick=False):
        people_services.team_save(actor=hr, team=other_team, name="Chat Team Nord")
        skill = SkillFactory()
        course.duration_hours = 6
        course.save()
    assert _ids(client.get("/api/v1/teams/", {"updated_since": since})) == [other_team.pk]
    assert _ids(client.get("/api/v1/skills/", {"updated_since": since})) == [skill.pk]
    assert _ids(client.get("/api/v1/courses/", {"updated_since": since})) == [course.pk]
