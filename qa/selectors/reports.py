"""Figures about QA across teams: disputes (open ones, resolution times, acceptance per evaluator and
question), evaluations per agent and month, alignment per evaluator, and the rows of the exports."""

import statistics
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Avg, Count, F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.numbers import percent
from people import access
from people.models import User

from ..models import CalibrationParticipant, CalibrationSession, Dispute, Evaluation, Status
from . import evaluations as evaluation_selectors

FIGURE_DAYS = 90
ACCEPTING = (Dispute.State.ACCEPTED, Dispute.State.PARTLY)


def disputes_visible_to(user: User) -> QuerySet[Dispute]:
    """Disputes on the evaluations the user may see."""
    return Dispute.objects.filter(
        evaluation__in=evaluation_selectors.visible_to(user).values("pk")
    ).select_related("evaluation__agent", "evaluation__evaluator", "question")


def open_disputes(user: User) -> QuerySet[Dispute]:
    return disputes_visible_to(user).filter(state=Dispute.State.OPEN).order_by("raised_at", "id")


def open_disputes_to_decide(user: User) -> QuerySet[Dispute]:
    """Open disputes the user may decide (with arbitration, never those on their own evaluations)."""
    disputes = open_disputes(user).filter(evaluation__agent__in=access.agents_evaluable_by(user))
    if settings.QA_DISPUTE_ARBITRATION:
        disputes = disputes.exclude(evaluation__evaluator=user)
    if access.is_hr_or_admin(user):
        disputes = open_disputes(user)
    return disputes


@dataclass
class Acceptance:
    label: str
    decided: int
    accepted: int

    @property
    def share(self) -> int | None:
        return percent(self.accepted, self.decided)


@dataclass
class DisputeFigures:
    open: int
    decided: int
    median_hours: float | None
    mean_hours: float | None
    by_evaluator: list[Acceptance]
    by_question: list[Acceptance]


def dispute_figures(user: User, since: datetime | None = None) -> DisputeFigures:
    """Over the disputes the user may see that were decided in the last FIGURE_DAYS days: resolution
    times (hours from raising to deciding) and how many were accepted at least partly, per evaluator and
    per question; three queries."""
    since = since or timezone.now() - timedelta(days=FIGURE_DAYS)
    visible = disputes_visible_to(user).order_by()
    decided = visible.filter(decided_at__gte=since)
    hours = [
        (decided_at - raised_at).total_seconds() / 3600
        for raised_at, decided_at in decided.values_list("raised_at", "decided_at")
        if decided_at is not None  # always, by the filter above; says so to mypy
    ]
    accepted = Count("id", filter=Q(state__in=ACCEPTING))
    by_evaluator = [
        Acceptance(
            " ".join(filter(None, [row["first"], row["last"]])) or "–", row["n"], row["accepted"]
        )
        for row in decided.values(
            first=F("evaluation__evaluator__first_name"), last=F("evaluation__evaluator__last_name")
        )
        .annotate(n=Count("id"), accepted=accepted)
        .order_by("-n")[:50]
    ]
    question_rows = (
        decided.values("question_id", "question__text_en", "question__text_de")
        .annotate(n=Count("id"), accepted=accepted)
        .order_by("-n")[:50]
    )
    german = (get_language() or "en").startswith("de")
    by_question = [
        Acceptance(
            (row["question__text_de"] if german else row["question__text_en"])
            or row["question__text_en"],
            row["n"],
            row["accepted"],
        )
        for row in question_rows
    ]
    return DisputeFigures(
        open=visible.filter(state=Dispute.State.OPEN).count(),
        decided=len(hours),
        median_hours=round(statistics.median(hours), 1) if hours else None,
        mean_hours=round(statistics.fmean(hours), 1) if hours else None,
        by_evaluator=by_evaluator,
        by_question=by_question,
    )


def calibrations_to_answer(user: User) -> list[CalibrationSession]:
    return list(
        CalibrationSession.objects.filter(
            phase=CalibrationSession.Phase.OPEN,
            participants__evaluator=user,
            participants__submitted_at__isnull=True,
        )
        .select_related("version__scorecard")
        .order_by("created_at")[:10]
    )


def evaluations_per_agent_and_month(months: int = 3) -> dict:
    """HR's overview: how many shared evaluations each agent had per month, summarised as the share of
    agents below the minimum and the most anyone had; one query."""
    first = (timezone.localdate().replace(day=1) - timedelta(days=31 * (months - 1))).replace(day=1)
    rows = (
        Evaluation.objects.filter(status__in=(Status.SHARED, Status.ACKNOWLEDGED))
        .filter(interaction_week__gte=first)
        .values("agent_id", "interaction_at__year", "interaction_at__month")
        .annotate(n=Count("id"))
        .order_by()
    )
    per_month: dict = {}
    for row in rows:
        key = date(row["interaction_at__year"], row["interaction_at__month"], 1)
        per_month.setdefault(key, []).append(row["n"])
    return {month: per_month[month] for month in sorted(per_month)}


