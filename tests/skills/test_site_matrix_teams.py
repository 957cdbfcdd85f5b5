"""HR's site matrix names each agent's team and filters by team, so two people of one name are told
apart; the coverage row is that of the chosen team; labels say what they count."""

import pytest

from ..factories import make_agent
from .factories import RatingFactory, SkillFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_of_one_name(team, other_team, lead):
    skill = SkillFactory(name_en="De-escalation", name_de="Deeskalation")
    phone = make_agent(team, first_name="Kim", last_name="Berger")
    chat = make_agent(other_team, first_name="Kim", last_name="Berger")
    RatingFactory(agent=phone, skill=skill, level=4, rated_by=lead)
    return phone, chat


def _kim_rows(html):
    return [row for row in html.split("<tr>") if "Kim Berger" in row]


def test_the_site_matrix_shows_each_agents_team(cast, login, two_of_one_name):
    html = login(cast["hr"]).get("/skills/matrix/").content.decode()
    assert '<th scope="col" class="text-start small matrix-team">Team</th>' in html
    rows = _kim_rows(html)
    assert len(rows) == 2
    assert sorted("Phone Team" in r for r in rows) == [False, True]
    assert sorted("Chat Team" in r for r in rows) == [False, True]


def test_the_site_matrix_filters_by_team_and_counts_the_coverage_of_that_team(
    cast, login, team, other_team, two_of_one_name
):
    client = login(cast["hr"])
    phone = client.get("/skills/matrix/", {"team": team.pk})
    assert [a.team_name for a, _cells in phone.context["matrix"].rows] == ["Phone Team"] * len(
        phone.context["matrix"].rows
    )
    assert len(_kim_rows(phone.content.decode())) == 1
    chat = client.get("/skills/matrix/", {"team": other_team.pk})
    assert {a.team_name for a, _cells in chat.context["matrix"].rows} == {"Chat Team"}
    assert [c.covered for c in chat.context["matrix"].coverage] == [0]
    assert [c.covered for c in phone.context["matrix"].coverage] == [1]


def test_a_lead_filters_only_by_the_teams_they_lead(cast, login, other_team):
    page = login(cast["lead"]).get("/skills/matrix/", {"team": other_team.pk})
    assert page.status_code == 200
    assert list(page.context["filters"].fields["team"].queryset) == [
        cast["lead"].memberships.get().team
    ]
    assert page.context["filters"].errors  # another team's id is not a choice


@pytest.mark.parametrize(
    "language,coverage,header",
    [("de", "Ab Stufe 3", "Deeskalation"), ("en", "At level 3 or above", "De-escalation")],
)
def test_the_matrix_headers_carry_their_language_for_hyphenation_and_say_what_they_count(
    cast, login, team, two_of_one_name, language, coverage, header
):
    cast["lead"].preferred_language = language
    cast["lead"].save(update_fields=["preferred_language"])
    html = login(cast["lead"]).get(f"/teams/{team.pk}/skills/", {"skills": "all"}).content.decode()
    assert f'class="small matrix-skill" lang="{language}"' in html
    assert header in html
    assert coverage in html
