from collections.abc import Iterable
from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from . import access
from .models import Team, TeamMembership, User


def current_agents_of(team: Team) -> QuerySet:
    """The team's current agents with their profile and channels, by name."""
    return (
        access.agents()
        .filter(
            memberships__in=TeamMembership.objects.current().members().filter(team=team),
        )
        .select_related("profile")
        .prefetch_related("profile__channels")
        .order_by("last_name", "first_name")
    )


def starting_agents_of(team: Team) -> list[TeamMembership]:
    """The team's new hires before day one, as their memberships (`.user`, `.start`), soonest first."""
    return list(
        TeamMembership.objects.upcoming()
        .members()
        .filter(team=team, user__in=access.agents())
        .exclude(user__in=TeamMembership.objects.current().members().values("user"))
        .select_related("user")
        .order_by("start", "user__last_name", "user__first_name")
    )


def starting_memberships_by_team(team_ids: Iterable[int]) -> dict[int, list[TeamMembership]]:
    """Team id → its new hires before day one (memberships, soonest first); one query for any number."""
    rows = (
        TeamMembership.objects.upcoming()
        .members()
        .filter(team_id__in=list(team_ids), user__in=access.agents())
        .exclude(user__in=TeamMembership.objects.current().members().values("user"))
        .select_related("user")
        .order_by("start", "user__last_name", "user__first_name")
    )
    result: dict[int, list[TeamMembership]] = {}
    for membership in rows:
        result.setdefault(membership.team_id, []).append(membership)
    return result


def upcoming_membership_of(agent: User) -> TeamMembership | None:
    """The team a new hire joins on their first day, if that day is still ahead."""
    return (
        TeamMembership.objects.upcoming()
        .members()
        .filter(user=agent)
        .select_related("team")
        .order_by("start")
        .first()
    )


def current_leads_of(team: Team) -> QuerySet:
    return User.objects.filter(
        memberships__in=TeamMembership.objects.current().leads().filter(team=team)
    ).order_by("last_name")


def teams_with_counts(teams: QuerySet, with_leads: bool = True) -> QuerySet:
    """Annotate each team with its current number of agents and (unless told not to) prefetch its leads."""
    today = timezone.localdate()
    current = Q(memberships__start__lte=today) & (
        Q(memberships__end__isnull=True) | Q(memberships__end__gt=today)
    )
    teams = teams.annotate(
        agent_count=Count(
            "memberships",
            filter=current & Q(memberships__kind=TeamMembership.Kind.MEMBER),
        )
    )
    if not with_leads:
        return teams
    lead_memberships = TeamMembership.objects.current(today).leads().select_related("user")
    return teams.prefetch_related(
        Prefetch("memberships", queryset=lead_memberships, to_attr="current_lead_memberships")
    )


def current_team_of(agent: User, on: date | None = None) -> Team | None:
    membership = (
        TeamMembership.objects.current(on)
        .members()
        .filter(user=agent)
        .select_related("team")
        .order_by("-start")
        .first()
    )
    return membership.team if membership else None


def current_leads_of_agent(agent: User, on: date | None = None) -> QuerySet:
    """The people who lead the agent's current team on the given date."""
    team_ids = TeamMembership.objects.current(on).members().filter(user=agent).values("team_id")
    return User.objects.filter(
        memberships__in=TeamMembership.objects.current(on).leads().filter(team_id__in=team_ids)
    ).distinct()


def current_leads_by_agent(
    agent_ids: Iterable[int], on: date | None = None, *, active_only: bool = False
) -> dict:
    """Agent id → the users who currently lead the agent's team; two queries for any number of agents.

    With `active_only`, leads whose account is deactivated do not count (an open membership may outlive it).
    """
    memberships = list(
        TeamMembership.objects.current(on)
        .members()
        .filter(user_id__in=list(agent_ids))
        .values_list("user_id", "team_id")
    )
    team_ids = {team_id for _user_id, team_id in memberships}
    leads_of_team: dict = {}
    lead_memberships = TeamMembership.objects.current(on).leads().filter(team_id__in=team_ids)
    if active_only:
        lead_memberships = lead_memberships.filter(user__is_active=True)
    for lead_membership in lead_memberships.select_related("user"):
        leads_of_team.setdefault(lead_membership.team_id, []).append(lead_membership.user)
    result: dict = {}
    for user_id, team_id in memberships:
        result.setdefault(user_id, []).extend(leads_of_team.get(team_id, []))
    return result


def current_team_ids_by_agent(agent_ids: Iterable[int], on: date | None = None) -> dict:
    """Agent id → id of the team the agent currently belongs to (the latest membership wins); one query."""
    rows = (
        TeamMembership.objects.current(on)
        .members()
        .filter(user_id__in=list(agent_ids))
        .order_by("start", "pk")
    )
    return dict(rows.values_list("user_id", "team_id"))


def active_hr() -> list[User]:
    """Who hears of what has no lead: every active HR user."""
    return list(access.hr_staff().filter(is_active=True).order_by("pk"))


def current_team_and_leads(agent: User, on: date | None = None) -> tuple[Team | None, list]:
    """The agent's current team and the people leading it now, in one query."""
    own_teams = TeamMembership.objects.current(on).members().filter(user=agent).values("team_id")
    rows = list(
        TeamMembership.objects.current(on)
        .filter(
            Q(user=agent, kind=TeamMembership.Kind.MEMBER)
            | Q(kind=TeamMembership.Kind.LEAD, team_id__in=own_teams)
        )
        .select_related("team", "user")
        .order_by("-start", "pk")
    )
    memberships = [
        m for m in rows if m.kind == TeamMembership.Kind.MEMBER and m.user_id == agent.pk
    ]
    team = memberships[0].team if memberships else None
    leads = sorted(
        {m.user for m in rows if m.kind == TeamMembership.Kind.LEAD},
        key=lambda u: (u.last_name, u.pk),
    )
    return team, leads
