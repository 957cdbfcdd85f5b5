from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce, Greatest

from core.numbers import percent
from people import access
from people.models import Team, TeamMembership, User

from .models import Acknowledgement, Briefing, Question, TeamMeeting


def briefings_visible_to(user: User) -> QuerySet[Briefing]:
    """HR and admins see all; leads the published briefings for teams they lead; agents those for their team."""
    briefings = Briefing.objects.prefetch_related("teams")
    if not user.is_authenticated:
        return briefings.none()
    if access.sees_unpublished_announcements(user):
        return briefings
    published = briefings.filter(status=Briefing.Status.PUBLISHED)
    return published.filter(teams__in=access.teams_reached_by_announcements_to(user)).distinct()


TEAMS_NAMED_IN_LIST = 3


def for_list(briefings: QuerySet[Briefing]) -> QuerySet[Briefing]:
    """Briefings as the list shows them: the first few addressed teams by name (`teams_named`) and how many
    teams are left unnamed (`teams_unnamed`), so a briefing to every team costs three names, not 400."""
    count = (
        Briefing.teams.through.objects.filter(briefing=OuterRef("pk"))  # type: ignore[misc]  # the alias n, unknown to django-stubs
        .order_by()
        .values("briefing")
        .annotate(n=Count("*"))
        .values("n")
    )
    return (
        briefings.prefetch_related(None)
        .prefetch_related(
            Prefetch(
                "teams",
                queryset=Team.objects.order_by("name", "pk")[:TEAMS_NAMED_IN_LIST],
                to_attr="teams_named",
            )
        )
        .annotate(
            teams_unnamed=Greatest(
                Coalesce(Subquery(count, output_field=IntegerField()), 0) - TEAMS_NAMED_IN_LIST, 0
            )
        )
    )


def uncovered_pairs(
    briefings: QuerySet[Briefing], teams: Iterable[Team] | None = None
) -> list[tuple[int, int]]:
    """(team id, briefing id) for each published briefing and addressed team with no meeting covering it yet."""
    covered = TeamMeeting.objects.filter(team=OuterRef("teams"), briefings=OuterRef("pk"))
    briefings = briefings.filter(status=Briefing.Status.PUBLISHED)
    if teams is not None:
        briefings = briefings.filter(teams__in=teams)
    return list(
        briefings.annotate(covered=Exists(covered)).filter(covered=False).values_list("teams", "pk")
    )


def with_coverage_counts(briefings: QuerySet[Briefing]) -> QuerySet[Briefing]:
    """Each briefing with `total` (teams it addresses) and `covered` (of them, teams that held a meeting on it),
    counted per briefing in subqueries, so the size of one never multiplies the other."""
    addressed = (
        Briefing.teams.through.objects.filter(briefing=OuterRef("pk"))  # type: ignore[misc]  # the alias n, unknown to django-stubs
        .order_by()
        .values("briefing")
        .annotate(n=Count("team_id"))
        .values("n")
    )
    met = (
        TeamMeeting.briefings.through.objects.filter(briefing=OuterRef("pk"))  # type: ignore[misc]  # the alias n, unknown to django-stubs
        .order_by()
        .values("briefing")
        .annotate(n=Count("teammeeting__team_id", distinct=True))
        .values("n")
    )
    return briefings.annotate(
        total=Coalesce(Subquery(addressed), 0), covered=Coalesce(Subquery(met), 0)
    )


def open_briefings_for(teams: Iterable[Team]) -> list[tuple[Team, list[Briefing]]]:
    """(team, [published briefings for it not yet covered in one of its meetings]) per team; one query."""
    team_list = list(teams)
    covered = TeamMeeting.objects.filter(team=OuterRef("for_team"), briefings=OuterRef("pk"))
    uncovered = (
        Briefing.objects.filter(status=Briefing.Status.PUBLISHED, teams__in=team_list)
        .annotate(for_team=F("teams"))
        .filter(~Exists(covered))
    )
    by_team: dict[int, list[Briefing]] = {}
    for briefing in uncovered:
        by_team.setdefault(briefing.for_team, []).append(briefing)
    return [(team, by_team.get(team.pk, [])) for team in team_list]


