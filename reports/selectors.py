"""The rows of the HR review export: one per review, built without per-row queries."""

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from people.models import TeamMembership
from people.periods import Quarter
from reviews.models import Review, ReviewArea

# No individual key figures: HR sees those only as team aggregates (people.access.may_see_individual_kpis).
# Column titles in the language of the person exporting (German Excel users read German titles).
COLUMNS = [
    ("agent", _("Agent")), ("email", _("E-mail")), ("team", _("Team")), ("reviewer", _("Reviewer")),
    ("quarter", _("Quarter")), ("held_on", _("Meeting date")), ("shared_at", _("Shared at")), ("status", _("Status")),
    ("summary", _("Summary")), ("strengths", _("Strengths")), ("areas", _("Areas to improve")),
    ("self_assessment", _("Self-assessment")), ("agent_comment", _("Agent's comment")),
    ("acknowledged_at", _("Acknowledged at")),
    ("statements", _("Employee's statement")),
]


def _team_in(quarter: Quarter):
    """The team the agent belonged to during the quarter (the latest membership that overlaps it)."""
    return (
        TeamMembership.objects.members()
        .filter(user=OuterRef("agent"), start__lte=quarter.last_day)
        .filter(Q(end__isnull=True) | Q(end__gt=quarter.first_day))
        .order_by("-start")
    )


# A draft never leaves its author: exports hold shared and acknowledged reviews only.
EXPORTED_STATUSES = [Review.Status.SHARED, Review.Status.ACKNOWLEDGED]


def review_export_queryset(quarter: Quarter, *, team=None, status=None) -> QuerySet:
    reviews = (
        Review.objects.filter(cycle__label=quarter.label, status__in=EXPORTED_STATUSES)
        .select_related("agent", "reviewer", "cycle")
        .annotate(team_name=Subquery(_team_in(quarter).values("team__name")[:1]),
                  team_id=Subquery(_team_in(quarter).values("team_id")[:1]))
        .prefetch_related(Prefetch("areas", queryset=ReviewArea.objects.select_related("skill")), "statements")
        .order_by("team_name", "agent__last_name", "agent__first_name", "pk")
    )
    if team is not None:
        reviews = reviews.filter(team_id=team.pk)
    if status:
        reviews = reviews.filter(status=status)
    return reviews


def review_rows(reviews: QuerySet, chunk_size: int = 500):
    """Dicts by COLUMNS, streamed in chunks so memory stays flat for any number of reviews."""
    for review in reviews.iterator(chunk_size=chunk_size):
        yield {
            "agent": str(review.agent),
            "email": review.agent.email,
            "team": review.team_name or "",
            "reviewer": str(review.reviewer or ""),
            "quarter": review.cycle.quarter.display,
            "held_on": review.held_on.isoformat() if review.held_on else "",
            "shared_at": _when(review.shared_at),
            "status": review.get_status_display(),
            "summary": review.summary,
            "strengths": review.strengths,
            "areas": "\n".join(
                f"{a.text} ({a.skill.name})" if a.skill else a.text for a in review.areas.all()
            ),
            "self_assessment": review.self_assessment,
            "agent_comment": review.agent_comment,
            "acknowledged_at": _when(review.acknowledged_at),
            # The employee's own statements (§83 BetrVG) always travel with the review.
            "statements": "\n\n".join(f"{_when(s.created_at)}: {s.text}" for s in review.statements.all()),
        }


def _when(value):
    from django.utils import timezone

    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""
