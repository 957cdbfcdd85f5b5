from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from people import access
from people.models import Role, Team, TeamMembership
from people.periods import Quarter

from .models import Review

HELD = Q(status__in=[Review.Status.SHARED, Review.Status.ACKNOWLEDGED])


def _reviews() -> QuerySet:
    return Review.objects.select_related("agent", "reviewer", "cycle")


def reviews_visible_to(user) -> QuerySet:
    """A draft to its reviewer alone; shared and acknowledged ones to the agent, their current leads and HR."""
    return access.private_records_visible_to(user, _reviews(), shared_q=HELD, author_field="reviewer")


def reviews_changeable_by(user) -> QuerySet:
    """Reviews the user may edit and share: their own, about agents they still coach."""
    return access.private_records_changeable_by(user, _reviews(), author_field="reviewer")


def awaiting_agent(agent) -> tuple[list[Review], list[Review]]:
    """The agent's shared reviews still to acknowledge, and drafts whose self-assessment the lead asked for."""
    shared = list(reviews_visible_to(agent).filter(agent=agent, status=Review.Status.SHARED).order_by("shared_at"))
    asked = list(Review.objects.filter(agent=agent, status=Review.Status.DRAFT, self_assessment="",
                                       self_assessment_requested_at__isnull=False).select_related("cycle"))
    return shared, asked


def team_completion(viewer, team: Team, quarter: Quarter, agents: QuerySet) -> list[tuple]:
    """(agent, review the viewer may see or None) for each current agent of the team, in two queries."""
    agents = list(agents)
    reviews = {
        r.agent_id: r
        for r in reviews_visible_to(viewer).filter(cycle__label=quarter.label, agent__in=[a.pk for a in agents])
    }
    return [(agent, reviews.get(agent.pk)) for agent in agents]


@dataclass
class Completion:
    team: Team
    agents: int
    held: int
    drafts: int

    @property
    def share(self) -> int | None:
        return round(100 * self.held / self.agents) if self.agents else None


def completion_by_team(quarter: Quarter, teams: QuerySet | None = None) -> list[Completion]:
    """Per team: current agents, held reviews and drafts of the quarter; one query for all teams."""
    teams = teams if teams is not None else Team.objects.all()
    rows = (
        TeamMembership.objects.current().members().filter(team__in=teams, user__role=Role.AGENT)
        .values("team_id")
        .annotate(
            agents=Count("user", distinct=True),
            held=Count("user__reviews", filter=Q(user__reviews__cycle__label=quarter.label) & Q(
                user__reviews__status__in=[Review.Status.SHARED, Review.Status.ACKNOWLEDGED]), distinct=True),
            drafts=Count("user__reviews", filter=Q(user__reviews__cycle__label=quarter.label,
                                                   user__reviews__status=Review.Status.DRAFT), distinct=True),
        )
    )
    by_team = {row["team_id"]: row for row in rows}
    return [
        Completion(team, by_team.get(team.pk, {}).get("agents", 0), by_team.get(team.pk, {}).get("held", 0),
                   by_team.get(team.pk, {}).get("drafts", 0))
        for team in teams.order_by("name")
    ]


