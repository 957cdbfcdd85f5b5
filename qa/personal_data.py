"""Quality evaluations, disputes, draws and calibrations: the app's personal data, gathered by `privacy` (see `core.contracts.PersonalDataModule`)."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.contracts import PersonalDataSource as Source
from core.contracts import RegisterEntry, RetentionRule
from core.periods import moment, months_before

from .models import CalibrationSession, Evaluation, EvaluationQuota, SampleDraw
from .selectors.evaluations import visible_to


def _evaluations_seen(person, rows):
    """What the policy lets the person see now: a draft is its evaluator's alone until shared."""
    return rows.filter(pk__in=visible_to(person).values("pk"))


def _of_evaluations_seen(person, rows):
    return rows.filter(evaluation__in=visible_to(person).values("pk"))


def _qa_evaluations(today):
    """Evaluations of interactions older than the period (drafts too), unless an open review covers them."""
    cutoff = moment(months_before(today, settings.RETENTION_MONTHS["qa_evaluations"]))
    return Evaluation.objects.filter(interaction_at__lt=cutoff)


def _qa_calibrations(today):
    cutoff = moment(months_before(today, settings.RETENTION_MONTHS["qa_calibrations"]))
    return CalibrationSession.objects.filter(interaction_at__lt=cutoff)


def _qa_samples(today):
    """Draws (with their picks) and monthly counts older than the period."""
    cutoff = months_before(today, settings.RETENTION_MONTHS["qa_samples"])
    return SampleDraw.objects.filter(week__lt=cutoff)


def _qa_quotas(today):
    cutoff = months_before(today, settings.RETENTION_MONTHS["qa_samples"])
    return EvaluationQuota.objects.filter(month__lt=cutoff)


SOURCES = [
    Source(
        "qa.Evaluation",
        "agent",
        _("quality evaluations of your contacts, once shared with you"),
        about=True,
        visible=_evaluations_seen,
    ),
    Source(
        "qa.Evaluation",
        "evaluator",
        _("quality evaluations written by you"),
        visible=_evaluations_seen,
    ),
    Source(
        "qa.Answer",
        "evaluation__agent",
        _("answers in evaluations of your contacts"),
        about=True,
        visible=_of_evaluations_seen,
    ),
    Source(
        "qa.Answer",
        "evaluation__evaluator",
        _("answers you gave as evaluator"),
        visible=_of_evaluations_seen,
    ),
    Source(
        "qa.ScoreVersion",
        "evaluation__agent",
        _("every score the evaluations of your contacts had"),
        about=True,
        visible=_of_evaluations_seen,
    ),
    Source(
        "qa.ScoreVersion", "changed_by", _("scores changed by you"), visible=_of_evaluations_seen
    ),
    Source("qa.Dispute", "raised_by", _("your disputes of evaluations"), about=True),
    Source(
        "qa.Dispute",
        "evaluation__agent",
        _("disputes on evaluations of your contacts"),
        visible=_of_evaluations_seen,
    ),
    Source("qa.Dispute", "decided_by", _("disputes decided by you")),
    Source(
        "qa.EvaluationQuota",
        "agent",
        _("how many of your contacts were evaluated per month"),
        about=True,
    ),
    Source("qa.SampleItem", "agent", _("your contacts drawn for evaluation"), about=True),
    Source("qa.SampleDraw", "drawn_by", _("draws of contacts made by you")),
    Source(
        "qa.CalibrationSession",
        "agent",
        _("calibration sessions on one of your contacts (never their results)"),
        omit=("benchmark",),
        about=True,
    ),
    Source("qa.CalibrationSession", "owner", _("calibration sessions you ran")),
    Source("qa.CalibrationParticipant", "evaluator", _("calibration sessions you took part in")),
    Source("qa.CalibrationAnswer", "participant__evaluator", _("your answers in calibrations")),
    Source("qa.Scorecard", "created_by", _("scorecards you created")),
    Source("qa.ScorecardVersion", "created_by", _("scorecard versions you made")),
]

RETENTION = [
    RetentionRule(
        key="qa_evaluations",
        label=_("Quality evaluations"),
        what_happens=_(
            "deleted with their answers, disputes and score history, months after the interaction"
        ),
        expired=_qa_evaluations,
        held_by_open_review=("agent", "interaction_at"),
    ),
    RetentionRule(
        key="qa_calibrations",
        label=_("Calibration sessions"),
        what_happens=_("deleted with their answers, months after the interaction"),
        expired=_qa_calibrations,
    ),
    RetentionRule(
        key="qa_samples",
        label=_("Draws of contacts to evaluate"),
        what_happens=_("deleted with their seeds, months after their week"),
        expired=_qa_samples,
    ),
    RetentionRule(
        key="qa_quotas",
        label=_("Monthly counts of evaluations"),
        what_happens=_("deleted, months after their month"),
        expired=_qa_quotas,
    ),
]

REGISTER = RegisterEntry(
    title=_("Quality evaluations of customer contacts"),
    purpose=_(
        "Coaching from evaluations of single recorded contacts against a scorecard, within the "
        "limits of the works agreement (a cap of evaluations per agent and month, contacts "
        "drawn at random with a stored seed); disputes; calibration of the evaluators."
    ),
    recipients=_(
        "A draft: its evaluator alone. Shared: the "
        "agent, their current leads, the QA specialists assigned to their team, HR. Calibration "
        "sessions: their owner, participants and HR, never the agent."
    ),
)
