"""Evaluations of one customer interaction: start (within the monthly cap), answer, share,
acknowledge, and the feedback on their improvement items within the feedback window."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core import events
from feedback.window import feedback_due_at
from people import access
from people.models import User

from .. import scoring
from ..models import (
    Answer,
    Evaluation,
    EvaluationQuota,
    Question,
    SampleItem,
    ScorecardVersion,
    ScoreVersion,
    Status,
)
from ..selectors.evaluations import questions_of, rights


@dataclass(frozen=True)
class AnswerInput:
    value: int | str | None  # an answer the question allows, scoring.NOT_APPLICABLE, or None (open)
    comment: str = ""
    improvement: bool = False


def month_of(moment: datetime) -> date:
    return timezone.localdate(moment).replace(day=1)


def week_of(moment: datetime) -> date:
    day = timezone.localdate(moment)
    return day - timedelta(days=day.weekday())


def claim_quota(agent_id: int, month: date) -> bool:
    """Count one more evaluation of the agent's interactions of `month`, unless the works agreement's
    cap is reached: one conditional UPDATE, so two evaluators at the same moment cannot both pass."""
    EvaluationQuota.objects.bulk_create(
        [EvaluationQuota(agent_id=agent_id, month=month)], ignore_conflicts=True
    )
    return bool(
        EvaluationQuota.objects.filter(
            agent_id=agent_id, month=month, used__lt=settings.QA_MAX_PER_MONTH
        ).update(used=F("used") + 1)
    )


def release_quota(agent_id: int, month: date) -> None:
    EvaluationQuota.objects.filter(agent_id=agent_id, month=month, used__gt=0).update(
        used=F("used") - 1
    )


def is_current(version: ScorecardVersion) -> bool:
    latest = ScorecardVersion.objects.filter(scorecard_id=version.scorecard_id).order_by("-number")
    return latest.values_list("pk", flat=True).first() == version.pk


def check_interaction(*, version: ScorecardVersion, channel: str, interaction_at: datetime) -> None:
    """A scorecard that is current and covers the channel; a plausible moment of the interaction."""
    if version.scorecard.is_retired or not is_current(version):
        raise ValidationError(
            {
                "version": _(
                    "Choose a current scorecard: this one is retired or has a newer version."
                )
            }
        )
    if not version.channels.filter(code=channel).exists():
        raise ValidationError(
            {
                "channel": _(
                    "The scorecard “%(scorecard)s” does not cover this channel. Choose a scorecard "
                    "for the channel of the interaction."
                )
                % {"scorecard": version.scorecard}
            }
        )
    now = timezone.now()
    if interaction_at > now:
        raise ValidationError({"interaction_at": _("The interaction cannot be in the future.")})
    if interaction_at < now - timedelta(days=settings.QA_INTERACTION_MAX_AGE_DAYS):
        raise ValidationError(
            {
                "interaction_at": _(
                    "Interactions older than %(days)s days are not evaluated any more."
                )
                % {"days": settings.QA_INTERACTION_MAX_AGE_DAYS}
            }
        )


@transaction.atomic
def evaluation_start(
    *,
    evaluator: User,
    agent: User,
    version: ScorecardVersion,
    reference: str,
    channel: str,
    interaction_at: datetime,
    link: str = "",
    duration_seconds: int | None = None,
    blind: bool | None = None,
    sample_item: SampleItem | None = None,
) -> Evaluation:
    """A draft evaluation of one interaction, counted against the agent's monthly cap."""
    if not access.agents_evaluable_by(evaluator).filter(pk=agent.pk).exists():
        raise ValidationError(
            _("You can evaluate contacts of the agents of your teams or your QA assignment only.")
        )
    check_interaction(version=version, channel=channel, interaction_at=interaction_at)
    reference = (reference or "").strip()
    duplicate = ValidationError(
        {"reference": _("This interaction of the agent has been evaluated already.")}
    )
    if Evaluation.objects.filter(agent=agent, channel=channel, reference=reference).exists():
        raise duplicate
    month = month_of(interaction_at)
    if not claim_quota(agent.pk, month):
        raise ValidationError(
            _(
                "%(agent)s already has %(cap)s evaluations of interactions from %(month)s, the most "
                "the works agreement allows."
            )
            % {
                "agent": agent,
                "cap": settings.QA_MAX_PER_MONTH,
                "month": date_format(month, "YEAR_MONTH_FORMAT"),
            }
        )
    if blind is None:
        blind = sample_item.draw.blind if sample_item else settings.QA_BLIND_EVALUATION
    evaluation = Evaluation(
        agent=agent,
        evaluator=evaluator,
        version=version,
        reference=reference,
        channel=channel,
        interaction_at=interaction_at,
        interaction_week=week_of(interaction_at),
        link=link,
        duration_seconds=duration_seconds,
        blind=blind,
    )
    evaluation.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            evaluation.save()
    except IntegrityError as error:  # the same interaction, started a moment ago by someone else
        raise duplicate from error
    if sample_item is not None:
        SampleItem.objects.filter(pk=sample_item.pk, evaluation__isnull=True).update(
            evaluation=evaluation
        )
    return evaluation