@dataclass
class TeamCoverage:
    team: Team
    covered_on: date | None = None
    members: list[User] = field(default_factory=list)
    present: set[int] = field(default_factory=set)
    acknowledged: set[int] = field(default_factory=set)

    @cached_property
    def present_share(self) -> int | None:
        """Share of the agents present at the covering meeting who confirmed they read it."""
        return percent(len(self.present & self.acknowledged), len(self.present))

    @cached_property
    def share(self) -> int | None:
        ids = {m.pk for m in self.members}
        return percent(len(ids & self.acknowledged), len(ids))

    @cached_property
    def missing(self) -> list[User]:
        return [m for m in self.members if m.pk not in self.acknowledged]

    @cached_property
    def absent(self) -> list[User]:
        """Agents not at the covering meeting: follow up with them."""
        return [m for m in self.members if m.pk not in self.present] if self.covered_on else []

    @property
    def missing_names(self) -> str:
        """The names of `missing`, joined once here rather than in a template loop over hundreds of agents."""
        return ", ".join(str(m) for m in self.missing)

    @property
    def absent_names(self) -> str:
        return ", ".join(str(m) for m in self.absent)


def coverage(briefing: Briefing, teams: Iterable[Team] | None = None) -> list[TeamCoverage]:
    """Per team (those given, else all addressed): who was at the meeting, who confirmed, who is missing.

    Two queries: the meetings with their attendees, and the agents with whether they confirmed."""
    team_list = list(teams if teams is not None else briefing.teams.all())
    result = {team.pk: TeamCoverage(team=team) for team in team_list}
    meetings = (
        TeamMeeting.objects.filter(briefings=briefing, team__in=team_list)
        .order_by("held_on", "pk")
        .values_list("team_id", "held_on", "attendees")
    )
    for team_id, held_on, attendee_id in meetings:  # one row per attendee (one without any)
        row = result[team_id]
        row.covered_on = row.covered_on or held_on
        if attendee_id is not None:
            row.present.add(attendee_id)
    confirmed = Acknowledgement.objects.filter(briefing=briefing, agent=OuterRef("pk"))
    members = TeamMembership.objects.current().members().filter(team__in=team_list)
    agents = (
        access.agents()
        .filter(memberships__in=members)
        .annotate(team_id=F("memberships__team_id"), confirmed=Exists(confirmed))
        .only("id", "first_name", "last_name", "email")
        .order_by("last_name", "first_name", "pk")
    )
    acknowledged: set[int] = set()
    for agent in agents:
        result[agent.team_id].members.append(agent)
        if agent.confirmed:
            acknowledged.add(agent.pk)
    for row in result.values():
        row.acknowledged = acknowledged
    return [result[team.pk] for team in team_list]


@dataclass
class CoverageSummary:
    teams: int
    covered: int
    agents: int
    confirmed: int

    @cached_property
    def share(self) -> int | None:
        return percent(self.confirmed, self.agents)


def coverage_summary(briefing: Briefing, teams: QuerySet[Team], team_count: int) -> CoverageSummary:
    """Across all the given teams (of agents), counted by the database in two queries: the agents and, of
    them, those who confirmed (in one pass over the agents), and the teams that covered the briefing
    in a meeting."""
    member = TeamMembership.objects.current().members().filter(team__in=teams, user=OuterRef("pk"))
    confirmed = Acknowledgement.objects.filter(briefing=briefing).values("agent_id")
    counts = (
        access.agents()
        .filter(Exists(member))
        .aggregate(  # each agent once: no DISTINCT
            agents=Count("pk"), confirmed=Count("pk", filter=Q(pk__in=confirmed))
        )
    )
    covered = TeamMeeting.objects.filter(briefings=briefing, team__in=teams).aggregate(
        n=Count("team_id", distinct=True)
    )["n"]
    return CoverageSummary(team_count, covered, counts["agents"], counts["confirmed"])


def acknowledged_ids(user: User, briefings: Iterable[Briefing]) -> set[int]:
    return set(
        Acknowledgement.objects.filter(agent=user, briefing__in=briefings).values_list(
            "briefing_id", flat=True
        )
    )


def questions_for(user: User, briefing: Briefing) -> QuerySet[Question]:
    """Leads see the questions of their agents, agents their own, HR all."""
    questions = Question.objects.filter(briefing=briefing).select_related("agent", "answered_by")
    return access.records_visible_to(user, questions, shared_q=Q())
