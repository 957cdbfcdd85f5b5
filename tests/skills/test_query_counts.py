import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from skills.models import CareerWish

from ..factories import make_agent
from .factories import RatingFactory, SkillFactory, TargetFactory

pytestmark = pytest.mark.django_db


def queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def add_agents(team, lead, skills, count):
    for _ in range(count):
        agent = make_agent(team)
        for skill in skills:
            RatingFactory(agent=agent, skill=skill, rated_by=lead)
            TargetFactory(agent=agent, skill=skill, set_by=lead)
        CareerWish.objects.create(agent=agent, kind="qa").skills.add(*skills)


@pytest.mark.parametrize(
    "url", ["/teams/{team}/skills/", "/skills/matrix/", "/career-wishes/", "/dashboard/"]
)
def test_skill_pages_need_as_many_queries_for_50_agents_as_for_5(cast, team, login, url):
    skills = [SkillFactory(), SkillFactory()]
    client = login(cast["lead"])
    add_agents(team, cast["lead"], skills, 3)
    url = url.format(team=team.pk)
    few = queries(client, url)
    add_agents(team, cast["lead"], skills, 45)
    assert queries(client, url) == few


def test_the_agent_page_needs_as_many_queries_with_many_skills_and_ratings(cast, login):
    client = login(cast["lead"])
    skills = [SkillFactory() for _ in range(2)]
    for skill in skills:
        RatingFactory(agent=cast["agent"], skill=skill, rated_by=cast["lead"])
    few = queries(client, f"/agents/{cast['agent'].pk}/")
    for _ in range(20):
        skill = SkillFactory()
        for _ in range(3):
            RatingFactory(agent=cast["agent"], skill=skill, rated_by=cast["lead"])
    assert queries(client, f"/agents/{cast['agent'].pk}/") == few
