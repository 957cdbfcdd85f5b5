import datetime

import pytest
from django.db import IntegrityError
from django.utils import timezone

from people import services
from people.models import AgentProfile, Channel, Role, TeamMembership, User
from people.selectors import current_leads_of_agent, current_team_of

from ..factories import MembershipFactory, TeamFactory, UserFactory, personnel_admin

pytestmark = pytest.mark.django_db


def test_users_sign_in_by_email_and_emails_are_unique():
    user = User.objects.create_user(email="Someone@Example.TEST", password="x-secret-1")
    assert user.email == "someone@example.test"
    assert User.USERNAME_FIELD == "email"
    with pytest.raises(IntegrityError):
        User.objects.create_user(email="someone@example.test", password="y")


def test_superusers_get_the_admin_role():
    admin = User.objects.create_superuser(email="root@example.test", password="x-secret-1")
    assert admin.role == Role.ADMIN and admin.is_staff and admin.is_superuser


def test_the_four_channels_exist_after_migrating():
    assert sorted(Channel.objects.values_list("code", flat=True)) == [
        "chat",
        "email",
        "phone",
        "social",
    ]


def test_a_membership_counts_as_current_from_its_start_until_its_end():
    today = timezone.localdate()
    ended = MembershipFactory(start=today - datetime.timedelta(days=30), end=today)
    running = MembershipFactory(start=today - datetime.timedelta(days=30))
    future = MembershipFactory(start=today + datetime.timedelta(days=1))
    current = set(TeamMembership.objects.current())
    assert running in current
    assert ended not in current
    assert future not in current
    assert ended in set(TeamMembership.objects.current(on=today - datetime.timedelta(days=1)))


def test_a_membership_cannot_end_before_it_starts():
    today = timezone.localdate()
    with pytest.raises(IntegrityError):
        MembershipFactory(start=today, end=today - datetime.timedelta(days=1))


def test_moving_an_agent_keeps_the_history_and_changes_the_lead(
    team, other_team, lead, other_lead, agent
):
    today = timezone.localdate()
    services.agent_move_to_team(agent=agent, team=other_team, on=today, by=personnel_admin())
    assert current_team_of(agent) == other_team
    assert list(current_leads_of_agent(agent)) == [other_lead]
    yesterday = today - datetime.timedelta(days=1)
    assert current_team_of(agent, on=yesterday) == team
    assert list(current_leads_of_agent(agent, on=yesterday)) == [lead]
    assert TeamMembership.objects.filter(user=agent).count() == 2


def test_an_agent_who_leaves_has_no_team_and_cannot_sign_in(agent):
    services.agent_leave(agent=agent, by=personnel_admin())
    agent.refresh_from_db()
    assert current_team_of(agent) is None
    assert not agent.is_active
    assert agent.profile.employment_status == AgentProfile.EmploymentStatus.LEFT


def test_agent_create_builds_profile_and_membership():
    team = TeamFactory()
    hired = timezone.localdate() - datetime.timedelta(days=3)
    agent = services.agent_create(
        by=personnel_admin(),
        email="new@example.test",
        first_name="Neu",
        last_name="Ling",
        team=team,
        hire_date=hired,
    )
    assert agent.role == Role.AGENT
    assert agent.profile.hire_date == hired
    assert current_team_of(agent) == team


def test_a_user_reads_as_their_full_name():
    assert str(UserFactory(first_name="Ada", last_name="Lovelace")) == "Ada Lovelace"
