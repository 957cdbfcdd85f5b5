"""Who sees and who coaches whom.

- an agent sees only themselves;
- a lead sees, and coaches, the agents of the teams they lead now (not a former lead, not another lead);
- a new hire before day one belongs to their team as "starting on …": its lead sees them and prepares
  their start (onboarding, a mentor), but coaches them only from the first day, and no figure counts
  them before it (`agents_in_figures_of`);
- HR and admins see every agent and every team, and coach nobody;
- "the agent or their lead" may propose goals, add actions and progress (`AgentRights.can_note`).

`access_agent` fetches an agent with the viewer's rights over them in one query, or answers 404.
"""

import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import BooleanField, Exists, OuterRef, Q, QuerySet, Value
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from .. import features
from ..models import Team, TeamMembership, User
from .roles import agents, is_hr_or_admin, is_team_lead

# The ids of teams as a subquery (`TeamMembership.objects....values("team_id")`).
TeamIds = QuerySet[TeamMembership, dict[str, int]]


class Need(enum.Enum):
    """What a page or a service needs of the viewer's rights over an agent."""

    SEE = "see"  # the agent's page and the records shared there
    NOTE = "note"  # the agent themselves or their lead: goals proposed, actions, progress
    COACH = "coach"  # their lead now: notes, reviews, ratings, targets, enrollments


def led_team_ids(user: User, on: date | None = None) -> TeamIds:
    """Ids of the teams the user leads on the given date (today by default)."""
    return TeamMembership.objects.current(on).leads().filter(user=user).values("team_id")


def teams_visible_to(user: User) -> QuerySet[Team]:
    if not user.is_authenticated:
        return Team.objects.none()
    if is_hr_or_admin(user):
        return Team.objects.all()
    if is_team_lead(user):
        return Team.objects.filter(id__in=led_team_ids(user))
    return Team.objects.none()


def may_add_new_hires_to(user: User, team: Team) -> bool:
    """A new agent joins a team through its lead now, or through HR or an admin."""
    return teams_visible_to(user).filter(pk=team.pk).exists()


def leads_team_now(user: User, team: Team) -> bool:
    """The user leads this team today (records its meetings, enrolls its agents)."""
    return is_team_lead(user) and led_team_ids(user).filter(team_id=team.pk).exists()


def teams_reached_by_announcements_to(user: User) -> QuerySet[Team]:
    """The teams whose briefings the user reads: a lead's teams, an agent's own teams; HR every team."""
    if not user.is_authenticated:
        return Team.objects.none()
    if is_hr_or_admin(user):
        return Team.objects.all()
    if is_team_lead(user):
        return Team.objects.filter(id__in=led_team_ids(user))
    own = TeamMembership.objects.current().members().filter(user=user).values("team_id")
    return Team.objects.filter(id__in=own)


def sees_unpublished_announcements(user: User) -> bool:
    """Drafts of briefings are HR's (and the admins') until they are published."""
    return is_hr_or_admin(user)


def agents_visible_to(user: User) -> QuerySet[User]:
    """The agents whose pages and records the user may open."""
    if not user.is_authenticated:
        return agents().none()
    if is_hr_or_admin(user):
        return agents()
    if is_team_lead(user):
        return agents().filter(_currently_in(led_team_ids(user)) | _starting_in(led_team_ids(user)))
    return agents().filter(pk=user.pk)


def agents_starting_with(user: User) -> QuerySet[User]:
    """New hires before day one in the teams the user leads: they are prepared (onboarding, a mentor)
    by the lead, not yet coached."""
    if not is_team_lead(user):
        return agents().none()
    return agents().filter(_starting_in(led_team_ids(user)))


def may_prepare_start_of(user: User, agent: User) -> bool:
    """Onboarding and a mentor for a new hire, ahead of day one: the lead of the team they join."""
    return agents_starting_with(user).filter(pk=agent.pk).exists()


def agents_in_figures_of(user: User) -> QuerySet[User]:
    """The agents a figure shown to the user counts: those visible to them who have started (a new hire
    before day one is in no figure) and are active."""
    started = agents_visible_to(user).filter(is_active=True)
    started = started.exclude(profile__hire_date__gt=timezone.localdate())
    if is_team_lead(user):
        return started.filter(_currently_in(led_team_ids(user)))
    return started


def agents_coached_by(user: User) -> QuerySet[User]:
    """Agents the user may coach: write notes, goals, ratings and reviews for.

    Only leads of the agent's current team coach; HR sees but does not coach.
    """
    if not is_team_lead(user):
        return agents().none()
    return agents().filter(_currently_in(led_team_ids(user)))


def can_coach(user: User, agent: User) -> bool:
    return agents_coached_by(user).filter(pk=agent.pk).exists()


def coaches_agent_of(user: User, agent_field: str) -> Exists:
    """`can_coach(user, <the row's agent>)` inside a query over records (`agent_field` names the agent)."""
    return Exists(agents_coached_by(user).filter(pk=OuterRef(agent_field)))


def with_coached_flag(user: User, agent_rows: QuerySet[User]) -> QuerySet[User]:
    """`agent_rows`, each carrying `coached_by_viewer`: `can_coach(user, agent)` answered in the same query."""
    if not is_team_lead(user):
        return agent_rows.annotate(coached_by_viewer=Value(False, output_field=BooleanField()))
    return agent_rows.annotate(coached_by_viewer=coaches_agent_of(user, "pk"))


