"""Calibration sessions: several evaluators score one interaction blind; the owner reveals the answers
and records the benchmark. Nothing here is an evaluation: it never reaches the agent, never counts."""

from collections.abc import Iterable, Mapping
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from people import access
from people.models import User

from .. import calibration_stats, scoring
from ..models import CalibrationAnswer, CalibrationParticipant, CalibrationSession, ScorecardVersion
from ..selectors.calibration import answers_by_participant
from ..selectors.evaluations import questions_of
from .evaluations import check_interaction

MIN_EVALUATORS = 2


@transaction.atomic
def calibration_create(
    *,
    owner: User,
    version: ScorecardVersion,
    title: str,
    reference: str,
    channel: str,
    interaction_at: datetime,
    evaluators: Iterable[User],
    link: str = "",
    agent: User | None = None,
    blind: bool = True,
) -> CalibrationSession:
    if not access.may_run_calibrations(owner):
        raise ValidationError(_("You may not run calibration sessions."))
    evaluators = list({e.pk: e for e in evaluators}.values())
    if len(evaluators) < MIN_EVALUATORS:
        raise ValidationError(
            {"evaluators": _("A calibration needs at least two evaluators: invite one more.")}
        )
    allowed = set(
        access.calibration_candidates()
        .filter(pk__in=[e.pk for e in evaluators])
        .values_list("pk", flat=True)
    )
    if len(allowed) != len(evaluators):
        raise ValidationError(
            {"evaluators": _("Invite active team leads and QA specialists only.")}
        )
    check_interaction(version=version, channel=channel, interaction_at=interaction_at)
    session = CalibrationSession(
        title=(title or "").strip(),
        owner=owner,
        version=version,
        agent=agent,
        reference=(reference or "").strip(),
        channel=channel,
        interaction_at=interaction_at,
        link=link,
        blind=blind,
    )
    session.full_clean()
    session.save()
    CalibrationParticipant.objects.bulk_create(
        CalibrationParticipant(session=session, evaluator=e) for e in evaluators
    )
    return session


def _complete_answers(version: ScorecardVersion, answers: Mapping[int, object]) -> list[tuple]:
    questions = questions_of(version)
    unknown = set(answers) - {q.pk for q in questions}
    if unknown:
        raise ValidationError(_("Some answers are for questions this scorecard does not have."))
    problems, rows = [], []
    for question in questions:
        value = answers.get(question.pk)
        if value is None:
            problems.append(_("“%(question)s” is not answered.") % {"question": question})
        elif not question.spec.allowed(value):
            problems.append(
                _("“%(question)s” cannot be answered like that.") % {"question": question}
            )
        else:
            rows.append((question, value))
    if problems:
        raise ValidationError(problems)
    return rows


@transaction.atomic
def calibration_submit(
    *,
    by: User,
    session: CalibrationSession,
    answers: Mapping[int, object],
    comments: Mapping[int, str] | None = None,
) -> CalibrationParticipant:
    """Submit one's answers, all at once and once: afterwards one sees the others' answers."""
    session = CalibrationSession.objects.select_for_update().get(pk=session.pk)
    participant = (
        CalibrationParticipant.objects.select_for_update()
        .filter(session=session, evaluator=by)
        .first()
    )
    if participant is None:
        raise ValidationError(_("You are not invited to this calibration."))
    if participant.submitted_at is not None:
        raise ValidationError(_("You have submitted your answers already."))
    if session.phase != CalibrationSession.Phase.OPEN:
        raise ValidationError(_("The answers have been revealed; no more answers are taken."))
    comments = comments or {}
    CalibrationAnswer.objects.bulk_create(
        CalibrationAnswer(
            participant=participant,
            question=question,
            value=None if value == scoring.NOT_APPLICABLE else value,
            not_applicable=value == scoring.NOT_APPLICABLE,
            comment=(comments.get(question.pk) or "").strip()[:2000],
        )
        for question, value in _complete_answers(session.version, answers)
    )
    participant.submitted_at = timezone.now()
    participant.save(update_fields=["submitted_at"])
    return participant


@transaction.atomic
def calibration_reveal(*, by: User, session: CalibrationSession) -> CalibrationSession:
    """Reveal once at least two evaluators submitted; who has not submitted by then no longer can."""
    session = CalibrationSession.objects.select_for_update().get(pk=session.pk)
    if session.owner_id != by.pk:
        raise ValidationError(_("Only the session's owner reveals the answers."))
    if session.phase != CalibrationSession.Phase.OPEN:
        raise ValidationError(_("The answers have been revealed already."))
    submitted = session.participants.filter(submitted_at__isnull=False).count()
    if submitted < MIN_EVALUATORS:
        raise ValidationError(
            _("At least two evaluators must submit their answers before they are revealed.")
        )
    session.phase, session.revealed_at = CalibrationSession.Phase.REVEALED, timezone.now()
    session.save(update_fields=["phase", "revealed_at"])
    return session


@transaction.atomic
def calibration_record_benchmark(
    *,
    by: User,
    session: CalibrationSession,
    source: str,
    answers: Mapping[int, object] | None = None,
) -> CalibrationSession:
    """The benchmark: the owner's own submitted answers, or a consensus agreed in the session."""
    session = CalibrationSession.objects.select_for_update().get(pk=session.pk)
    if session.owner_id != by.pk:
        raise ValidationError(_("Only the session's owner records the benchmark."))
    if session.phase == CalibrationSession.Phase.OPEN:
        raise ValidationError(_("Reveal the answers before recording the benchmark."))
    if source == CalibrationSession.BenchmarkSource.OWNER:
        own = CalibrationAnswer.objects.filter(
            participant__session=session,
            participant__evaluator=by,
            participant__submitted_at__isnull=False,
        )
        if not own.exists():
            raise ValidationError(
                {"source": _("You did not submit answers yourself: record a consensus instead.")}
            )
        benchmark = {str(a.question_id): a.scoring_value for a in own}
    elif source == CalibrationSession.BenchmarkSource.CONSENSUS:
        benchmark = {str(q.pk): v for q, v in _complete_answers(session.version, answers or {})}
    else:
        raise ValidationError({"source": _("Choose where the benchmark comes from.")})
    session.benchmark, session.benchmark_source = benchmark, source
    session.phase, session.closed_at = CalibrationSession.Phase.CLOSED, timezone.now()
    session.save(update_fields=["benchmark", "benchmark_source", "phase", "closed_at"])
    _keep_figures(session)
    return session


def _keep_figures(session: CalibrationSession) -> None:
    """Each participant's alignment and leniency against the benchmark, for figures across sessions."""
    questions = questions_of(session.version)
    specs = [q.spec for q in questions]
    weights = calibration_stats.question_weights({q.section.spec for q in questions}, specs)
    benchmark = {int(k): v for k, v in session.benchmark.items()}
    participants = list(session.participants.filter(submitted_at__isnull=False))
    answers = answers_by_participant(session)
    for participant in participants:
        given = answers.get(participant.pk, {})
        participant.alignment = calibration_stats.alignment(specs, weights, given, benchmark)
        participant.leniency = calibration_stats.leniency(specs, given, benchmark).mean
    CalibrationParticipant.objects.bulk_update(participants, ["alignment", "leniency"])
