"""Retention: what is past its period goes, in batches; what is inside it stays untouched.

Periods come from `settings.RETENTION_MONTHS`. Each rule is a queryset of what
has expired; `apply` deletes (or, for leavers' accounts, anonymises) it in
batches and writes a `RetentionRun` with the counts, never the content.
Records of a quarter whose review is still open are kept until it closes.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import RetentionRun

BATCH = 1000


def months_before(day: date, months: int) -> date:
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    last_day = [
        31,
        29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28,
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ][month - 1]
    return date(year, month, min(day.day, last_day))


def _moment(day: date):
    return timezone.make_aware(timezone.datetime.combine(day, timezone.datetime.min.time()))


@dataclass(frozen=True)
class Rule:
    key: str
    label: str
    what_happens: str
    expired: callable  # (today) -> QuerySet


def _open_review_covers(agent_ref: str, day_ref: str) -> Exists:
    """A review of the agent that is not yet acknowledged, for the quarter containing the record's day."""
    from reviews.models import Review

    return Exists(
        Review.objects.exclude(status=Review.Status.ACKNOWLEDGED).filter(
            agent=OuterRef(agent_ref), cycle__label=OuterRef(day_ref)
        )
    )


def _quarter_label_of(field: str):
    """SQL expression for the 'YYYY-Qn' label of a date or datetime field."""
    from django.db.models import CharField, Value
    from django.db.models.functions import Cast, Concat, ExtractQuarter, ExtractYear

    return Concat(
        Cast(ExtractYear(field), CharField()),
        Value("-Q"),
        Cast(ExtractQuarter(field), CharField()),
        output_field=CharField(),
    )


def _not_under_open_review(queryset: QuerySet, day_field: str) -> QuerySet:
    return queryset.annotate(_quarter=_quarter_label_of(day_field)).exclude(
        _open_review_covers("agent", "_quarter")
    )


def _shared_notes(today):
    from feedback.models import CoachingNote

    cutoff = _moment(months_before(today, settings.RETENTION_MONTHS["coaching_notes"]))
    notes = CoachingNote.objects.filter(shared_at__isnull=False).filter(
        Q(delivered_at__lt=cutoff) | Q(delivered_at__isnull=True, shared_at__lt=cutoff)
    )
    return _not_under_open_review(notes, "observed_at")


def _unshared_notes(today):
    from feedback.models import CoachingNote

    cutoff = _moment(months_before(today, settings.RETENTION_MONTHS["unshared_notes"]))
    return _not_under_open_review(
        CoachingNote.objects.filter(shared_at__isnull=True, feedback_due_at__lt=cutoff),
        "observed_at",
    )


def _reviews(today):
    from reviews.models import Review

    cutoff = months_before(today, settings.RETENTION_MONTHS["reviews"])
    expired_labels = [
        label
        for label in Review.objects.values_list("cycle__label", flat=True).distinct()
        if _quarter_end(label) <= cutoff
    ]
    return Review.objects.filter(cycle__label__in=expired_labels, status=Review.Status.ACKNOWLEDGED)


def _quarter_end(label: str) -> date:
    from people.periods import Quarter

    return Quarter.parse(label).next().first_day


def _kpis(today):
    from kpis.models import KpiRecord

    cutoff = months_before(today, settings.RETENTION_MONTHS["kpis"])
    return _not_under_open_review(KpiRecord.objects.filter(period_start__lt=cutoff), "period_start")


def _qa_evaluations(today):
    """Evaluations of interactions older than the period (drafts too), unless an open review covers them."""
    from qa.models import Evaluation

    cutoff = _moment(months_before(today, settings.RETENTION_MONTHS["qa_evaluations"]))
    return _not_under_open_review(
        Evaluation.objects.filter(interaction_at__lt=cutoff), "interaction_at"
    )


def _qa_calibrations(today):
    from qa.models import CalibrationSession

    cutoff = _moment(months_before(today, settings.RETENTION_MONTHS["qa_calibrations"]))
    return CalibrationSession.objects.filter(interaction_at__lt=cutoff)


def _qa_samples(today):
    """Draws (with their picks) and monthly counts older than the period."""
    from qa.models import SampleDraw

    cutoff = months_before(today, settings.RETENTION_MONTHS["qa_samples"])
    return SampleDraw.objects.filter(week__lt=cutoff)


def _qa_quotas(today):
    from qa.models import EvaluationQuota

    cutoff = months_before(today, settings.RETENTION_MONTHS["qa_samples"])
    return EvaluationQuota.objects.filter(month__lt=cutoff)


def _one_on_ones(today):
    """Meetings (with their points, notes, private notes and action items) older than the period."""
    from one_on_ones.models import Meeting

    cutoff = months_before(today, settings.RETENTION_MONTHS["one_on_ones"])
    return Meeting.objects.filter(scheduled_at__lt=_moment(cutoff))


def _audit(today):
    from audit.models import AccessEvent

    cutoff = _moment(months_before(today, settings.RETENTION_MONTHS["audit"]))
    return AccessEvent.objects.filter(at__lt=cutoff)


def _sign_in_attempts(today):
    """Failed sign-ins (e-mail, address, browser) counted for the lockout, and any sign-in log."""
    from axes.models import AccessAttempt

    cutoff = _moment(months_before(today, settings.RETENTION_MONTHS["sign_in_attempts"]))
    return AccessAttempt.objects.filter(attempt_time__lt=cutoff)