def alignment_per_evaluator() -> QuerySet:
    """HR's overview: each evaluator's mean alignment with the benchmark over their calibrations of the
    last FIGURE_DAYS days, lowest first (alignment is kept with each participation when the benchmark is
    recorded); one query."""
    since = timezone.now() - timedelta(days=FIGURE_DAYS)
    return (
        CalibrationParticipant.objects.filter(
            alignment__isnull=False, session__closed_at__gte=since
        )
        .values("evaluator_id", "evaluator__first_name", "evaluator__last_name")
        .annotate(mean=Avg("alignment"), sessions=Count("id"))
        .order_by("mean", "evaluator__last_name")
    )


def open_dispute_count() -> int:
    return Dispute.objects.filter(state=Dispute.State.OPEN).count()


def active_agent_count() -> int:
    return access.agents().filter(is_active=True).count()


def export_rows(user: User, start: date, end: date) -> list[list]:
    """Shared evaluations of interactions in [start, end] that the user may see, one row each, oldest
    first; one query. The columns are EXPORT_COLUMNS."""
    evaluations = (
        evaluation_selectors.visible_to(user)
        .filter(
            status__in=(Status.SHARED, Status.ACKNOWLEDGED),
            interaction_at__date__gte=start,
            interaction_at__date__lte=end,
        )
        .annotate(
            dispute_count=Count("disputes", distinct=True),
            open_dispute_count=Count(
                "disputes", filter=Q(disputes__state=Dispute.State.OPEN), distinct=True
            ),
        )
        .order_by("interaction_at", "id")
    )
    return [
        [
            e.agent.get_full_name(),
            e.agent.email,
            e.evaluator.get_full_name() if e.evaluator else "",
            e.version.scorecard.name,
            e.version.number,
            e.get_channel_display(),
            e.reference,
            timezone.localtime(e.interaction_at).strftime("%Y-%m-%d %H:%M"),
            e.get_status_display(),
            "" if e.score is None else str(e.score),
            "x" if e.failed_all else "",
            timezone.localtime(e.shared_at).strftime("%Y-%m-%d %H:%M") if e.shared_at else "",
            timezone.localtime(e.acknowledged_at).strftime("%Y-%m-%d %H:%M")
            if e.acknowledged_at
            else "",
            e.dispute_count,
            e.open_dispute_count,
        ]
        for e in evaluations
    ]


def export_columns() -> list[str]:
    return [
        _("Agent"),
        _("E-mail"),
        _("Evaluator"),
        _("Scorecard"),
        _("Scorecard version"),
        _("Channel"),
        _("Interaction reference"),
        _("Interaction"),
        _("Status"),
        _("Score (%)"),
        _("Failed by a critical question"),
        _("Shared"),
        _("Acknowledged"),
        _("Disputes"),
        _("Open disputes"),
    ]


def export_agent_ids(user: User, start: date, end: date) -> list[int]:
    """Whose evaluations an export of [start, end] holds (for the access record)."""
    return list(
        evaluation_selectors.visible_to(user)
        .filter(
            status__in=(Status.SHARED, Status.ACKNOWLEDGED),
            interaction_at__date__gte=start,
            interaction_at__date__lte=end,
        )
        .order_by()
        .values_list("agent_id", flat=True)
        .distinct()
    )


def hr_figures(months: int = 3) -> dict:
    """HR's overview of quality evaluations, in four queries whatever the number of agents: per month
    the agents evaluated, the evaluations, the mean per agent, the agents below the monthly minimum
    and the most anyone had (never above the cap); the open disputes; each evaluator's mean alignment
    with the calibration benchmark (lowest first)."""
    active = active_agent_count()
    rows = []
    for month, counts in evaluations_per_agent_and_month(months).items():
        reached = sum(1 for n in counts if n >= settings.QA_MIN_PER_MONTH)
        rows.append(
            {
                "month": month,
                "agents": len(counts),
                "evaluations": sum(counts),
                "mean": round(sum(counts) / active, 1) if active else None,
                "below_minimum": max(active - reached, 0),
                "most": max(counts),
            }
        )
    alignment = [
        {
            "evaluator": f"{row['evaluator__first_name']} {row['evaluator__last_name']}".strip(),
            "mean": row["mean"],
            "sessions": row["sessions"],
        }
        for row in alignment_per_evaluator()[:HR_EVALUATORS_SHOWN]
    ]
    return {
        "months": rows,
        "active_agents": active,
        "open_disputes": open_dispute_count(),
        "alignment": alignment,
        "minimum": settings.QA_MIN_PER_MONTH,
        "cap": settings.QA_MAX_PER_MONTH,
    }


HR_EVALUATORS_SHOWN = 20
