"""Service objectives, team objectives, progress from the key figures, proposals and goal links."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from kpis.models import KpiRecord
from objectives import selectors, services
from objectives.models import GoalLink, Proposal, ServiceObjective, TeamObjective
from plans import services as plan_services

from ..factories import TeamFactory, make_agent, make_lead

pytestmark = pytest.mark.django_db

TODAY = "2026-05-20 10:00 +02:00"  # Q2 2026


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


def fcr_objective(hr, **fields) -> ServiceObjective:
    values = {
        "period_kind": "quarter",
        "year": 2026,
        "number": 2,
        "title_en": "Solve it the first time",
        "title_de": "Beim ersten Mal lösen",
        "measure": "fcr",
        "direction": "at_least",
        "baseline": 70,
        "target": 80,
        **fields,
    }
    objective = services.objective_save(objective=ServiceObjective(**values), by=hr)
    return services.objective_publish(objective=objective, by=hr)


def team_part(objective, team, lead, **fields) -> TeamObjective:
    return services.team_objective_save(
        team_objective=TeamObjective(
            service_objective=objective, team=team, title="Ask whether all is solved", **fields
        ),
        by=lead,
    )


@pytest.mark.parametrize(
    "fields,field",
    [
        ({"measure": ""}, "measure"),
        ({"target": None}, "target"),
        ({"measure": "aht_seconds", "direction": "at_least", "baseline": None}, "direction"),
        ({"baseline": 85}, "target"),  # at least 80 from 85: the wrong direction
        ({"number": 1}, "year"),  # Q1 2026 ended before 20.05.2026
        ({"number": 5}, "number"),
        ({"target": 140}, "target"),  # a share above 100 %
    ],
)
def test_an_objective_that_cannot_be_right_is_refused_with_a_message_and_nothing_is_saved(
    cast, fields, field
):
    with pytest.raises(ValidationError) as refused:
        fcr_objective(cast["hr"], **fields)
    assert field in refused.value.message_dict
    assert refused.value.message_dict[field][0]
    assert not ServiceObjective.objects.exists()


def test_only_hr_writes_service_objectives(cast):
    for stranger in (cast["lead"], cast["agent"]):
        with pytest.raises(Http404):
            fcr_objective(stranger)
    assert not ServiceObjective.objects.exists()


def test_a_lead_proposes_a_part_only_for_a_team_they_lead(cast, team, other_team):
    objective = fcr_objective(cast["hr"])
    with pytest.raises(ValidationError) as refused:
        team_part(objective, other_team, cast["lead"])
    assert "team" in refused.value.message_dict
    assert not TeamObjective.objects.exists()
    assert team_part(objective, team, cast["lead"]).status == TeamObjective.Status.PROPOSED


def test_agents_see_their_teams_part_once_hr_has_agreed_it(cast, team):
    objective = fcr_objective(cast["hr"])
    part = team_part(objective, team, cast["lead"])
    assert selectors.heading_for_agent(cast["agent"]) == []
    services.team_objective_agree(team_objective=part, by=cast["hr"])
    assert selectors.heading_for_agent(cast["agent"]) == [part]
    assert selectors.heading_for_agent(cast["other_agent"]) == []


def _fcr_week(agent, monday, fcr, contacts=100):
    KpiRecord.objects.create(
        agent=agent, period_start=monday, channel="phone", contacts=contacts, fcr=fcr
    )


def test_progress_is_the_teams_weekly_figure_with_its_trend_and_gap_in_words(cast, team, settings):
    settings.MIN_GROUP_SIZE = 2
    objective = fcr_objective(cast["hr"])
    part = services.team_objective_agree(
        team_objective=team_part(objective, team, cast["lead"]), by=cast["hr"]
    )
    for week, (mine, theirs) in enumerate([(0.70, 0.72), (0.72, 0.74), (0.76, 0.78)]):
        monday = datetime.date(2026, 4, 6) + datetime.timedelta(weeks=week)
        _fcr_week(cast["agent"], monday, mine)
        _fcr_week(cast["colleague"], monday, theirs, contacts=300)
    progress = selectors.progress_for([part], cast["agent"])[part.pk]
    assert [w.value for w in progress.weeks] == [71.5, 73.5, 77.5]  # weighted by contacts
    assert progress.latest == 77.5
    assert progress.trend == "rising"
    assert not progress.reached
    assert progress.words == (
        "2.5 percentage points still to go: 77.5 % now, the target is at least 80.0 %."
    )
    assert progress.trend_words == "Moving towards the target over the last weeks."


def test_weeks_with_fewer_people_than_the_smallest_group_are_not_shown_to_agents(
    cast, team, settings
):
    settings.MIN_GROUP_SIZE = 5
    objective = fcr_objective(cast["hr"])
    part = services.team_objective_agree(
        team_objective=team_part(objective, team, cast["lead"]), by=cast["hr"]
    )
    _fcr_week(cast["agent"], datetime.date(2026, 4, 6), 0.9)
    progress = selectors.progress_for([part], cast["agent"])[part.pk]
    assert progress.weeks == [] and progress.hidden_weeks == 1
    assert progress.latest is None
    assert selectors.progress_for([part], cast["lead"])[part.pk].latest == 90.0


def test_progress_across_teams_needs_as_many_queries_for_50_teams_as_for_5(cast):
    objective = fcr_objective(cast["hr"])

    def add_teams(count):
        for _ in range(count):
            team = TeamFactory()
            lead = make_lead(team)
            agent = make_agent(team)
            _fcr_week(agent, datetime.date(2026, 4, 6), 0.8)
            part = team_part(objective, team, lead)
            services.team_objective_agree(team_objective=part, by=cast["hr"])

    def queries():
        with CaptureQueriesContext(connection) as captured:
            rows = selectors.objectives_overview(cast["hr"], [objective])
        return len(captured), len(rows[0]["teams"])

    add_teams(5)
    few, teams = queries()
    assert teams == 5
    add_teams(45)
    many, teams = queries()
    assert teams == 50
    assert many == few <= 3


def test_an_agent_proposes_and_the_lead_answers_with_a_reason(cast, team):
    objective = fcr_objective(cast["hr"])
    part = services.team_objective_agree(
        team_objective=team_part(objective, team, cast["lead"]), by=cast["hr"]
    )
    with pytest.raises(Http404):
        services.proposal_create(team_objective=part, by=cast["other_agent"], text="Not my team")
    proposal = services.proposal_create(
        team_objective=part, by=cast["agent"], text="Customers often ask about returns"
    )
    with pytest.raises(ValidationError):
        services.proposal_answer(proposal=proposal, by=cast["lead"], answer="taken_up", reason=" ")
    with pytest.raises(Http404):
        services.proposal_answer(
            proposal=proposal, by=cast["other_lead"], answer="taken_up", reason="Fine"
        )
    services.proposal_answer(
        proposal=proposal, by=cast["lead"], answer="not_now", reason="After the peak season"
    )
    proposal.refresh_from_db()
    assert (proposal.answer, proposal.reason) == (Proposal.Answer.NOT_NOW, "After the peak season")
    assert list(selectors.proposals_visible_to(cast["colleague"])) == [proposal]
    assert list(selectors.proposals_visible_to(cast["hr"])) == []
    assert selectors.proposal_counts_by_team() == {team.pk: {"total": 1, "open": 0}}


def test_an_agent_links_their_own_goal_to_their_teams_objective(cast, team):
    objective = fcr_objective(cast["hr"])
    part = services.team_objective_agree(
        team_objective=team_part(objective, team, cast["lead"]), by=cast["hr"]
    )
    goal = plan_services.goal_create(agent=cast["agent"], by=cast["lead"], title="Calm calls")
    with pytest.raises(Http404):
        services.goal_link(goal=goal, team_objective=part, by=cast["colleague"])
    services.goal_link(goal=goal, team_objective=part, by=cast["agent"])
    assert GoalLink.objects.get(goal=goal).team_objective == part
    services.goal_link(goal=goal, team_objective=None, by=cast["agent"])
    assert not GoalLink.objects.filter(goal=goal).exists()


def test_proposals_go_24_months_after_their_answer_and_unanswered_ones_after_they_were_made(
    cast, team
):
    from django.utils import timezone

    from privacy import retention

    objective = fcr_objective(cast["hr"])
    part = services.team_objective_agree(
        team_objective=team_part(objective, team, cast["lead"]), by=cast["hr"]
    )
    answered = services.proposal_create(team_objective=part, by=cast["agent"], text="A")
    services.proposal_answer(proposal=answered, by=cast["lead"], answer="taken_up", reason="Yes")
    unanswered = services.proposal_create(team_objective=part, by=cast["agent"], text="B")
    rule = next(r for r in retention.RULES if r.key == "objective_proposals")
    today = timezone.localdate()
    assert not rule.expired(
        today.replace(year=today.year + 2) - datetime.timedelta(days=1)
    ).exists()
    assert set(rule.expired(today.replace(year=today.year + 2) + datetime.timedelta(days=1))) == {
        answered,
        unanswered,
    }


def test_the_skills_a_teams_objectives_need_reach_the_team_mix(cast, team, client):
    from objectives.selectors import skills_needed_by_team

    from ..skills.factories import SkillFactory

    english = SkillFactory(name_en="De-escalation in English")
    objective = fcr_objective(cast["hr"])
    part = services.team_objective_save(
        team_objective=TeamObjective(service_objective=objective, team=team, title="Calm calls"),
        by=cast["lead"],
        skills=[english],
    )
    assert skills_needed_by_team(team) == {english.pk: "Calm calls"}
    assert list(part.skills.all()) == [english]


def test_hr_exports_every_teams_part_and_progress_as_csv_and_excel(cast, team, login):
    import io

    from openpyxl import load_workbook

    objective = fcr_objective(cast["hr"])
    services.team_objective_agree(
        team_objective=team_part(objective, team, cast["lead"]), by=cast["hr"]
    )
    client = login(cast["hr"])
    csv_text = b"".join(client.get("/objectives/export.csv").streaming_content).decode()
    assert "Solve it the first time;" in csv_text and "Ask whether all is solved" in csv_text
    sheet = load_workbook(io.BytesIO(client.get("/objectives/export.xlsx").content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Period"
    assert rows[1][:2] == ("Q2 2026", "Solve it the first time")
    assert rows[1][4:6] == (team.name, "Ask whether all is solved")


def test_hr_overview_counts_each_teams_proposals_in_the_teams_query(cast, team, login, settings):
    objective = fcr_objective(cast["hr"])
    part = services.team_objective_agree(
        team_objective=team_part(objective, team, cast["lead"]), by=cast["hr"]
    )
    client = login(cast["hr"])

    def overview():
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/hr/")
        return response, len(captured)

    overview()  # the site's cached figures are read once
    response, before = overview()
    assert {t.pk: t.objective_proposals for t in response.context["teams"]}[team.pk] is None
    for n in range(3):
        services.proposal_create(team_objective=part, by=cast["agent"], text=f"Idea {n}")
    answered = services.proposal_create(team_objective=part, by=cast["colleague"], text="Later")
    services.proposal_answer(proposal=answered, by=cast["lead"], answer="not_now", reason="Peak")
    response, after = overview()
    assert after == before  # read with the teams: no query of its own
    row = {t.pk: t for t in response.context["teams"]}[team.pk]
    assert (row.objective_proposals, row.objective_proposals_open) == (4, 3)
    assert "Improvement proposals" in response.content.decode()
    assert "(3 unanswered)" in response.content.decode()
    assert "Idea 0" not in response.content.decode()  # counts, never content
    settings.WORKS_COUNCIL_FEATURES = {
        **settings.WORKS_COUNCIL_FEATURES,
        "objective_proposals": False,
    }
    assert "Improvement proposals" not in client.get("/hr/").content.decode()


def test_hrs_objectives_page_needs_as_many_queries_for_40_teams_as_for_4_and_at_most_15(
    cast, login
):
    objective = fcr_objective(cast["hr"])
    client = login(cast["hr"])

    def add_teams(count):
        for _ in range(count):
            team = TeamFactory()
            lead = make_lead(team)
            agent = make_agent(team)
            _fcr_week(agent, datetime.date(2026, 4, 6), 0.8)
            part = team_part(objective, team, lead)
            services.team_objective_agree(team_objective=part, by=cast["hr"])
            services.proposal_create(team_objective=part, by=agent, text="An idea")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/objectives/")
        assert response.status_code == 200
        return len(captured), len(response.context["rows"][0]["teams"])

    add_teams(4)
    few, teams = queries()
    assert teams == 4
    add_teams(36)
    many, teams = queries()
    assert teams == 40
    assert many == few <= 15
