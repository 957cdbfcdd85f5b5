"""Reads of calibration sessions: who sees which session with which rights, and its results."""

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet
from django.shortcuts import get_object_or_404

from people import access
from people.models import User

from .. import calibration_stats
from ..models import CalibrationAnswer, CalibrationParticipant, CalibrationSession, Question
from .evaluations import questions_of

TREND_SESSIONS = 6
REVEALED = (CalibrationSession.Phase.REVEALED, CalibrationSession.Phase.CLOSED)


def visible_to(user: User) -> QuerySet[CalibrationSession]:
    """Its owner and participants, and HR; never an agent."""
    return access.calibrations_visible_to(
        user,
        CalibrationSession.objects.select_related("owner", "version__scorecard", "agent"),
        participant_field="participants__evaluator",
    )


def session_for(user: User, pk: int) -> tuple[CalibrationSession, access.CalibrationRights]:
    mine = CalibrationParticipant.objects.filter(session=OuterRef("pk"), evaluator=user)
    session = get_object_or_404(
        visible_to(user).annotate(
            viewer_takes_part=Exists(mine),
            viewer_submitted=Exists(mine.filter(submitted_at__isnull=False)),
        ),
        pk=pk,
    )
    return session, access.calibration_rights(
        user,
        owner_id=session.owner_id,
        participant_submitted=(
            session.viewer_submitted  # type: ignore[attr-defined]  # annotated by the query
            if session.viewer_takes_part  # type: ignore[attr-defined]
            else None
        ),
        is_open=session.phase == CalibrationSession.Phase.OPEN,
        blind=session.blind,
    )


def participants_of(session: CalibrationSession) -> list[CalibrationParticipant]:
    return list(session.participants.select_related("evaluator").order_by("id"))


def answers_by_participant(session: CalibrationSession) -> dict[int, dict]:
    """Submitted participant id -> {question id: answer value or N/A}."""
    answers: dict = defaultdict(dict)
    for answer in CalibrationAnswer.objects.filter(
        participant__session=session, participant__submitted_at__isnull=False
    ):
        answers[answer.participant_id][answer.question_id] = answer.scoring_value
    return answers


def comments_of(session: CalibrationSession) -> dict[tuple[int, int], str]:
    return {
        (a.participant_id, a.question_id): a.comment
        for a in CalibrationAnswer.objects.filter(participant__session=session).exclude(comment="")
    }


@dataclass
class Results:
    figures: calibration_stats.SessionFigures
    questions: list[Question]
    participants: list[CalibrationParticipant]
    answers: dict  # participant id -> {question id: value}
    benchmark: dict  # question id -> value
    trends: dict  # evaluator id -> [(session, mean leniency)] over earlier sessions, oldest first


def results(session: CalibrationSession) -> Results:
    """Answers side by side with alignment, alpha and leniency (once revealed; alignment and leniency
    once the benchmark is recorded); alpha per question over its last three sessions."""
    questions = questions_of(session.version)
    participants = [p for p in participants_of(session) if p.submitted_at]
    answers = answers_by_participant(session)
    by_evaluator = {p.evaluator_id: answers.get(p.pk, {}) for p in participants}
    benchmark = {int(k): v for k, v in (session.benchmark or {}).items()} or None
    earlier = _earlier_sessions(session, TREND_SESSIONS)
    history = _history(session, earlier)
    recent = {
        q.pk: [
            history[s.pk].get(q.lineage, []) for s in [*earlier[-2:], session] if s.pk in history
        ]
        for q in questions
    }
    figures = calibration_stats.session_figures(
        sorted({q.section.spec for q in questions}, key=lambda s: s.id),
        [q.spec for q in questions],
        by_evaluator,
        benchmark,
        recent,
    )
    return Results(
        figures,
        questions,
        participants,
        answers,
        benchmark or {},
        _trends(earlier, by_evaluator),
    )


def _earlier_sessions(session: CalibrationSession, count: int) -> list[CalibrationSession]:
    """The `count` sessions of the same scorecard revealed before this one, oldest first."""
    if session.revealed_at is None:
        return []
    earlier = (
        CalibrationSession.objects.filter(
            version__scorecard_id=session.version.scorecard_id,
            phase__in=REVEALED,
            revealed_at__lt=session.revealed_at,
        )
        .select_related("version")
        .order_by("-revealed_at", "-id")[:count]
    )
    return list(reversed(earlier))


def _history(session: CalibrationSession, earlier: list[CalibrationSession]) -> dict[int, dict]:
    """Session id -> question lineage -> the submitted answers, coded for alpha with the question as it
    was asked in that session; one query."""
    history: dict = defaultdict(lambda: defaultdict(list))
    rows = CalibrationAnswer.objects.filter(
        participant__session__in=[s.pk for s in [*earlier, session]],
        participant__submitted_at__isnull=False,
    ).select_related("question", "participant")
    for answer in rows:
        question = answer.question
        history[answer.participant.session_id][question.lineage].append(
            calibration_stats.coded(question.spec, answer.scoring_value)
        )
    return history


def _trends(earlier: list[CalibrationSession], by_evaluator: Mapping[int, dict]) -> dict:
    """Each evaluator's mean leniency in the earlier sessions with a benchmark; one query."""
    closed = [s for s in earlier if s.benchmark]
    if not closed:
        return {}
    trends: dict = defaultdict(list)
    answers: dict = defaultdict(lambda: defaultdict(dict))
    specs = {}
    for answer in CalibrationAnswer.objects.filter(
        participant__session__in=[s.pk for s in closed],
        participant__evaluator_id__in=list(by_evaluator),
        participant__submitted_at__isnull=False,
    ).select_related("question", "participant"):
        specs[answer.question_id] = answer.question.spec
        answers[answer.participant.session_id][answer.participant.evaluator_id][
            answer.question_id
        ] = answer.scoring_value
    for session in closed:
        benchmark = {int(k): v for k, v in session.benchmark.items()}
        questions = [specs[qid] for qid in benchmark if qid in specs]
        for evaluator_id, given in answers[session.pk].items():
            mean = calibration_stats.leniency(questions, given, benchmark).mean
            if mean is not None:
                trends[evaluator_id].append((session, mean))
    return dict(trends)