def _notifications(today):
    from notifications.models import Notification

    cutoff = _moment(months_before(today, settings.RETENTION_MONTHS["notifications"]))
    return Notification.objects.filter(created_at__lt=cutoff)


def _objective_proposals(today):
    """Improvement proposals, counted from their answer (or, unanswered, from when they were made)."""
    from objectives.models import Proposal

    cutoff = _moment(months_before(today, settings.RETENTION_MONTHS["objective_proposals"]))
    return Proposal.objects.filter(
        Q(answered_at__lt=cutoff) | Q(answered_at__isnull=True, created_at__lt=cutoff)
    )


def leavers(today) -> QuerySet:
    """People who left (deactivated, or marked as having left) longer ago than the period, not yet anonymised."""
    from people.models import AgentProfile, TeamMembership

    cutoff = months_before(today, settings.RETENTION_MONTHS["leavers"])
    open_membership = TeamMembership.objects.filter(user=OuterRef("pk")).current(today)
    left = Q(is_active=False) | Q(
        Exists(
            AgentProfile.objects.filter(
                user=OuterRef("pk"), employment_status=AgentProfile.EmploymentStatus.LEFT
            )
        )
    )
    return (
        get_user_model()
        .objects.filter(left)
        .exclude(Exists(open_membership))
        .exclude(email__endswith=ANONYMISED_DOMAIN)
        .annotate(left_on=Max("memberships__end"))
        .filter(left_on__lt=cutoff)
    )


ANONYMISED_DOMAIN = "@anonymised.invalid"

RULES = [
    Rule(
        "coaching_notes",
        _("Shared coaching notes"),
        _("deleted, months after the feedback was given"),
        _shared_notes,
    ),
    Rule(
        "unshared_notes",
        _("Unshared coaching notes"),
        _("deleted, months after their feedback window"),
        _unshared_notes,
    ),
    Rule(
        "reviews",
        _("Acknowledged reviews"),
        _("deleted, months after the end of their quarter"),
        _reviews,
    ),
    Rule("kpis", _("Key figures"), _("deleted, months after their period"), _kpis),
    Rule(
        "qa_evaluations",
        _("Quality evaluations"),
        _("deleted with their answers, disputes and score history, months after the interaction"),
        _qa_evaluations,
    ),
    Rule(
        "qa_calibrations",
        _("Calibration sessions"),
        _("deleted with their answers, months after the interaction"),
        _qa_calibrations,
    ),
    Rule(
        "qa_samples",
        _("Draws of contacts to evaluate"),
        _("deleted with their seeds, months after their week"),
        _qa_samples,
    ),
    Rule(
        "qa_quotas",
        _("Monthly counts of evaluations"),
        _("deleted, months after their month"),
        _qa_quotas,
    ),
    Rule(
        "one_on_ones",
        _("One-on-ones"),
        _(
            "deleted with their talking points, shared and private notes and action items, months "
            "after the meeting"
        ),
        _one_on_ones,
    ),
    Rule("audit", _("Access audit"), _("deleted, months after the access"), _audit),
    Rule(
        "sign_in_attempts",
        _("Failed sign-in attempts"),
        _("deleted, months after the attempt"),
        _sign_in_attempts,
    ),
    Rule(
        "notifications",
        _("Notifications"),
        _("deleted, months after they were sent"),
        _notifications,
    ),
    Rule(
        "objective_proposals",
        _("Improvement proposals"),
        _("deleted with their answer, months after the answer (unanswered: after the proposal)"),
        _objective_proposals,
    ),
    Rule(
        "leavers",
        _("Leavers"),
        _("records deleted and the account anonymised, months after leaving"),
        leavers,
    ),
]


def preview(today=None) -> dict[str, int]:
    today = today or timezone.localdate()
    return {rule.key: rule.expired(today).count() for rule in RULES}


def apply(*, today=None, dry_run: bool = False) -> RetentionRun:
    today = today or timezone.localdate()
    if dry_run:
        return RetentionRun(dry_run=True, counts=preview(today), finished_at=timezone.now())
    run = RetentionRun.objects.create(dry_run=False)
    counts = {}
    for rule in RULES:
        handle = _anonymise_batch if rule.key == "leavers" else _delete_batch
        counts[rule.key] = _in_batches(rule.expired(today), handle)
    run.counts, run.finished_at = counts, timezone.now()
    run.save(update_fields=["counts", "finished_at"])
    return run


def _in_batches(queryset: QuerySet, handle) -> int:
    done = 0
    while True:
        ids = list(queryset.values_list("pk", flat=True)[:BATCH])
        if not ids:
            return done
        with transaction.atomic():
            handle(queryset.model, ids)
        done += len(ids)


def _delete_batch(model, ids):
    model._base_manager.filter(pk__in=ids).delete()


def _anonymise_batch(model, ids):
    """A leaver's records about them go; the account stays as an empty shell so history counts stay true."""
    from .personal_data import records_about

    for person in model._base_manager.filter(pk__in=ids):
        for queryset in records_about(person):
            queryset.delete()
        person.first_name, person.last_name = "", ""
        person.email = f"former-{person.pk}{ANONYMISED_DOMAIN}"
        person.is_active = False
        person.set_unusable_password()
        person.save(update_fields=["first_name", "last_name", "email", "is_active", "password"])
