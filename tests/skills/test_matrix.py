import csv
import io

import pytest

from people.selectors import current_agents_of
from skills import selectors

from ..factories import make_agent
from .factories import RatingFactory, SkillFactory, TargetFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def known_team(team, lead, agent, colleague):
    """Three agents, two skills: phone handling is covered by two, chat by one (thin)."""
    third = make_agent(team, first_name="Tina", last_name="Third")
    phone, chat = SkillFactory(name_en="Phone handling"), SkillFactory(name_en="Chat handling")
    for who, phone_level, chat_level in ((agent, 3, 1), (colleague, 4, 3), (third, 2, 2)):
        RatingFactory(agent=who, skill=phone, level=phone_level, rated_by=lead)
        RatingFactory(agent=who, skill=chat, level=chat_level, rated_by=lead)
    TargetFactory(agent=third, skill=phone, level=4, set_by=lead)
    return {"phone": phone, "chat": chat, "third": third}


def test_the_coverage_row_counts_agents_at_level_three_or_above(team, known_team):
    matrix = selectors.skills_matrix(
        current_agents_of(team), [known_team["phone"], known_team["chat"]]
    )
    phone, chat = matrix.coverage
    assert (phone.covered, phone.is_thin, phone.gaps) == (2, False, 1)
    assert (chat.covered, chat.is_thin, chat.gaps) == (1, True, 0)


def test_the_matrix_page_marks_gaps_and_thin_coverage(team, known_team, login, lead):
    body = login(lead).get(f"/teams/{team.pk}/skills/").content.decode()
    assert "Phone handling" in body and "Chat handling" in body
    assert "has-gap" in body
    assert "thin coverage" in body


def test_the_matrix_filters_by_category_and_channel(team, known_team, login, lead, agent):
    from people.models import Channel

    agent.profile.channels.add(Channel.objects.by_code()["chat"])
    category = known_team["chat"].category.pk
    response = login(lead).get(f"/teams/{team.pk}/skills/?category={category}&channel=chat")
    matrix = response.context["matrix"]
    assert [s.name for s in matrix.skills] == ["Chat handling"]
    assert [a for a, _ in matrix.rows] == [agent]


def test_the_csv_lists_every_agent_and_the_coverage_and_neutralises_formulas(
    team, known_team, login, lead, agent
):
    agent.first_name, agent.last_name = "=HYPERLINK()", "X"
    agent.save()
    response = login(lead).get(f"/teams/{team.pk}/skills.csv")
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == ["Agent", "Chat handling", "Phone handling"]  # catalogue order: by name here
    assert any(row[0] == "'=HYPERLINK() X" for row in rows)
    assert rows[-1][1:] == ["1", "2"]
    assert len(rows) == 5


@pytest.mark.parametrize(
    "role,status",
    [
        ("lead", 200),
        ("hr", 200),
        ("admin", 200),
        ("other_lead", 404),
        ("agent", 404),
    ],
)
def test_the_team_matrix_is_for_the_teams_lead_hr_and_admins(cast, team, login, role, status):
    assert login(cast[role]).get(f"/teams/{team.pk}/skills/").status_code == status
    assert login(cast[role]).get(f"/teams/{team.pk}/skills.csv").status_code == status


@pytest.mark.parametrize(
    "role,status", [("lead", 200), ("hr", 200), ("admin", 200), ("agent", 404)]
)
def test_the_site_matrix_is_for_leads_hr_and_admins(cast, login, role, status):
    assert login(cast[role]).get("/skills/matrix/").status_code == status


def test_a_lead_sees_only_their_own_agents_in_the_site_matrix(cast, login):
    response = login(cast["lead"]).get("/skills/matrix/")
    assert {a for a, _ in response.context["matrix"].rows} == {cast["agent"], cast["colleague"]}


def test_the_site_matrix_paginates_but_counts_coverage_over_everyone(cast, team, login):
    skill = SkillFactory()
    for _ in range(55):
        RatingFactory(agent=make_agent(team), skill=skill, level=3, rated_by=cast["lead"])
    response = login(cast["hr"]).get("/skills/matrix/")
    assert len(response.context["matrix"].rows) == 50
    assert response.context["matrix"].coverage[0].covered == 55


def test_hr_sees_a_gap_marked_with_its_target_but_no_link_to_make_a_goal(
    team, known_team, login, hr
):
    body = login(hr).get(f"/teams/{team.pk}/skills/").content.decode()
    assert '<td class="heat-2 has-gap">2<span class="gap-mark"> ▲4</span>' in body
    assert "/goals/new/" not in body


def test_a_cell_without_a_current_level_shows_a_muted_dot(team, known_team, login, lead):
    make_agent(team, first_name="Nora", last_name="New")
    body = login(lead).get(f"/teams/{team.pk}/skills/").content.decode()
    assert '<td class="heat-none"><span class="text-muted">·</span></td>' in body


def test_the_team_matrix_counts_coverage_over_the_whole_team_also_beyond_the_first_page(
    team, known_team, login, lead
):
    for _ in range(50):
        RatingFactory(agent=make_agent(team), skill=known_team["phone"], level=3, rated_by=lead)
    matrix = login(lead).get(f"/teams/{team.pk}/skills/").context["matrix"]
    assert len(matrix.rows) == 50
    assert [c.covered for c in matrix.coverage] == [1, 52]  # chat, then phone


def test_agents_with_the_same_name_show_once_across_the_pages(team, login, lead):
    for _ in range(55):
        make_agent(team, first_name="Sam", last_name="Same")
    client = login(lead)
    shown = [
        a.pk
        for page in (1, 2)
        for a, _cells in client.get(f"/teams/{team.pk}/skills/?page={page}").context["matrix"].rows
    ]
    assert len(shown) == len(set(shown)) == 55
