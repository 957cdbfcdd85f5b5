"""HR overview figures across apps: counted by the database for the whole site, listed only as far as shown."""

from decimal import Decimal

from django.db.models import Count, DecimalField, F, FloatField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from feedback.models import CoachingNote
from feedback.selectors import Timeliness, median_hours
from people.models import Team, TeamMembership, User
from people.periods import Quarter
from skills.selectors import active_skills, coverage
from training.models import Enrollment

SHOWN = 10


def timeliness_rows(quarter: Quarter, limit: int = SHOWN) -> list[tuple]:
    """(lead, Timeliness) for the `limit` authors with the lowest share of feedback in time in the quarter.

    Shares are counted by the database for every author; median hours only for those shown. Three queries."""
    now = timezone.now()
    notes = CoachingNote.objects.filter(
        observed_at__gte=quarter.start, observed_at__lt=quarter.end
    ).filter(
        Q(delivered_at__isnull=False) | Q(feedback_due_at__lte=now)
    )  # open windows are not late yet
    shares = list(
        notes.values("author_id")
        .annotate(
            notes=Count("id"), in_time=Count("id", filter=Q(delivered_at__lte=F("feedback_due_at")))
        )
        .filter(author_id__isnull=False, notes__gt=0)
        .annotate(share=Cast("in_time", FloatField()) / Cast("notes", FloatField()))
        .order_by("share", "author_id")[:limit]
    )
    ids = [row["author_id"] for row in shares]
    leads = User.objects.in_bulk(ids)
    medians = median_hours(notes.filter(author_id__in=ids), by="author_id")
    return [
        (
            leads[row["author_id"]],
            Timeliness(quarter.label, row["notes"], row["in_time"], medians.get(row["author_id"])),
        )
        for row in shares
        if row["author_id"] in leads
    ]


def site_coverage(agents, limit=8) -> list:
    """The `limit` least covered skills across the agents, with the share of agents covering each; three queries."""
    total = agents.count() or 1
    rows = coverage(agents, list(active_skills()))
    return [
        (c, round(100 * c.covered / total)) for c in sorted(rows, key=lambda c: c.covered)[:limit]
    ]


def training_hours_by_team(quarter: Quarter, limit: int = SHOWN) -> list[tuple]:
    """(team name, hours) of completed trainings in the quarter, by the agent's current team, most first,
    then the teams with agents and no completed training (0 hours); one query (a union)."""
    team = (
        TeamMembership.objects.current()
        .members()
        .filter(user=OuterRef("agent_id"))
        .order_by("-start")
    )
    hours = (
        Enrollment.objects.filter(
            status=Enrollment.Status.COMPLETED,
            completed_on__gte=quarter.first_day,
            completed_on__lte=quarter.last_day,
        )
        .annotate(team=Coalesce(Subquery(team.values("team__name")[:1]), Value("–")))
        .values("team")
        .annotate(hours=Sum("session__course__duration_hours"))
        .order_by()
        .values_list("team", "hours")
    )
    # A team whose agents completed no training is the one to look at: listed with 0 h, not left out.
    teams_with_agents = (
        Team.objects.filter(memberships__in=TeamMembership.objects.current().members())
        .annotate(
            hours=Value(Decimal(0), output_field=DecimalField(max_digits=9, decimal_places=2))
        )
        .order_by()
        .values_list("name", "hours")
    )
    totals: dict[str, Decimal] = {}
    for name, team_hours in hours.union(teams_with_agents, all=True):
        totals[name] = max(totals.get(name, Decimal(0)), team_hours or Decimal(0))
    ranked = sorted(totals.items(), key=lambda row: (-row[1], row[0]))
    with_hours = [(name, h) for name, h in ranked if h > 0][:limit]
    without = [(name, 0) for name, h in ranked if h == 0][:limit]
    return with_hours + without
