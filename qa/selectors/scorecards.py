"""Reads of scorecards: the list with each one's current version, a card's versions, what can be used."""

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery

from ..models import CalibrationSession, Evaluation, Question, Scorecard, ScorecardVersion, Section


def version_in_use(version: ScorecardVersion) -> bool:
    return (
        Evaluation.objects.filter(version=version).exists()
        or CalibrationSession.objects.filter(version=version).exists()
    )


def in_use_flag() -> Q:
    """An expression: whether the version (the outer row) is used by an evaluation or a calibration."""
    return Exists(Evaluation.objects.filter(version=OuterRef("pk"))) | Exists(
        CalibrationSession.objects.filter(version=OuterRef("pk"))
    )


def current_version(scorecard: Scorecard) -> ScorecardVersion | None:
    return scorecard.versions.order_by("-number").first()


def _latest_number() -> Subquery:
    return Subquery(
        ScorecardVersion.objects.filter(scorecard=OuterRef("scorecard_id"))
        .order_by("-number")
        .values("number")[:1]
    )


def current_versions() -> QuerySet[ScorecardVersion]:
    """The current version of every scorecard that is not retired (what new evaluations may use)."""
    return (
        ScorecardVersion.objects.filter(scorecard__retired_at__isnull=True)
        .annotate(latest=_latest_number())
        .filter(number=F("latest"))
        .select_related("scorecard")
        .prefetch_related("channels")
        .order_by("scorecard__name_en", "scorecard_id")
    )


def scorecards_with_current() -> list[Scorecard]:
    """Every scorecard with its current version number and its number of evaluations; one query."""
    return list(
        Scorecard.objects.annotate(
            current_number=Subquery(
                ScorecardVersion.objects.filter(scorecard=OuterRef("pk"))
                .order_by("-number")
                .values("number")[:1]
            ),
            evaluations=Count("versions__evaluations"),
        ).order_by("retired_at", "name_en", "pk")
    )


def versions_of(scorecard: Scorecard) -> list[ScorecardVersion]:
    """Its versions, newest first, each with its sections and questions and whether it is in use."""
    questions = Question.objects.select_related("skill").order_by("position", "id")
    sections = Section.objects.prefetch_related(Prefetch("questions", queryset=questions)).order_by(
        "position", "id"
    )
    return list(
        scorecard.versions.annotate(in_use=in_use_flag())
        .prefetch_related("channels", Prefetch("sections", queryset=sections))
        .order_by("-number")
    )