@dataclass(frozen=True)
class AgentRights:
    """What the viewer may do with one agent's records, decided once per request and handed to every
    section of the agent page, so no section asks the policy again."""

    is_self: bool
    can_coach: bool
    prepares_start: bool = False  # the lead of the team a new hire joins, before their first day

    @property
    def arranges_mentoring(self) -> bool:
        """Choose a mentor from the agent's page: their lead, or ahead of day one the lead they join."""
        return self.can_coach or self.prepares_start

    @property
    def can_note(self) -> bool:
        """Propose goals, add actions and progress: the agent themselves, or their lead."""
        return self.is_self or self.can_coach

    @property
    def sees_individual_kpis(self) -> bool:
        """The agent and their current lead, while the works agreement allows individual figures."""
        return features.is_on(features.INDIVIDUAL_KPIS) and (self.is_self or self.can_coach)

    @property
    def rates_levels(self) -> bool:
        """The agent rates their own skill levels; their lead only while the works agreement allows
        ratings by leads (otherwise the lead sets targets only)."""
        return self.is_self or (self.can_coach and features.is_on(features.LEAD_SKILL_RATINGS))

    def allows(self, need: Need) -> bool:
        if need is Need.COACH:
            return self.can_coach
        if need is Need.NOTE:
            return self.can_note
        return True  # SEE: the record or agent was read through the policy's visible querysets


def rights_over(user: User, agent: User) -> AgentRights:
    """Uses `coached_by_viewer` when the agent was read `with_coached_flag`, else asks the database."""
    coached = getattr(agent, "coached_by_viewer", None)
    coaches = can_coach(user, agent) if coached is None else coached
    return AgentRights(
        is_self=user.pk == agent.pk,
        can_coach=coaches,
        prepares_start=not coaches and is_team_lead(user) and may_prepare_start_of(user, agent),
    )


def has_rights(user: User, agent: User, need: Need) -> bool:
    """Whether the user has what `need` asks over the agent; asks the database only when it must."""
    if not user.is_authenticated or not user.is_active:
        return False
    if need is Need.NOTE and user.pk == agent.pk:
        return True
    if need is Need.SEE:
        return agents_visible_to(user).filter(pk=agent.pk).exists()
    return can_coach(user, agent)


def require_rights(user: User, agent: User, need: Need) -> None:
    """404 unless the user has what `need` asks over the agent: the check every service makes of its actor."""
    if not has_rights(user, agent, need):
        raise Http404


def access_agent(
    user: User,
    pk: int | str,
    *,
    need: Need = Need.SEE,
    related: Callable[[QuerySet[User]], QuerySet[User]] | None = None,
) -> tuple[User, AgentRights]:
    """The agent `pk` with the viewer's rights over them, in one query; 404 unless the viewer may see the
    agent and has what `need` asks for. `related` adds what the page reads with the agent
    (`select_related`, `prefetch_related`)."""
    visible = agents_visible_to(user)
    if related is not None:
        visible = related(visible)
    agent = get_object_or_404(with_coached_flag(user, visible), pk=pk)
    rights = rights_over(user, agent)
    if not rights.allows(need):
        raise Http404
    return agent, rights


def get_agent_or_404(user: User, pk: int | str) -> User:
    return get_object_or_404(agents_visible_to(user), pk=pk)


def get_coached_agent_or_404(user: User, pk: int | str) -> User:
    return get_object_or_404(agents_coached_by(user), pk=pk)


def get_team_or_404(user: User, pk: int | str) -> Team:
    return get_object_or_404(teams_visible_to(user), pk=pk)


def may_see_individual_kpis(user: User, agent: User) -> bool:
    """An individual's key figures: only the agent and their current lead, and only while the works
    agreement allows individual figures at all (people.features)."""
    if not user.is_authenticated:
        return False
    return rights_over(user, agent).sees_individual_kpis


def smallest_group_shown(user: User, team: Team) -> int:
    """The fewest people a team figure shown to the user may describe: none for the team's own lead while
    individual figures are allowed; MIN_GROUP_SIZE for everyone else, so no aggregate reveals a person."""
    if (
        features.is_on(features.INDIVIDUAL_KPIS)
        and led_team_ids(user).filter(team_id=team.pk).exists()
    ):
        return 0
    return features.min_group_size()


def _starting_in(team_ids: TeamIds | Iterable[int]) -> Q:
    """Joins one of the teams later and belongs to no team now: a new hire before day one (someone
    moving between teams belongs to their present team until the move)."""
    today = timezone.localdate()
    return Exists(
        TeamMembership.objects.upcoming(today)
        .members()
        .filter(user=OuterRef("pk"), team_id__in=team_ids)
    ) & ~Exists(TeamMembership.objects.current(today).members().filter(user=OuterRef("pk")))


def _currently_in(team_ids: TeamIds | Iterable[int]) -> Exists:
    today = timezone.localdate()
    return Exists(
        TeamMembership.objects.current(today)
        .members()
        .filter(user=OuterRef("pk"), team_id__in=team_ids)
    )