def _require_edit(by: User, evaluation: Evaluation) -> None:
    if not rights(by, evaluation).may_edit:
        raise ValidationError(_("Only its evaluator changes a draft evaluation."))


def score_of(
    version: ScorecardVersion,
    answers: Mapping[int, int | str],
    questions: list[Question] | None = None,
) -> scoring.Result:
    questions = questions if questions is not None else questions_of(version)
    sections = {q.section_id: q.section for q in questions}
    return scoring.score(
        [s.spec for s in sorted(sections.values(), key=lambda s: (s.position, s.pk))],
        [q.spec for q in questions],
        answers,
        bonus_cap=settings.QA_BONUS_CAP,
    )


def _checked_answers(questions: list[Question], answers: Mapping[int, AnswerInput]) -> None:
    by_id = {q.pk: q for q in questions}
    unknown = set(answers) - set(by_id)
    if unknown:
        raise ValidationError(_("Some answers are for questions this scorecard does not have."))
    problems = []
    for question_id, answer in answers.items():
        question = by_id[question_id]
        if answer.value is not None and not question.spec.allowed(answer.value):
            problems.append(
                _("“%(question)s” cannot be answered like that.") % {"question": question}
            )
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def evaluation_save_answers(
    *, by: User, evaluation: Evaluation, answers: Mapping[int, AnswerInput], summary: str = ""
) -> Evaluation:
    """Replace the draft's answers and summary; the score so far is kept with it."""
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    _require_edit(by, evaluation)
    questions = questions_of(evaluation.version)
    _checked_answers(questions, answers)
    evaluation.answers.all().delete()
    by_id = {q.pk: q for q in questions}
    rows = []
    for question_id, answer in answers.items():
        row = _answer_row(evaluation, by_id[question_id], answer)
        if row is not None:
            rows.append(row)
    Answer.objects.bulk_create(rows)
    result = score_of(
        evaluation.version,
        {r.question_id: r.scoring_value for r in rows},
        questions,
    )
    evaluation.summary = summary
    evaluation.score, evaluation.failed_all = result.percent, result.failed_all
    evaluation.full_clean(validate_constraints=False)
    evaluation.save(update_fields=["summary", "score", "failed_all"])
    return evaluation


def _answer_row(evaluation: Evaluation, question: Question, answer: AnswerInput) -> Answer | None:
    comment = (answer.comment or "").strip()
    if answer.value is None and not comment and not answer.improvement:
        return None
    na = answer.value == scoring.NOT_APPLICABLE
    value = None if na or isinstance(answer.value, str) else answer.value
    row = Answer(
        evaluation=evaluation,
        question=question,
        value=value,
        not_applicable=na,
        share=None if value is None else as_decimal_share(question.spec.share(value)),
        comment=comment,
        improvement=answer.improvement,
    )
    row.full_clean(exclude=["evaluation", "question"], validate_constraints=False)
    return row


