"""Every read-only list endpoint reads a page in as many queries for 50 records as for 5.

tests/api/test_query_counts.py proves it for people, teams and key figures at 500; here the records
behind each of the other lists, each made as the pages make them (services) or as their factories do.
"""

import datetime
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from briefings import services as briefing_services
from briefings.models import Briefing
from plans import services as plan_services
from training import services as training_services
from training.models import Course, Session

from ..factories import make_agent
from ..feedback.factories import NoteFactory
from ..skills.factories import RatingFactory, SkillFactory, TargetFactory
from .test_webhooks import share_review

pytestmark = pytest.mark.django_db
_numbers = itertools.count()


def queries(client, url, expected) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content
    assert len(response.json()["results"]) == expected
    return len(captured)


def new_agents(team, count):
    return [
        make_agent(team, email=f"listed{next(_numbers)}@example.test", last_name="Listed")
        for _n in range(count)
    ]


def notes(ctx, count):
    for agent in new_agents(ctx["team"], count):
        NoteFactory(agent=agent, author=ctx["lead"], shared_at=timezone.now())


def reviews(ctx, count):
    for agent in new_agents(ctx["team"], count):
        share_review(ctx["lead"], agent)


def ratings(ctx, count):
    for agent in new_agents(ctx["team"], count):
        RatingFactory(agent=agent, rated_by=ctx["lead"], skill=ctx["skill"])


def targets(ctx, count):
    for agent in new_agents(ctx["team"], count):
        TargetFactory(agent=agent, skill=ctx["skill"])


def goals(ctx, count):
    for agent in new_agents(ctx["team"], count):
        plan_services.goal_create(agent=agent, by=ctx["lead"], title="Shorter holds")


def enrollments(ctx, count):
    course = Course.objects.create(title_en=f"Course {next(_numbers)}", duration_hours=2)
    for agent in new_agents(ctx["team"], count):
        # one session each, so every enrollment reads a session and a course of its own
        session = Session.objects.create(
            course=course,
            starts_at=timezone.now() + datetime.timedelta(days=5),
            trainer="Maria",
            place="Köln",
            capacity=2,
        )
        training_services.enroll(lead=ctx["lead"], agent=agent, session=session)


def published(ctx, title):
    briefing = Briefing.objects.create(
        title_en=title, status=Briefing.Status.PUBLISHED, published_at=timezone.now()
    )
    briefing.teams.add(ctx["team"], ctx["other_team"])
    return briefing


def briefings(ctx, count):
    for n in range(count):
        published(ctx, f"Briefing {n}")


def acknowledgements(ctx, count):
    briefing = published(ctx, "New greeting")
    for agent in new_agents(ctx["team"], count):
        briefing_services.acknowledge(agent=agent, briefing=briefing)


def skills(ctx, count):
    for _n in range(count):
        SkillFactory()


def courses(ctx, count):
    for _n in range(count):
        Course.objects.create(title_en=f"Course {next(_numbers)}", duration_hours=2)


LISTS = {
    "coaching-notes": notes,
    "reviews": reviews,
    "skill-ratings": ratings,
    "skill-targets": targets,
    "goals": goals,
    "enrollments": enrollments,
    "briefings": briefings,
    "briefing-acknowledgements": acknowledgements,
    "skills": skills,
    "courses": courses,
}


@pytest.mark.parametrize("endpoint", LISTS)
def test_every_list_costs_as_many_queries_for_50_records_as_for_5(
    endpoint, token_for, lead, team, other_team
):
    ctx = {"lead": lead, "team": team, "other_team": other_team, "skill": SkillFactory()}
    client, _token = token_for(lead)
    url = f"/api/v1/{endpoint}/"
    already = len(client.get(url).json()["results"])  # also the token's first use of the minute
    LISTS[endpoint](ctx, 5)
    few = queries(client, url, already + 5)
    LISTS[endpoint](ctx, 45)
    assert queries(client, url, already + 50) == few


def scim_queries(client, path, expected) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"/scim/v2/{path}")
    assert response.status_code == 200, response.content
    assert len(response.json()["Resources"]) == expected
    return len(captured)


def test_the_scim_lists_of_users_and_groups_cost_as_many_queries_for_50_as_for_5(integration, team):
    from api.models import DirectoryGroup

    client, _token = integration(["scim"])

    def add(count):
        people = new_agents(team, count)
        for person in people:
            group = DirectoryGroup.objects.create(display_name=f"Group {next(_numbers)}")
            group.members.add(person)

    users = len(client.get("/scim/v2/Users").json()["Resources"])
    add(5)
    few_users, few_groups = (
        scim_queries(client, "Users", users + 5),
        scim_queries(client, "Groups", 5),
    )
    add(45)
    assert scim_queries(client, "Users", users + 50) == few_users
    assert scim_queries(client, "Groups", 50) == few_groups
