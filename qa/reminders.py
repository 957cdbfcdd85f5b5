"""Reminders of the feedback due on a shared evaluation's improvement items ("to coach").

Sharing an evaluation with items marked "to coach" opens the same feedback window as an observation
(`feedback.window`: three days by default, optionally working days). Like a coaching note's window it is
reminded through the notification ledger, each (kind, evaluation, recipient) exactly once:

- closing: the last 24 hours of the window (in working-days mode from the start of the last working day
  before it ends) while the feedback is not recorded as given;
- missed: the window has passed and the feedback is still not recorded (up to MISSED_LOOKBACK later).

Who is reminded is the policy's rule (`access.qa_feedback_reminder_recipients`): the evaluator while
they may still evaluate the agent, otherwise the agent's active leads now. Never about an agent who
left, nothing once the feedback is recorded, nothing while the works agreement switches QA off.
Three queries per sweep (the evaluations, the agents' teams and their leads).

An open dispute is reminded once (DISPUTE_OPEN) to whoever may decide it
(`access.open_dispute_deciders`) when it has been open QA_DISPUTE_REMINDER_DAYS (up to DISPUTE_LOOKBACK
later): never once it is decided, never about an agent who left. Four queries more (the disputes, the
agents' teams and their leads, active HR), whatever their number.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet
from django.urls import reverse_lazy

from core.contracts import Reminder
from feedback.window import closing_reminder_at
from notifications.models import ReminderLedger
from people import access
from people.models import AgentProfile, User
from people.selectors import active_hr, current_leads_by_agent

from .models import SHARED_STATUSES, Dispute, Evaluation

CLOSING = "qa_feedback_closing"
MISSED = "qa_feedback_missed"
DISPUTE_OPEN = "qa_dispute_open"
# Disputes open longer than QA_DISPUTE_REMINDER_DAYS plus this were reminded about when they were due.
DISPUTE_LOOKBACK = timedelta(days=30)
# Missed windows older than this are not reminded about any more (they were, when they happened).
MISSED_LOOKBACK = timedelta(days=30)
# In working-days mode "closing" fires on the last working day before the due day: at most this far
# ahead across weekends and public holidays.
WORKING_DAYS_LOOKAHEAD = timedelta(days=14)


def due_reminders(now: datetime) -> list[Reminder]:
    if not access.qa_is_on():
        return []
    waiting = _waiting()
    lookahead = (
        WORKING_DAYS_LOOKAHEAD if settings.FEEDBACK_WINDOW_WORKING_DAYS else timedelta(hours=24)
    )
    closing = [
        evaluation
        for evaluation in waiting.filter(
            feedback_due_at__gt=now, feedback_due_at__lte=now + lookahead
        ).exclude(_done_with_evaluator(CLOSING))
        if evaluation.feedback_due_at is not None
        and closing_reminder_at(evaluation.feedback_due_at) <= now
    ]
    missed = list(
        waiting.filter(feedback_due_at__lte=now, feedback_due_at__gt=now - MISSED_LOOKBACK).exclude(
            _done_with_evaluator(MISSED)
        )
    )
    orphaned = {e.agent_id for e in closing + missed if not e.evaluator_evaluates_agent}
    leads = current_leads_by_agent(orphaned, active_only=True) if orphaned else {}
    reminders = []
    for kind, evaluations in ((CLOSING, closing), (MISSED, missed)):
        for evaluation in evaluations:
            for recipient in access.qa_feedback_reminder_recipients(
                evaluator=evaluation.evaluator,
                evaluator_evaluates_agent=evaluation.evaluator_evaluates_agent,
                current_leads=leads.get(evaluation.agent_id, []),
            ):
                reminders.append(_reminder(kind, evaluation, recipient))
    return reminders + _dispute_reminders(now)


def _dispute_reminders(now: datetime) -> list[Reminder]:
    due_since = now - timedelta(days=settings.QA_DISPUTE_REMINDER_DAYS)
    disputes = list(
        _open_disputes().filter(
            raised_at__lte=due_since, raised_at__gt=due_since - DISPUTE_LOOKBACK
        )
    )
    if not disputes:
        return []
    agent_ids = {dispute.evaluation.agent_id for dispute in disputes}
    leads = current_leads_by_agent(agent_ids, active_only=True)
    hr = active_hr()
    reminders = []
    for dispute in disputes:
        evaluation = dispute.evaluation
        for recipient in access.open_dispute_deciders(
            evaluator=evaluation.evaluator,
            evaluator_evaluates_agent=dispute.evaluator_evaluates_agent,
            current_leads=leads.get(evaluation.agent_id, []),
            hr=hr,
        ):
            reminders.append(_dispute_reminder(dispute, recipient))
    return reminders


def _open_disputes() -> QuerySet[Dispute]:
    """Open disputes about agents still with us, each with `evaluator_evaluates_agent` (the policy's
    rule, in the same query)."""
    return (
        Dispute.objects.filter(
            state=Dispute.State.OPEN,
            evaluation__status__in=SHARED_STATUSES,
            evaluation__agent__is_active=True,
        )
        .exclude(evaluation__agent__profile__employment_status=AgentProfile.EmploymentStatus.LEFT)
        .select_related(
            "question",
            "evaluation__agent",
            "evaluation__evaluator",
            "evaluation__version__scorecard",
        )
        .annotate(
            evaluator_evaluates_agent=ExpressionWrapper(
                access.evaluator_evaluates_agent_now(
                    evaluator_field="evaluation__evaluator", agent_field="evaluation__agent"
                ),
                output_field=BooleanField(),
            )
        )
        .order_by("raised_at", "id")
    )


def _dispute_reminder(dispute: Dispute, recipient: User) -> Reminder:
    evaluation = dispute.evaluation
    return Reminder(
        kind=DISPUTE_OPEN,
        subject=dispute,
        recipient=recipient,
        template=f"qa/reminders/{DISPUTE_OPEN}",
        url=reverse_lazy("qa:evaluation", args=[evaluation.pk]),  # worked out only when sent
        context={
            "dispute": dispute,
            "evaluation": evaluation,
            "question": dispute.question,  # named in the recipient's language
            "agent_name": str(evaluation.agent),
            "evaluator_name": str(evaluation.evaluator or ""),
            "scorecard": evaluation.version.scorecard,
        },
    )


def _waiting() -> QuerySet[Evaluation]:
    """Shared evaluations whose feedback is due and not recorded, about agents still with us, each with
    `evaluator_evaluates_agent` (the policy's rule, in the same query)."""
    return (
        Evaluation.objects.filter(
            status__in=SHARED_STATUSES,
            feedback_due_at__isnull=False,
            feedback_given_at__isnull=True,
            agent__is_active=True,
        )
        .exclude(agent__profile__employment_status=AgentProfile.EmploymentStatus.LEFT)
        .select_related("agent", "evaluator", "version__scorecard")
        .annotate(
            evaluator_evaluates_agent=ExpressionWrapper(
                access.evaluator_evaluates_agent_now(), output_field=BooleanField()
            )
        )
        .order_by("feedback_due_at", "id")
    )


def _done_with_evaluator(kind: str) -> Q:
    """The evaluation's reminder goes to its evaluator and the ledger is done with it (its e-mail is no
    longer pending): such an evaluation would change nothing in the sweep, so it is not read at all."""
    done = ReminderLedger.objects.filter(
        kind=kind,
        content_type=ContentType.objects.get_for_model(Evaluation),
        object_id=OuterRef("pk"),
        recipient_id=OuterRef("evaluator_id"),
    ).exclude(email_state=ReminderLedger.EmailState.PENDING)
    return Q(Exists(done)) & access.evaluator_evaluates_agent_now()


def _reminder(kind: str, evaluation: Evaluation, recipient: User) -> Reminder:
    return Reminder(
        kind=kind,
        subject=evaluation,
        recipient=recipient,
        template=f"qa/reminders/{kind}",
        url=reverse_lazy("qa:evaluation", args=[evaluation.pk]),  # worked out only when sent
        context={
            "evaluation": evaluation,
            "agent_name": str(evaluation.agent),
            "evaluator_name": str(evaluation.evaluator or ""),
            "inherited": recipient.pk != evaluation.evaluator_id,
            "scorecard": evaluation.version.scorecard,
            "working_days": settings.FEEDBACK_WINDOW_WORKING_DAYS,
        },
    )
