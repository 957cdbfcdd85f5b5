import pytest
from django.http import Http404
from django.utils import timezone

from people import access, services

from ..factories import personnel_admin

pytestmark = pytest.mark.django_db


def visible(user):
    return set(access.agents_visible_to(user))


def test_an_agent_sees_only_themselves(cast):
    assert visible(cast["agent"]) == {cast["agent"]}


def test_a_lead_sees_the_agents_of_the_teams_they_lead(cast):
    assert visible(cast["lead"]) == {cast["agent"], cast["colleague"]}


def test_hr_and_admins_see_every_agent(cast):
    everyone = {cast["agent"], cast["colleague"], cast["other_agent"]}
    assert visible(cast["hr"]) == everyone
    assert visible(cast["admin"]) == everyone


def test_anonymous_users_see_nobody(cast):
    from django.contrib.auth.models import AnonymousUser

    assert visible(AnonymousUser()) == set()
    assert not access.teams_visible_to(AnonymousUser()).exists()


def test_a_lead_no_longer_sees_an_agent_who_moved_to_another_team(cast, other_team):
    services.agent_move_to_team(agent=cast["agent"], team=other_team, by=personnel_admin())
    assert cast["agent"] not in visible(cast["lead"])
    assert cast["agent"] in visible(cast["other_lead"])


def test_a_former_lead_no_longer_sees_the_team(cast, team):
    from people.models import TeamMembership

    TeamMembership.objects.filter(user=cast["lead"]).update(end=timezone.localdate())
    assert visible(cast["lead"]) == set()
    assert not access.teams_visible_to(cast["lead"]).exists()


def test_teams_are_visible_to_their_leads_hr_and_admins_only(cast, team, other_team):
    assert set(access.teams_visible_to(cast["lead"])) == {team}
    assert set(access.teams_visible_to(cast["hr"])) == {team, other_team}
    assert set(access.teams_visible_to(cast["admin"])) == {team, other_team}
    assert not access.teams_visible_to(cast["agent"]).exists()


def test_only_the_current_lead_coaches_an_agent(cast):
    assert access.can_coach(cast["lead"], cast["agent"])
    assert not access.can_coach(cast["other_lead"], cast["agent"])
    assert not access.can_coach(cast["hr"], cast["agent"])
    assert not access.can_coach(cast["agent"], cast["agent"])


def test_get_agent_or_404_answers_404_for_what_the_user_may_not_see(cast):
    assert access.get_agent_or_404(cast["lead"], cast["agent"].pk) == cast["agent"]
    with pytest.raises(Http404):
        access.get_agent_or_404(cast["lead"], cast["other_agent"].pk)
    with pytest.raises(Http404):
        access.get_agent_or_404(cast["agent"], cast["colleague"].pk)


def test_require_hr_rejects_everyone_but_hr_and_admins(cast):
    access.require_hr(cast["hr"])
    access.require_hr(cast["admin"])
    for role in ("agent", "lead"):
        with pytest.raises(Http404):
            access.require_hr(cast[role])


def test_records_visible_to_scopes_records_by_agent_and_sharing(cast):
    from django.db.models import Q

    from people.models import TeamMembership

    # Memberships stand in for "records about agents" here: field `user`, "shared" = open-ended.
    records = TeamMembership.objects.members()
    shared = Q(end__isnull=True)
    lead_sees = access.records_visible_to(
        cast["lead"], records, agent_field="user", shared_q=shared
    )
    assert {m.user for m in lead_sees} == {cast["agent"], cast["colleague"]}
    agent_sees = access.records_visible_to(
        cast["agent"], records, agent_field="user", shared_q=shared
    )
    assert {m.user for m in agent_sees} == {cast["agent"]}
    hr_sees = access.records_visible_to(cast["hr"], records, agent_field="user", shared_q=shared)
    assert {m.user for m in hr_sees} == {cast["agent"], cast["colleague"], cast["other_agent"]}
    hr_sees_nothing_unshared = access.records_visible_to(
        cast["hr"], records, agent_field="user", shared_q=Q(end__isnull=False)
    )
    assert not hr_sees_nothing_unshared.exists()
