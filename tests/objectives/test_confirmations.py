"""Agents confirm having read a service objective, as a briefing: once, after a confirm step; the lead
sees who of the team has not yet, HR only how many per team."""

import pytest
import time_machine
from django.http import Http404
from django.urls import reverse

from objectives import services
from objectives.models import Confirmation

from .test_objectives import TODAY, fcr_objective, team_part

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def objective(cast, team):
    objective = fcr_objective(cast["hr"])
    part = team_part(objective, team, cast["lead"])
    services.team_objective_agree(team_objective=part, by=cast["hr"])
    return objective


def test_the_agent_confirms_reading_after_a_confirm_step_and_only_once(objective, cast, login):
    client = login(cast["agent"])
    url = reverse("objectives:confirm", args=[objective.pk])
    assert b"Confirm reading" in client.get(reverse("objectives:mine")).content

    asked = client.post(url)
    assert asked.status_code == 200
    assert "Your lead sees that you have read it" in asked.content.decode()
    assert not Confirmation.objects.exists()

    done = client.post(url, {"confirmation": "given"})
    assert done.status_code == 302
    client.post(url, {"confirmation": "given"})
    assert Confirmation.objects.filter(objective=objective, agent=cast["agent"]).count() == 1
    heading = client.get(reverse("objectives:mine")).content.decode()
    assert "You confirmed reading it on 20 May 2026." in heading
    assert "Confirm reading</button>" not in heading


def test_a_draft_or_someone_who_is_no_agent_cannot_confirm(objective, cast):
    draft = fcr_objective(cast["hr"], title_en="Draft", number=3)
    draft.status = draft.Status.DRAFT
    draft.save()
    with pytest.raises(Http404):
        services.objective_confirm(objective=draft, by=cast["agent"])
    for not_an_agent in (cast["lead"], cast["hr"]):
        with pytest.raises(Http404):
            services.objective_confirm(objective=objective, by=not_an_agent)
    assert not Confirmation.objects.exists()


def test_the_lead_sees_who_has_not_confirmed_and_hr_only_how_many(objective, cast, login):
    services.objective_confirm(objective=objective, by=cast["agent"])
    detail = reverse("objectives:detail", args=[objective.pk])

    lead_page = login(cast["lead"]).get(detail).content.decode()
    assert "1 of 2" in lead_page  # the agent confirmed, the colleague not yet
    assert str(cast["colleague"]) in lead_page

    hr_page = login(cast["hr"]).get(detail).content.decode()
    assert "1 of 2" in hr_page
    assert str(cast["colleague"]) not in hr_page
    assert "names only for the team's lead" in hr_page
