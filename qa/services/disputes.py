"""Disputes: the agent disputes the answer to one question, within the deadline, with a reason and
the answer they propose; someone who may decide accepts, partly accepts (rescores) or rejects it, with
a reason. A changed answer changes the score, and the score history keeps every version."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.i18n import local_datetime
from people.models import User

from ..models import Answer, Dispute, Evaluation, Question
from ..selectors.evaluations import questions_of, rights
from .evaluations import as_decimal_share, record_score_version, score_of

OUTCOMES = (Dispute.State.ACCEPTED, Dispute.State.PARTLY, Dispute.State.REJECTED)


def _as_answer(question: Question, value: int | str | None) -> tuple[int | None, bool]:
    """(value, N/A) of an answer the question allows; ValidationError for any other."""
    if value is None or not question.spec.allowed(value):
        raise ValidationError(
            {"proposed": _("Choose an answer that “%(question)s” allows.") % {"question": question}}
        )
    if isinstance(value, int):
        return value, False
    return None, True  # N/A, the only other answer a question allows


@transaction.atomic
def dispute_raise(
    *, by: User, evaluation: Evaluation, question: Question, reason: str, proposed: int | str | None
) -> Dispute:
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    if not rights(by, evaluation).may_dispute:
        raise ValidationError(_("Only the agent disputes an evaluation shared with them."))
    if timezone.now() > evaluation.dispute_deadline:
        raise ValidationError(
            _("The time to dispute this evaluation ended on %(day)s.")
            % {"day": local_datetime(evaluation.dispute_deadline)}
        )
    if question.section.version_id != evaluation.version_id:
        raise ValidationError(_("This question is not part of the evaluation."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Please give the reason for your dispute.")})
    value, na = _as_answer(question, proposed)
    answer = Answer.objects.filter(evaluation=evaluation, question=question).first()
    current = (answer.value, answer.not_applicable) if answer else (None, False)
    if (value, na) == current:
        raise ValidationError({"proposed": _("Propose an answer other than the one given.")})
    already = ValidationError(_("This question has been disputed already."))
    if Dispute.objects.filter(evaluation=evaluation, question=question).exists():
        raise already
    dispute = Dispute(
        evaluation=evaluation,
        question=question,
        raised_by=by,
        reason=reason,
        original_value=current[0],
        original_na=current[1],
        proposed_value=value,
        proposed_na=na,
    )
    dispute.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            dispute.save()
    except IntegrityError as error:
        raise already from error
    return dispute


@transaction.atomic
def dispute_decide(
    *, by: User, dispute: Dispute, outcome: str, reason: str, value: int | str | None = None
) -> Dispute:
    """Accept (the proposed answer), partly accept (`value`, another answer) or reject, with a reason."""
    dispute = (
        Dispute.objects.select_for_update().select_related("question__section").get(pk=dispute.pk)
    )
    evaluation = Evaluation.objects.select_for_update().get(pk=dispute.evaluation_id)
    if not rights(by, evaluation).may_decide_disputes:
        raise ValidationError(_("You may not decide this dispute."))
    if not dispute.is_open:
        raise ValidationError(_("This dispute has been decided already."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Please give the reason for the decision.")})
    if outcome not in OUTCOMES:
        raise ValidationError({"outcome": _("Choose accept, partly accept or reject.")})
    original = (dispute.original_value, dispute.original_na)
    if outcome == Dispute.State.ACCEPTED:
        final = (dispute.proposed_value, dispute.proposed_na)
    elif outcome == Dispute.State.PARTLY:
        final = _as_answer(dispute.question, value)
        if final in (original, (dispute.proposed_value, dispute.proposed_na)):
            raise ValidationError(
                {
                    "value": _(
                        "A partly accepted dispute gets an answer between the given and the proposed "
                        "one; to keep or take either, reject or accept."
                    )
                }
            )
    else:
        final = original
    dispute.state, dispute.decided_by, dispute.decided_at = outcome, by, timezone.now()
    dispute.decision_reason = reason
    dispute.final_value, dispute.final_na = final
    dispute.full_clean(validate_constraints=False)
    dispute.save()
    if final != original:
        _rescore(evaluation, dispute, final, by=by)
    return dispute


def _rescore(
    evaluation: Evaluation, dispute: Dispute, final: tuple[int | None, bool], *, by: User
) -> None:
    value, na = final
    question = dispute.question
    share = None if na or value is None else as_decimal_share(question.spec.share(value))
    Answer.objects.update_or_create(
        evaluation=evaluation,
        question=question,
        defaults={
            "value": value,
            "not_applicable": na,
            "share": share,
        },
    )
    answers = list(evaluation.answers.all())
    result = score_of(
        evaluation.version,
        {a.question_id: a.scoring_value for a in answers},
        questions_of(evaluation.version),
    )
    evaluation.score, evaluation.failed_all = result.percent, result.failed_all
    evaluation.save(update_fields=["score", "failed_all"])
    record_score_version(
        evaluation,
        by=by,
        reason=_("Dispute on “%(question)s” %(outcome)s")
        % {"question": question, "outcome": dispute.get_state_display().lower()},
        answers=answers,
    )
