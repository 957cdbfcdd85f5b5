"""Service objectives, team objectives and improvement proposals (the objectives app).

- service objectives are written, changed and published by HR (the service management works with HR's
  role) and agree the teams' objectives: `may_write_service_objectives`; everyone signed in reads a
  published one, HR a draft too (`service_objectives_visible_to`);
- a team objective is proposed and changed by the team's current lead, for a team they lead, until HR
  agrees it (`may_propose_team_objective`); the lead and HR see it from the start, the team's agents once
  it is agreed (`team_objectives_visible_to`);
- an agent proposes an improvement for their own team's objective; the team's lead answers; the team sees
  the proposals and answers (without their authors' names), its lead with them; HR sees only how many
  (`proposals_visible_to`, `sees_proposal_authors`);
- a development goal is linked to a team objective by its agent (`may_link_goal`);
- an agent confirms having read a published service objective (`may_confirm_service_objective`); the
  lead sees who of their teams has confirmed, HR how many per team (`sees_who_confirmed_objectives`,
  `confirmation_teams_visible_to`);
- team figures: at least MIN_GROUP_SIZE people in a week, except for the team's own lead while individual
  figures are allowed (`teams_shown_whatever_their_size`), as everywhere key figures are shown;
- the works agreement may switch improvement proposals off (features.OBJECTIVE_PROPOSALS): then nobody
  sees or writes them.
"""

from typing import TypeVar

from django.db.models import Model, Q, QuerySet

from .. import features
from ..models import Team, TeamMembership, User
from .agents import TeamIds, leads_team_now, led_team_ids
from .records import is_own
from .roles import is_agent, is_hr_or_admin, is_team_lead

_M = TypeVar("_M", bound=Model)  # objectives or proposals: a rule keeps the queryset's type


def _signed_in(user: User) -> bool:
    return user.is_authenticated and user.is_active


def may_write_service_objectives(user: User) -> bool:
    """HR writes, publishes and agrees objectives (and sees every team's progress)."""
    return _signed_in(user) and is_hr_or_admin(user)


def own_team_ids(user: User) -> TeamIds:
    """The teams the user belongs to today as a member."""
    return TeamMembership.objects.current().members().filter(user=user).values("team_id")


def service_objectives_visible_to(
    user: User, queryset: QuerySet[_M], *, published_q: Q
) -> QuerySet[_M]:
    if not _signed_in(user):
        return queryset.none()
    if may_write_service_objectives(user):
        return queryset
    return queryset.filter(published_q)


def team_objectives_visible_to(
    user: User, queryset: QuerySet[_M], *, published_q: Q, agreed_q: Q, team_field: str = "team"
) -> QuerySet[_M]:
    """HR: every one; a lead: their teams' (proposed or agreed); an agent: their team's, once agreed."""
    if not _signed_in(user):
        return queryset.none()
    if may_write_service_objectives(user):
        return queryset
    if is_team_lead(user):
        return queryset.filter(published_q, **{f"{team_field}__in": led_team_ids(user)})
    if is_agent(user):
        return queryset.filter(published_q, agreed_q, **{f"{team_field}__in": own_team_ids(user)})
    return queryset.none()


def may_propose_team_objective(user: User, team: Team) -> bool:
    """The team's current lead proposes (and, until HR agrees, changes) the team's part."""
    return _signed_in(user) and leads_team_now(user, team)


def may_agree_team_objectives(user: User) -> bool:
    return may_write_service_objectives(user)


def proposals_are_on() -> bool:
    return features.is_on(features.OBJECTIVE_PROPOSALS)


def may_propose_improvement(user: User, team_id: int) -> bool:
    """An agent, for their own team's objective."""
    return (
        proposals_are_on()
        and _signed_in(user)
        and is_agent(user)
        and own_team_ids(user).filter(team_id=team_id).exists()
    )


def may_answer_proposals(user: User, team: Team) -> bool:
    """The team's current lead answers its proposals."""
    return proposals_are_on() and _signed_in(user) and leads_team_now(user, team)


def proposals_visible_to(user: User, queryset: QuerySet[_M], *, team_field: str) -> QuerySet[_M]:
    """The team (its agents and its current lead) sees its proposals; HR only counts them."""
    if not proposals_are_on() or not _signed_in(user):
        return queryset.none()
    if is_team_lead(user):
        return queryset.filter(**{f"{team_field}__in": led_team_ids(user)})
    if is_agent(user):
        return queryset.filter(**{f"{team_field}__in": own_team_ids(user)})
    return queryset.none()


def sees_proposal_authors(user: User) -> bool:
    """Who proposed what: the lead who answers; colleagues read the proposals without names."""
    return is_team_lead(user)


def sees_proposal_counts(user: User) -> bool:
    """How many proposals each team made, on HR's overview."""
    return proposals_are_on() and may_write_service_objectives(user)


def may_link_goal(user: User, goal_agent_id: int) -> bool:
    """An agent links their own development goal to the team objective it serves."""
    return _signed_in(user) and is_agent(user) and is_own(user, goal_agent_id)


def may_confirm_service_objective(user: User, *, published: bool) -> bool:
    """An agent confirms having read a published service objective, once."""
    return published and _signed_in(user) and is_agent(user)


def sees_who_confirmed_objectives(user: User) -> bool:
    """Names of who has confirmed: the lead, for their own teams; HR sees only how many."""
    return _signed_in(user) and is_team_lead(user)


def confirmation_teams_visible_to(user: User, queryset: QuerySet[_M]) -> QuerySet[_M]:
    """The teams whose confirmations the user sees: a lead their own, HR every team."""
    if not _signed_in(user):
        return queryset.none()
    if may_write_service_objectives(user):
        return queryset
    if is_team_lead(user):
        return queryset.filter(pk__in=led_team_ids(user))
    return queryset.none()


def teams_shown_whatever_their_size(user: User) -> frozenset[int]:
    """The teams whose weekly figures the user sees even below MIN_GROUP_SIZE: their own lead's, while
    individual figures are allowed; for everyone else every team figure needs MIN_GROUP_SIZE people."""
    if not features.is_on(features.INDIVIDUAL_KPIS) or not is_team_lead(user):
        return frozenset()
    return frozenset(led_team_ids(user).values_list("team_id", flat=True))


def smallest_team_figure() -> int:
    return features.min_group_size()
