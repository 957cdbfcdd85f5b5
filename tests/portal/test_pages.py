"""Every page of the foundation, for every role."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

HOME_OF = {
    "agent": "/me/",
    "colleague": "/me/",
    "lead": "/dashboard/",
    "other_lead": "/dashboard/",
    "hr": "/hr/",
    "admin": "/hr/",
}


@pytest.mark.parametrize("role", HOME_OF)
def test_the_root_sends_each_role_to_their_home(cast, login, role):
    response = login(cast[role]).get("/")
    assert response.status_code == 302
    assert response.url == HOME_OF[role]


def test_anonymous_visitors_are_sent_to_the_login_page(client, cast):
    for url in ["/", "/me/", "/dashboard/", "/hr/", f"/agents/{cast['agent'].pk}/", "/teams/1/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("login")), url


def test_the_team_page_lists_the_current_agents_and_leads(cast, team, login):
    response = login(cast["lead"]).get(f"/teams/{team.pk}/")
    body = response.content.decode()
    assert "Jonas Agent" in body and "Clara Colleague" in body
    assert "Olga Other" not in body
    assert "Lena Lead" in body


def test_the_agent_page_shows_team_lead_and_profile(cast, login):
    cast["agent"].profile.career_interests = "Become a QA specialist"
    cast["agent"].profile.save()
    body = login(cast["agent"]).get("/me/").content.decode()
    assert "Phone Team" in body
    assert "Lena Lead" in body
    assert "Become a QA specialist" in body


def test_the_lead_dashboard_counts_agents_per_team(cast, login):
    response = login(cast["lead"]).get("/dashboard/")
    assert [(t.name, t.agent_count) for t in response.context["teams"]] == [("Phone Team", 2)]


def test_the_hr_overview_lists_every_team_with_its_leads(cast, login):
    body = login(cast["hr"]).get("/hr/").content.decode()
    assert "Phone Team" in body and "Chat Team" in body
    assert "Otto Otherlead" in body


def test_unknown_urls_and_ids_answer_the_404_page(cast, login):
    client = login(cast["lead"])
    for url in ["/no-such-page/", "/agents/999999/", "/teams/999999/"]:
        response = client.get(url)
        assert response.status_code == 404
        assert "Page not found" in response.content.decode()


def test_a_lead_without_a_team_sees_an_empty_state(login, db):
    from people.models import Role

    from ..factories import UserFactory

    body = login(UserFactory(role=Role.LEAD)).get("/dashboard/").content.decode()
    assert "You do not lead a team at the moment" in body


def test_the_team_page_paginates_large_teams(cast, team, login):
    from ..factories import make_agent

    for _ in range(55):
        make_agent(team)
    response = login(cast["lead"]).get(f"/teams/{team.pk}/")
    assert len(response.context["agents"]) == 50
    assert response.context["agents"].paginator.count == 57
    second = login(cast["lead"]).get(f"/teams/{team.pk}/?page=2")
    assert len(second.context["agents"]) == 7
