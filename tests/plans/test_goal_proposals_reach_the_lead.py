"""A goal the agent proposes reaches their lead (the bell and the dashboard), and the goal shows who
decided on it."""

import pytest

from notifications.models import Notification
from people.models import User
from plans import services
from plans.models import Goal

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.goal_create(agent=cast["agent"], by=cast["agent"], title="Calmer closings")


def test_a_proposal_rings_the_leads_bell_with_a_link_to_it(cast, proposal):
    bell = Notification.objects.get(recipient=cast["lead"], kind="goal_proposed")
    assert str(cast["agent"]) in bell.title
    assert bell.url == f"/agents/{cast['agent'].pk}/#goal-{proposal.pk}"
    assert not Notification.objects.filter(recipient=cast["other_lead"]).exists()


def test_the_dashboard_lists_the_proposals_waiting_for_the_lead(cast, proposal, login):
    body = login(cast["lead"]).get("/dashboard/").content.decode()
    assert "Calmer closings" in body
    assert "Calmer closings" not in login(cast["other_lead"]).get("/dashboard/").content.decode()
    services.goal_accept(goal=proposal, by=cast["lead"])
    assert "Calmer closings" not in login(cast["lead"]).get("/dashboard/").content.decode()


def test_the_goal_shows_who_decided(cast, proposal, login):
    User.objects.filter(pk=cast["agent"].pk).update(preferred_language="de")
    services.goal_set_status(goal=proposal, by=cast["lead"], status=Goal.Status.DROPPED)
    proposal.refresh_from_db()
    assert proposal.decided_by == cast["lead"] and proposal.decided_at
    body = login(cast["agent"]).get("/me/").content.decode()
    assert f"entschieden von {cast['lead']}" in body
