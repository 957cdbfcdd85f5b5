from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import (
    Count,
    FilteredRelation,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.utils.translation import gettext as _

from core.numbers import percent
from people import access
from people.models import Team, TeamMembership, User
from people.periods import Quarter

from .models import Review, ReviewArea, ReviewCycle

HELD_STATUSES = [Review.Status.SHARED, Review.Status.ACKNOWLEDGED]
HELD = Q(status__in=HELD_STATUSES)
DRAFT = Q(status=Review.Status.DRAFT)


def _reviews() -> QuerySet:
    return Review.objects.select_related("agent", "reviewer", "cycle")


def reviews_visible_to(user: User) -> QuerySet:
    """A draft to its reviewer alone; shared and acknowledged ones to the agent, their current leads and HR."""
    return access.private_records_visible_to(
        user, _reviews(), shared_q=HELD, author_field="reviewer"
    )


def audit_names(viewer: User, ids: list[str]) -> dict[str, str]:
    """The names "who has seen my data" gives reviews: "Quarterly review Q4 2026", only for reviews
    the viewer may see; one query (listed in AUDIT_RECORD_NAMES)."""
    wanted = [int(pk) for pk in ids if pk.isdigit()]
    return {
        str(pk): _("Quarterly review %(quarter)s") % {"quarter": Quarter.parse(label).display}
        for pk, label in reviews_visible_to(viewer)
        .filter(pk__in=wanted)
        .values_list("pk", "cycle__label")
    }


def reviews_changeable_by(user: User) -> QuerySet:
    """Reviews the user may edit and share: their own, about agents they still coach."""
    return access.private_records_changeable_by(user, _reviews(), author_field="reviewer")


def access_review(
    user: User, pk: int | str, *, need_change: bool = False
) -> tuple[Review, access.RecordRights]:
    """The review with its areas (and their skills) and the viewer's rights over it (may they change it,
    do they coach its agent, is it about them), in one query; 404 for a review they may not see (or,
    with `need_change`, may not change)."""
    reviews = _reviews().prefetch_related(
        Prefetch("areas", queryset=ReviewArea.objects.select_related("skill"))
    )
    return access.access_private_record(
        user,
        reviews,
        pk,
        shared_q=HELD,
        author_field="reviewer",
        need_change=need_change,
    )


def own_reviews(agent: User) -> QuerySet:
    """The agent's own reviews: the held ones, and the drafts in preparation they are told of (to write
    their self-assessment before the meeting)."""
    visible = reviews_visible_to(agent) | access.drafts_announced_to_their_agent(
        agent, _reviews(), draft_q=DRAFT
    )
    return visible.filter(agent=agent)


def on_agent_page(viewer: User, agent: User, *, is_self: bool) -> list[Review]:
    """The agent's reviews the viewer may see, newest quarter first; on their own page the agent also gets
    the drafts in preparation (for the self-assessment), in the same query."""
    reviews = own_reviews(viewer) if is_self else reviews_visible_to(viewer).filter(agent=agent)
    return list(reviews.order_by("-cycle__label"))


def awaits_acknowledgement(review: Review) -> bool:
    return review.status == Review.Status.SHARED


def asks_self_assessment(review: Review) -> bool:
    return (
        review.status == Review.Status.DRAFT
        and review.self_assessment == ""
        and review.self_assessment_requested_at is not None
    )


def team_completion(viewer: User, team: Team, quarter: Quarter, agents: QuerySet) -> list[tuple]:
    """(agent, review the viewer may see or None) for each current agent of the team, in two queries."""
    agents = list(agents)  # type: ignore[assignment]  # read once, then used as a list
    reviews = {
        r.agent_id: r
        for r in reviews_visible_to(viewer).filter(
            cycle__label=quarter.label, agent__in=[a.pk for a in agents]
        )
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
        return percent(self.held, self.agents)


def _completion_rows(quarter: Quarter, teams: list[int] | QuerySet) -> QuerySet:
    """Per team: its current agents and their reviews of the quarter, held and drafted; one query."""
    cycle = ReviewCycle.objects.filter(label=quarter.label).values("pk")[:1]
    this_quarter = FilteredRelation(
        "user__reviews", condition=Q(user__reviews__cycle_id=Subquery(cycle))
    )
    return (
        TeamMembership.objects.current()
        .members()
        .filter(access.agent_q("user"), team__in=teams)
        .annotate(quarter_review=this_quarter)
        .values("team_id", "team__name")
        .annotate(
            agents=Count("user", distinct=True),
            held=Count(
                "quarter_review", filter=Q(quarter_review__status__in=HELD_STATUSES), distinct=True
            ),
            drafts=Count(
                "quarter_review",
                filter=Q(quarter_review__status=Review.Status.DRAFT),
                distinct=True,
            ),
        )
        .order_by()
    )


def completion_by_team(quarter: Quarter, teams: Iterable[Team] | None = None) -> list[Completion]:
    """Per team (a list or queryset; all by default): current agents, held reviews and drafts; one query."""
    teams = list(teams if teams is not None else Team.objects.all())
    by_team = {row["team_id"]: row for row in _completion_rows(quarter, [t.pk for t in teams])}
    return [
        Completion(
            team, *(by_team.get(team.pk, {}).get(k, 0) for k in ("agents", "held", "drafts"))
        )
        for team in sorted(teams, key=lambda t: t.name)
    ]


@dataclass
class CompletionSummary:
    """The quarter across many teams: totals, and the teams furthest behind."""

    teams: int
    agents: int
    held: int
    drafts: int
    behind: list  # Completion of the teams with the lowest share held

    @property
    def share(self) -> int | None:
        return percent(self.held, self.agents)


def completion_summary(quarter: Quarter, teams: QuerySet, behind: int = 10) -> CompletionSummary:
    """Counted by the database for every team; only the `behind` teams furthest behind are listed."""
    rows = list(_completion_rows(quarter, teams.order_by().values("pk")))
    per_team = [
        Completion(Team(pk=r["team_id"], name=r["team__name"]), r["agents"], r["held"], r["drafts"])
        for r in rows
    ]
    per_team.sort(key=lambda c: (c.share if c.share is not None else 101, c.team.name))
    return CompletionSummary(
        len(rows),
        sum(r["agents"] for r in rows),
        sum(r["held"] for r in rows),
        sum(r["drafts"] for r in rows),
        per_team[:behind],
    )
