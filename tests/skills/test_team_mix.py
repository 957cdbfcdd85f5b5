"""The team mix under the team's skills matrix: single points of failure, skills nobody holds, the
what-if and the next cross-training or hire."""

import pytest

from people.selectors import current_agents_of
from skills.mix import team_mix

from ..factories import make_agent
from .factories import RatingFactory, SkillFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mixed(team, lead, agent, colleague):
    """English de-escalation rests on Sabine alone; phone handling on two; nobody writes chat well."""
    sabine = make_agent(team, first_name="Sabine", last_name="Sommer")
    english = SkillFactory(name_en="De-escalation in English")
    phone = SkillFactory(name_en="Phone handling")
    chat = SkillFactory(name_en="Chat writing")
    for who, levels in ((sabine, (4, 3, 1)), (agent, (2, 3, 2)), (colleague, (1, 1, 1))):
        for skill, level in zip((english, phone, chat), levels, strict=True):
            RatingFactory(agent=who, skill=skill, level=level, rated_by=lead)
    return {"sabine": sabine, "english": english, "phone": phone, "chat": chat}


def test_a_skill_one_person_holds_is_a_single_point_of_failure_and_one_nobody_holds_is_named(
    team, mixed, agent
):
    mix = team_mix(current_agents_of(team), [mixed["english"], mixed["phone"], mixed["chat"]])
    assert mix.single_points == [(mixed["english"], mixed["sabine"])]
    assert mix.uncovered == [mixed["chat"]]
    first, second = mix.recommendations
    assert (first.skill, first.kind, first.candidate) == (mixed["chat"], "cross_train", agent)
    assert "nobody in the team is at level 3 or above" in first.reason
    assert (second.skill, second.candidate) == (mixed["english"], agent)
    assert "Sabine Sommer is the only one at level 3 or above" in second.reason


def test_the_what_if_shows_which_coverage_breaks_when_someone_is_absent(team, mixed):
    skills = [mixed["english"], mixed["phone"], mixed["chat"]]
    mix = team_mix(current_agents_of(team), skills, absent=mixed["sabine"])
    assert mix.breaks == [mixed["english"]]
    assert [skill for skill, _holder in mix.becomes_single] == [mixed["phone"]]


def test_the_matrix_page_shows_the_mix_and_refuses_a_what_if_for_someone_outside_the_team(
    team, mixed, login, lead, other_agent
):
    client = login(lead)
    body = client.get(f"/teams/{team.pk}/skills/?skills=all").content.decode()
    assert "De-escalation in English: only Sabine Sommer" in body
    body = client.get(
        f"/teams/{team.pk}/skills/?skills=all&absent={mixed['sabine'].pk}"
    ).content.decode()
    assert "Without Sabine Sommer, nobody covers:</strong> De-escalation in English" in body
    body = client.get(
        f"/teams/{team.pk}/skills/?skills=all&absent={other_agent.pk}"
    ).content.decode()
    assert "The person chosen for the what-if is not in this team." in body
    assert str(other_agent) not in body


def test_hr_sees_the_risks_of_every_team_without_names_in_queries_flat_in_the_teams(
    team, mixed, login, hr
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from skills.mix import site_mix

    from ..factories import TeamFactory

    mixed["english"].channels.clear()
    risks = {r.team: r for r in site_mix([team])}
    assert mixed["english"] in risks[team].single_points
    assert mixed["chat"] in risks[team].uncovered
    assert mixed["phone"] not in risks[team].single_points + risks[team].uncovered

    def queries(teams):
        with CaptureQueriesContext(connection) as captured:
            site_mix(teams)
        return len(captured)

    few = queries([team, *(TeamFactory() for _ in range(4))])
    assert queries([team, *(TeamFactory() for _ in range(49))]) == few == 3
    body = login(hr).get("/skills/mix/").content.decode()
    assert "De-escalation in English" in body and "Sabine" not in body
    csv_text = b"".join(login(hr).get("/skills/mix.csv").streaming_content).decode()
    assert "De-escalation in English" in csv_text and "Sabine" not in csv_text


def test_hr_downloads_the_sites_mix_risks_as_excel_without_names(team, mixed, login, hr):
    import io

    from openpyxl import load_workbook

    mixed["english"].channels.clear()
    response = login(hr).get("/skills/mix.xlsx")
    assert response["Content-Disposition"] == 'attachment; filename="team-mix.xlsx"'
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0] == ("Team", "Risk", "Skill")
    assert (team.name, "held by one person only", "De-escalation in English") in rows
    assert not any("Sabine" in str(cell) for row in rows for cell in row)


def test_the_recommendation_puts_first_what_a_team_objective_needs_and_says_so(team, mixed):
    skills = [mixed["english"], mixed["phone"], mixed["chat"]]
    mix = team_mix(
        current_agents_of(team), skills, priorities={mixed["english"].pk: "Calm complaints"}
    )
    first, second = mix.recommendations
    assert (first.skill, second.skill) == (mixed["english"], mixed["chat"])
    assert first.reason.endswith("The team objective “Calm complaints” needs it.")
