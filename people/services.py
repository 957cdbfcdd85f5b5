from datetime import date

from django.db import transaction
from django.utils import timezone

from .models import AgentProfile, Role, Team, TeamMembership, User
from .sessions import end_all_sessions


@transaction.atomic
def agent_create(
    *,
    email: str,
    first_name: str,
    last_name: str,
    team: Team,
    hire_date: date | None = None,
    password=None,
    preferred_language: str = "de",
) -> User:
    """Create an agent with a profile and a membership in the team starting on the hire date."""
    start = hire_date or timezone.localdate()
    user = User.objects.create_user(
        email=email,
        password=password,
        first_name=first_name,
        last_name=last_name,
        role=Role.AGENT,
        preferred_language=preferred_language,
    )
    AgentProfile.objects.create(user=user, hire_date=hire_date)
    TeamMembership.objects.create(
        team=team, user=user, kind=TeamMembership.Kind.MEMBER, start=start
    )
    return user


@transaction.atomic
def agent_move_to_team(*, agent: User, team: Team, on: date | None = None) -> TeamMembership:
    """End the agent's current memberships the day before `on` and start one in `team`."""
    on = on or timezone.localdate()
    TeamMembership.objects.current(on).members().filter(user=agent).update(end=on)
    return TeamMembership.objects.create(
        team=team, user=agent, kind=TeamMembership.Kind.MEMBER, start=on
    )


@transaction.atomic
def agent_leave(*, agent: User, on: date | None = None) -> None:
    """Record that the agent left: memberships end, the profile says so, the login is disabled."""
    on = on or timezone.localdate()
    TeamMembership.objects.current(on).filter(user=agent).update(end=on)
    AgentProfile.objects.filter(user=agent).update(
        employment_status=AgentProfile.EmploymentStatus.LEFT
    )
    user_deactivate(user=agent)


@transaction.atomic
def user_deactivate(*, user: User) -> None:
    """Disable the login and end every session of the user at once."""
    user.is_active = False
    user.save(update_fields=["is_active"])
    end_all_sessions(user)


def user_set_language(*, user: User, language: str) -> None:
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])
