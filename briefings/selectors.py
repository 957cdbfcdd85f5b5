from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, Func, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest

from people import access
from people.models import Role, Team, TeamMembership, User
from people.numbers import percent

from .models import Acknowledgement, Briefing, Question, TeamMeeting


def briefings_visible_to(user) -> QuerySet:
    """HR and admins see all; leads the published briefings for teams they lead; agents those for their team."""
    briefings = Briefing.objects.prefetch_related("teams")
    if not user.is_authenticated:
        return briefings.none()
    if access.is_hr_or_admin(user):
        return briefings
    published = briefings.filter(status=Briefing.Status.PUBLISHED)
    if user.role == Role.LEAD:
        return published.filter(teams__in=access.teams_visible_to(user)).distinct()
    my_teams = TeamMembership.objects.current().members().filter(user=user).values("team_id")
    return published.filter(teams__in=my_teams).distinct()


TEAMS_NAMED_IN_LIST = 3


def for_list(briefings: QuerySet) -> QuerySet:
    """Briefings as the list shows them: the first few addressed teams by name (`teams_named`) and how many
    teams are left unnamed (`teams_unnamed`), so a briefing to every team costs three names, not 400."""
    count = (Briefing.teams.through.objects.filter(briefing=OuterRef("pk")).order_by()
             .values("briefing").annotate(n=Count("*")).values("n"))
    return briefings.prefetch_related(None).prefetch_related(
        Prefetch("teams", queryset=Team.objects.order_by("name", "pk")[:TEAMS_NAMED_IN_LIST], to_attr="teams_named")
    ).annotate(teams_unnamed=Greatest(Coalesce(Subquery(count, output_field=IntegerField()), 0)
                                      - TEAMS_NAMED_IN_LIST, 0))


def uncovered_pairs(briefings: QuerySet, teams=None) -> list[tuple]:
    """(team id, briefing id) for each published briefing and addressed team with no meeting covering it yet."""
    covered = TeamMeeting.objects.filter(team=OuterRef("teams"), briefings=OuterRef("pk"))
    briefings = briefings.filter(status=Briefing.Status.PUBLISHED)
    if teams is not None:
        briefings = briefings.filter(teams__in=teams)
    return list(briefings.annotate(covered=Exists(covered)).filter(covered=False).values_list("teams", "pk"))


def with_coverage_counts(briefings: QuerySet) -> QuerySet:
    """Each briefing with `total` (teams it addresses) and `covered` (of them, teams that held a meeting on it),
    counted per briefing in subqueries, so the size of one never multiplies the other."""
    addressed = (Briefing.teams.through.objects.filter(briefing=OuterRef("pk")).order_by()
                 .values("briefing").annotate(n=Count("team_id")).values("n"))
    met = (TeamMeeting.briefings.through.objects.filter(briefing=OuterRef("pk")).order_by()
           .values("briefing").annotate(n=Count("teammeeting__team_id", distinct=True)).values("n"))
    return briefings.annotate(total=Coalesce(Subquery(addressed), 0), covered=Coalesce(Subquery(met), 0))


def open_briefings_for(teams) -> list[tuple]:
    """(team, [published briefings for it not yet covered in one of its meetings]) per team; one query."""
    teams = list(teams)
    covered = TeamMeeting.objects.filter(team=OuterRef("for_team"), briefings=OuterRef("pk"))
    uncovered = (
        Briefing.objects.filter(status=Briefing.Status.PUBLISHED, teams__in=teams)
        .annotate(for_team=F("teams"))
        .filter(~Exists(covered))
    )
    by_team: dict = {}
    for briefing in uncovered:
        by_team.setdefault(briefing.for_team, []).append(briefing)
    return [(team, by_team.get(team.pk, [])) for team in teams]


@dataclass
class TeamCoverage:
    team: Team
    covered_on: object = None
    members: list = field(default_factory=list)
    present: set = field(default_factory=set)
    acknowledged: set = field(default_factory=set)

    @property
    def present_share(self) -> int | None:
        """Share of the agents present at the covering meeting who confirmed they read it."""
        return percent(len(self.present & self.acknowledged), len(self.present))

    @property
    def share(self) -> int | None:
        ids = {m.pk for m in self.members}
        return percent(len(ids & self.acknowledged), len(ids))

    @property
    def missing(self) -> list:
        return [m for m in self.members if m.pk not in self.acknowledged]

    @property
    def absent(self) -> list:
        """Agents not at the covering meeting: follow up with them."""
        return [m for m in self.members if m.pk not in self.present] if self.covered_on else []


def coverage(briefing: Briefing, teams=None) -> list[TeamCoverage]:
    """Per team (those given, else all addressed): who was at the meeting, who confirmed, who is missing."""
    teams = list(teams if teams is not None else briefing.teams.all())
    team_members = TeamMembership.objects.current().members().filter(team__in=teams).values("user_id")
    acknowledged = set(Acknowledgement.objects.filter(briefing=briefing, agent__in=team_members)
                       .values_list("agent_id", flat=True))
    meetings = (
        TeamMeeting.objects.filter(briefings=briefing, team__in=teams)
        .order_by("held_on")
        .prefetch_related(Prefetch("attendees", queryset=User.objects.only("id")))
    )
    result = {team.pk: TeamCoverage(team=team, acknowledged=acknowledged) for team in teams}
    for meeting in meetings:
        row = result[meeting.team_id]
        row.covered_on = row.covered_on or meeting.held_on
        row.present |= {a.pk for a in meeting.attendees.all()}
    members = TeamMembership.objects.current().members().filter(team__in=teams, user__role=Role.AGENT)
    for membership in members.select_related("user").order_by("user__last_name"):
        result[membership.team_id].members.append(membership.user)
    return [result[team.pk] for team in teams]


@dataclass
class CoverageSummary:
    teams: int
    covered: int
    agents: int
    confirmed: int

    @property
    def share(self) -> int | None:
        return percent(self.confirmed, self.agents)


def coverage_summary(briefing: Briefing, teams: QuerySet, team_count: int) -> CoverageSummary:
    """Across all the given teams (of agents), counted by the database in one query of three small counts:
    teams that covered the briefing in a meeting, agents, and agents who confirmed it."""
    members = TeamMembership.objects.current().members().filter(team__in=teams, user__role=Role.AGENT)
    agent_ids = members.values("user_id")
    counts = Briefing.objects.filter(pk=briefing.pk).values(
        agents=_count(members, "user_id", distinct=True),
        confirmed=_count(Acknowledgement.objects.filter(briefing=briefing, agent__in=agent_ids), "pk"),
        covered=_count(TeamMeeting.objects.filter(briefings=briefing, team__in=teams), "team_id", distinct=True),
    ).get()
    return CoverageSummary(team_count, counts["covered"], counts["agents"], counts["confirmed"])


def _count(queryset: QuerySet, field: str, distinct: bool = False) -> Subquery:
    """COUNT of a whole queryset as a scalar subquery, so several counts share one round trip."""
    template = "COUNT(DISTINCT %(expressions)s)" if distinct else "COUNT(%(expressions)s)"
    return Subquery(queryset.order_by().annotate(n=Func(F(field), template=template, output_field=IntegerField()))
                    .values("n")[:1])


def acknowledged_ids(user, briefings) -> set:
    return set(Acknowledgement.objects.filter(agent=user, briefing__in=briefings).values_list("briefing_id", flat=True))


def questions_for(user, briefing) -> QuerySet:
    """Leads see the questions of their agents, agents their own, HR all."""
    questions = Question.objects.filter(briefing=briefing).select_related("agent", "answered_by")
    return access.records_visible_to(user, questions, shared_q=Q())


