"""The rows of the HR review export: one per review, built without per-row queries."""

from collections.abc import Iterator
from datetime import datetime

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from people.models import Team, TeamMembership, User
from people.periods import Quarter
from reviews.models import Review, ReviewArea
from reviews.selectors import reviews_visible_to

# No individual key figures: HR sees those only as team aggregates (people.access.may_see_individual_kpis).
# Column titles in the language of the person exporting (German Excel users read German titles).
COLUMNS = [
    ("agent", _("Agent")),
    ("email", _("E-mail")),
    ("team", _("Team")),
    ("reviewer", _("Reviewer")),
    ("quarter", _("Quarter")),
    ("held_on", _("Meeting date")),
    ("shared_at", _("Shared at")),
    ("status", _("Status")),
    ("summary", _("Summary")),
    ("strengths", _("Strengths")),
    ("areas", _("Areas to improve")),
    ("self_assessment", _("Self-assessment")),
    ("agent_comment", _("Agent's comment")),
    ("acknowledged_at", _("Acknowledged at")),
    ("statements", _("Employee's statement")),
]


def _team_in(quarter: Quarter) -> QuerySet[TeamMembership]:
    """The team the agent belonged to during the quarter (the latest membership that overlaps it)."""
    return (
        TeamMembership.objects.members()
        .filter(user=OuterRef("agent"), start__lte=quarter.last_day)
        .filter(Q(end__isnull=True) | Q(end__gt=quarter.first_day))
        .order_by("-start")
    )


# A draft never leaves its author: exports hold shared and acknowledged reviews only.
EXPORTED_STATUSES = [Review.Status.SHARED, Review.Status.ACKNOWLEDGED]


def review_export_queryset(
    viewer: User, quarter: Quarter, *, team: Team | None = None, status: str | None = None
) -> QuerySet:
    """The reviews of the quarter the viewer may see (the one access policy), shared and acknowledged only."""
    reviews = (
        reviews_visible_to(viewer)
        .filter(cycle__label=quarter.label, status__in=EXPORTED_STATUSES)
        .select_related("agent", "reviewer", "cycle")
        .annotate(
            team_name=Subquery(_team_in(quarter).values("team__name")[:1]),
            team_id=Subquery(_team_in(quarter).values("team_id")[:1]),
        )
        .prefetch_related(
            Prefetch("areas", queryset=ReviewArea.objects.select_related("skill")), "statements"
        )
        .order_by("team_name", "agent__last_name", "agent__first_name", "pk")
    )
    if team is not None:
        reviews = reviews.filter(team_id=team.pk)
    if status:
        reviews = reviews.filter(status=status)
    return reviews


def review_rows(reviews: QuerySet, chunk_size: int = 500) -> Iterator[dict[str, str]]:
    """Dicts by COLUMNS, streamed in chunks so memory stays flat for any number of reviews.

    Plain values instead of model instances, and the areas and statements of each chunk in one query
    each: thousands of reviews export in seconds."""
    german = (get_language() or "en").startswith("de")
    status_names = {value: str(label) for value, label in Review.Status.choices}
    quarter_names: dict = {}
    values = reviews.prefetch_related(None).values(*ROW_FIELDS)
    chunk: list = []
    for row in values.iterator(chunk_size=chunk_size):
        chunk.append(row)
        if len(chunk) == chunk_size:
            yield from _rows_of(chunk, german, status_names, quarter_names)
            chunk = []
    yield from _rows_of(chunk, german, status_names, quarter_names)


ROW_FIELDS = [
    "pk",
    "agent__first_name",
    "agent__last_name",
    "agent__email",
    "team_name",
    "reviewer__first_name",
    "reviewer__last_name",
    "reviewer__email",
    "cycle__label",
    "held_on",
    "shared_at",
    "status",
    "summary",
    "strengths",
    "self_assessment",
    "agent_comment",
    "acknowledged_at",
]


def _rows_of(
    chunk: list, german: bool, status_names: dict, quarter_names: dict
) -> Iterator[dict[str, str]]:
    if not chunk:
        return
    ids = [row["pk"] for row in chunk]
    areas: dict = {}
    for review_id, text, name_en, name_de in (
        ReviewArea.objects.filter(review_id__in=ids)
        .order_by("id")
        .values_list("review_id", "text", "skill__name_en", "skill__name_de")
    ):
        skill = (name_de or name_en) if german else (name_en or name_de)
        areas.setdefault(review_id, []).append(f"{text} ({skill})" if skill else text)
    statements: dict = {}
    for review_id, created_at, text in (
        Review.objects.filter(pk__in=ids, statements__isnull=False)
        .order_by("statements__created_at", "statements__id")
        .values_list("pk", "statements__created_at", "statements__text")
    ):
        statements.setdefault(review_id, []).append(f"{_when(created_at)}: {text}")
    for row in chunk:
        label = row["cycle__label"]
        if label not in quarter_names:
            quarter_names[label] = Quarter.parse(label).display
        yield {
            "agent": _name(row["agent__first_name"], row["agent__last_name"], row["agent__email"]),
            "email": row["agent__email"],
            "team": row["team_name"] or "",
            "reviewer": _name(
                row["reviewer__first_name"], row["reviewer__last_name"], row["reviewer__email"]
            ),
            "quarter": quarter_names[label],
            "held_on": row["held_on"].isoformat() if row["held_on"] else "",
            "shared_at": _when(row["shared_at"]),
            "status": status_names.get(row["status"], row["status"]),
            "summary": row["summary"],
            "strengths": row["strengths"],
            "areas": "\n".join(areas.get(row["pk"], [])),
            "self_assessment": row["self_assessment"],
            "agent_comment": row["agent_comment"],
            "acknowledged_at": _when(row["acknowledged_at"]),
            # The employee's own statements (§83 BetrVG) always travel with the review.
            "statements": "\n\n".join(statements.get(row["pk"], [])),
        }


def _name(first: str | None, last: str | None, email: str) -> str:
    """As a user is shown (User.__str__): the full name, else the e-mail address; "" for nobody."""
    return f"{first or ''} {last or ''}".strip() or (email or "")


def _when(value: datetime | None) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""