@transaction.atomic
def evaluation_share(*, by: User, evaluation: Evaluation) -> Evaluation:
    """Share with the agent: every question answered (or N/A), the score fixed as its first version;
    improvement items open the feedback window, due one window after sharing."""
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    _require_edit(by, evaluation)
    questions = questions_of(evaluation.version)
    answers = {a.question_id: a for a in evaluation.answers.all()}
    open_questions = [q for q in questions if answers.get(q.pk) is None or _is_open(answers[q.pk])]
    if open_questions:
        raise ValidationError(
            _(
                "Answer every question before sharing (N/A where it is allowed). Still open: %(list)s"
            )
            % {"list": "; ".join(str(q) for q in open_questions[:5])}
        )
    result = score_of(
        evaluation.version, {qid: a.scoring_value for qid, a in answers.items()}, questions
    )
    if result.percent is None:
        raise ValidationError(
            _(
                "At least one question must be answered (not N/A) for the evaluation to have a score."
            )
        )
    now = timezone.now()
    evaluation.status, evaluation.shared_at = Status.SHARED, now
    evaluation.score, evaluation.failed_all = result.percent, result.failed_all
    if any(a.improvement for a in answers.values()):
        evaluation.feedback_due_at = feedback_due_at(now)
    evaluation.save(update_fields=["status", "shared_at", "score", "failed_all", "feedback_due_at"])
    record_score_version(evaluation, by=by, reason=_("Shared"), answers=answers.values())
    events.publish(
        events.EVALUATION_SHARED,
        subject=("evaluation", evaluation.pk),
        agent_id=evaluation.agent_id,
        data={"shared_at": now},
    )
    return evaluation


def as_decimal_share(share: Fraction) -> Decimal:
    return (Decimal(share.numerator) / Decimal(share.denominator)).quantize(Decimal("0.0001"))


def _is_open(answer: Answer) -> bool:
    return answer.value is None and not answer.not_applicable


def record_score_version(
    evaluation: Evaluation, *, by: User, reason: str, answers: Iterable[Answer]
) -> ScoreVersion:
    """Append the score as it is now, with the answers that made it."""
    last = evaluation.score_history.order_by("-number").values_list("number", flat=True).first()
    return ScoreVersion.objects.create(
        evaluation=evaluation,
        number=(last or 0) + 1,
        score=evaluation.score,
        answers={str(a.question_id): a.scoring_value for a in answers},
        reason=reason[:300],
        changed_by=by,
    )


@transaction.atomic
def evaluation_delete(*, by: User, evaluation: Evaluation) -> None:
    """Drop a draft; its place under the monthly cap is free again."""
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    _require_edit(by, evaluation)
    release_quota(evaluation.agent_id, month_of(evaluation.interaction_at))
    evaluation.delete()


@transaction.atomic
def evaluation_acknowledge(*, by: User, evaluation: Evaluation, comment: str = "") -> Evaluation:
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    if not rights(by, evaluation).may_acknowledge:
        raise ValidationError(_("Only the agent acknowledges an evaluation shared with them."))
    if evaluation.acknowledged_at is None:
        evaluation.acknowledged_at = timezone.now()
        evaluation.status = Status.ACKNOWLEDGED
    if comment.strip():
        evaluation.agent_comment = comment.strip()
    evaluation.full_clean(validate_constraints=False)
    evaluation.save(update_fields=["acknowledged_at", "status", "agent_comment"])
    return evaluation


@transaction.atomic
def evaluation_record_feedback(
    *, by: User, evaluation: Evaluation, method: str, given_at: datetime | None = None
) -> Evaluation:
    """The feedback on the improvement items was given (in the window or late: both are recorded)."""
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    if not rights(by, evaluation).may_record_feedback:
        raise ValidationError(_("You may not record feedback on this evaluation."))
    if evaluation.feedback_due_at is None:
        raise ValidationError(_("This evaluation has no improvement items to give feedback on."))
    given_at = given_at or timezone.now()
    if given_at > timezone.now():
        raise ValidationError({"given_at": _("The feedback cannot be given in the future.")})
    if evaluation.shared_at is None or given_at < evaluation.shared_at:
        raise ValidationError(
            {"given_at": _("The feedback cannot have been given before the evaluation was shared.")}
        )
    if method not in Evaluation.FeedbackMethod.values:
        raise ValidationError({"method": _("Please say how the feedback was given.")})
    evaluation.feedback_given_at, evaluation.feedback_method = given_at, method
    evaluation.save(update_fields=["feedback_given_at", "feedback_method"])
    return evaluation
