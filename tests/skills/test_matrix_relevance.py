"""A team's matrix shows the skills of the team's channel; gaps with a goal offer no second goal."""

import pytest

from people.models import Channel
from plans.models import Goal
from plans.services import goal_create
from skills import selectors
from skills.models import Skill
from skills.services import catalogue_load

from .factories import RatingFactory, SkillFactory, TargetFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def channel_skills(db):
    channels = Channel.objects.by_code()
    phone_only, chat_only, everywhere = (
        SkillFactory(name_en="Call structure"),
        SkillFactory(name_en="Chat tone"),
        SkillFactory(name_en="Product knowledge"),
    )
    phone_only.channels.add(channels["phone"])
    chat_only.channels.add(channels["chat"])
    return {"phone": phone_only, "chat": chat_only, "all": everywhere}


def shown(response):
    return [s.name for s in response.context["matrix"].skills]


def test_a_phone_teams_matrix_leaves_out_chat_skills_by_default(
    team, lead, agent, channel_skills, login
):
    response = login(lead).get(f"/teams/{team.pk}/skills/")
    assert shown(response) == ["Call structure", "Product knowledge"]
    assert "Show all skills" in response.content.decode()


def test_the_filter_shows_every_skill_on_request(team, lead, agent, channel_skills, login):
    response = login(lead).get(f"/teams/{team.pk}/skills/?skills=all")
    assert shown(response) == ["Call structure", "Chat tone", "Product knowledge"]


def test_a_chat_teams_matrix_leaves_out_phone_skills(
    other_team, other_lead, other_agent, channel_skills, login
):
    other_team.primary_channel = "chat"
    other_team.save()
    response = login(other_lead).get(f"/teams/{other_team.pk}/skills/")
    assert shown(response) == ["Chat tone", "Product knowledge"]


def test_the_site_matrix_shows_every_skill(hr, agent, channel_skills, login):
    response = login(hr).get("/skills/matrix/")
    assert shown(response) == ["Call structure", "Chat tone", "Product knowledge"]


def test_the_csv_follows_the_same_skill_filter(team, lead, agent, channel_skills, login):
    response = login(lead).get(f"/teams/{team.pk}/skills.csv")
    header = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff").splitlines()[0]
    assert header == "Agent;Call structure;Product knowledge"


def test_the_shipped_catalogue_ties_chat_and_social_skills_to_their_channels(db):
    catalogue_load()
    channels_of = {
        s.code: {c.code for c in s.channels.all()}
        for s in Skill.objects.prefetch_related("channels")
    }
    assert channels_of["chat-handling"] == {"chat"}
    assert channels_of["public-replies"] == {"social"}
    assert channels_of["de-escalation"] == set()


def test_the_dashboards_thinnest_skills_of_a_phone_team_leave_out_chat_skills(
    team, lead, agent, channel_skills
):
    [(_team, thinnest)] = selectors.thinnest_skills_by_team([team], limit=5)
    assert {c.skill.name for c in thinnest} == {"Call structure", "Product knowledge"}


def test_a_goal_made_from_a_gap_has_a_meaningful_title(team, lead, agent, channel_skills, login):
    skill = channel_skills["all"]
    response = login(lead).get(f"/agents/{agent.pk}/goals/new/?skill={skill.pk}&level=4")
    assert response.context["form"].initial["title"] == "Reach level 4 in Product knowledge"


def test_the_goal_title_is_german_for_a_german_lead(team, lead, agent, channel_skills, login):
    lead.preferred_language = "de"
    lead.save()
    skill = channel_skills["all"]
    client = login(lead)
    response = client.get(
        f"/agents/{agent.pk}/goals/new/?skill={skill.pk}&level=4", HTTP_ACCEPT_LANGUAGE="de"
    )
    assert response.context["form"].initial["title"].endswith("erreichen")


@pytest.fixture
def gap(lead, agent, channel_skills):
    skill = channel_skills["all"]
    RatingFactory(agent=agent, skill=skill, level=2, rated_by=lead)
    TargetFactory(agent=agent, skill=skill, level=4, set_by=lead)
    return skill


def goal_links(body, agent, skill):
    return body.count(f"/agents/{agent.pk}/goals/new/?skill={skill.pk}&amp;level=4")


def test_a_gap_without_a_goal_offers_make_a_goal(team, lead, agent, gap, login):
    client = login(lead)
    assert goal_links(client.get(f"/teams/{team.pk}/skills/").content.decode(), agent, gap) == 1
    assert goal_links(client.get(f"/agents/{agent.pk}/").content.decode(), agent, gap) == 1


def test_a_gap_with_a_goal_no_longer_offers_make_a_goal(team, lead, agent, gap, login):
    goal_create(agent=agent, by=lead, title="Reach level 4", skill=gap, target_level=4)
    client = login(lead)
    matrix = client.get(f"/teams/{team.pk}/skills/").content.decode()
    assert goal_links(matrix, agent, gap) == 0
    assert "a goal exists" in matrix
    page = client.get(f"/agents/{agent.pk}/").content.decode()
    assert goal_links(page, agent, gap) == 0
    assert "goal set" in page


def test_a_dropped_goal_offers_make_a_goal_again(team, lead, agent, gap, login):
    goal = goal_create(agent=agent, by=lead, title="Reach level 4", skill=gap, target_level=4)
    Goal.objects.filter(pk=goal.pk).update(status=Goal.Status.DROPPED)
    assert (
        goal_links(login(lead).get(f"/teams/{team.pk}/skills/").content.decode(), agent, gap) == 1
    )
