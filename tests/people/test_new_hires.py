"""A new hire before day one belongs to the team as "starting on …": the lead and HR see them wherever a
team member shows, onboarding and the mentor are prepared ahead, and no figure counts them yet."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from people import access
from people import selectors as people_selectors
from people.models import MentorPairing, User
from training.models import OnboardingAssignment, OnboardingProgram

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 12, 7, 10, 0, tzinfo=datetime.UTC)
FIRST_DAY = datetime.date(2027, 1, 4)


def _hire(client, team) -> User:
    response = client.post(
        "/training/new-hire/",
        {
            "team": team.pk,
            "first_name": "Nia",
            "last_name": "New",
            "email": "nia@example.test",
            "hire_date": FIRST_DAY.isoformat(),
        },
    )
    new = User.objects.get(email="nia@example.test")
    assert response.url == f"/agents/{new.pk}/mentors/"
    return new


@time_machine.travel(NOW, tick=False)
def test_the_lead_prepares_onboarding_and_a_mentor_before_day_one(cast, team, login):
    OnboardingProgram.objects.create(name_en="Onboarding", is_default=True)
    client = login(cast["lead"])
    new = _hire(client, team)
    page = client.get(f"/agents/{new.pk}/mentors/")
    assert page.status_code == 200
    assert cast["agent"] in [s.mentor for s in page.context["suggestions"]]
    chosen = client.post(
        f"/agents/{new.pk}/mentors/", {"mentor": cast["agent"].pk, "confirmation": "given"}
    )
    pairing = MentorPairing.objects.get(mentee=new)
    assert pairing.mentor == cast["agent"]
    assert client.get(chosen.url).status_code == 200  # the pairing page
    assert OnboardingAssignment.objects.get(agent=new).start == FIRST_DAY


@time_machine.travel(NOW, tick=False)
def test_a_new_hire_shows_as_starting_on_the_team_page_dashboard_and_agent_page(cast, team, login):
    User.objects.filter(pk__in=[cast["lead"].pk, cast["hr"].pk]).update(preferred_language="de")
    new = _hire(login(cast["lead"]), team)
    for viewer in ("lead", "hr"):
        client = login(cast[viewer])
        team_page = client.get(f"/teams/{team.pk}/").content.decode()
        assert "Nia New</a> · ab 04.01.2027" in team_page
        agent_page = client.get(f"/agents/{new.pk}/").content.decode()
        assert f"{team.name}, ab 04.01.2027" in agent_page
    dashboard = login(cast["lead"]).get("/dashboard/").content.decode()
    assert "Nia New</a> · ab 04.01.2027" in dashboard


@time_machine.travel(NOW, tick=False)
def test_a_new_hire_is_in_no_figure_and_not_coached_before_day_one(cast, team, login):
    new = _hire(login(cast["lead"]), team)
    lead = cast["lead"]
    assert new in access.agents_visible_to(lead)
    assert new in access.agents_starting_with(lead)
    assert new not in access.agents_coached_by(lead)
    assert new not in access.agents_in_figures_of(lead)
    assert new not in access.agents_in_figures_of(cast["hr"])
    assert new not in people_selectors.current_agents_of(team)
    counted = people_selectors.teams_with_counts(access.teams_visible_to(lead)).get(pk=team.pk)
    assert counted.agent_count == 2  # agent and colleague
    assert new not in access.agents_visible_to(cast["other_lead"])
    with time_machine.travel(datetime.datetime(2027, 1, 4, 9, 0, tzinfo=datetime.UTC), tick=False):
        assert new in access.agents_coached_by(lead)
        assert new in access.agents_in_figures_of(lead)
        assert new not in access.agents_starting_with(lead)


@time_machine.travel(NOW, tick=False)
def test_someone_moving_teams_later_belongs_to_their_present_team_until_then(
    cast, team, other_team
):
    from people import services

    services.agent_move_to_team(
        agent=cast["other_agent"],
        team=team,
        by=cast["hr"],
        on=timezone.localdate() + datetime.timedelta(days=10),
    )
    assert cast["other_agent"] not in access.agents_visible_to(cast["lead"])
    assert cast["other_agent"] in access.agents_visible_to(cast["other_lead"])
