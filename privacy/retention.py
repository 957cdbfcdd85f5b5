"""Retention: what is past its period goes, in batches; what is inside it stays untouched.

Periods come from `settings.RETENTION_MONTHS`. Each app declares its rules next to its models
(`RETENTION` in `<app>/personal_data.py`, gathered here); each rule is a queryset of what has expired; `apply` deletes (or, for leavers' accounts, anonymises) it in
batches and writes a `RetentionRun` with the counts, never the content.
Records of a quarter whose review is still open are kept until it closes.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.contracts import RetentionRule
from core.periods import months_before
from people.models import AgentProfile, TeamMembership

from . import personal_data
from .models import RetentionRun

BATCH = 1000


def _held(rule: RetentionRule, today) -> QuerySet:
    """What the rule finds expired, minus what an app's hold keeps (a review still open)."""
    expired = rule.expired(today)
    if rule.held_by_open_review is not None:
        agent_field, day_field = rule.held_by_open_review
        for module in personal_data.modules():
            for hold in getattr(module, "RETENTION_HOLDS", []):
                expired = hold(expired, agent_field, day_field)
    return expired


def leavers(today) -> QuerySet:
    """People who left (deactivated, or marked as having left) longer ago than the period, not yet anonymised."""
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

LEAVERS = RetentionRule(
    key="leavers",
    label=_("Leavers"),
    what_happens=_("records deleted and the account anonymised, months after leaving"),
    expired=leavers,
)


def rules() -> list[RetentionRule]:
    """Every app's retention rules (from its `personal_data.py`), then the leavers' last."""
    gathered = [
        rule for module in personal_data.modules() for rule in getattr(module, "RETENTION", [])
    ]
    return [*gathered, *personal_data.RETENTION, LEAVERS]


def __getattr__(name: str):
    """`RULES`, as before the apps declared their own: every rule, gathered now."""
    if name == "RULES":
        return rules()
    raise AttributeError(name)


def preview(today=None) -> dict[str, int]:
    today = today or timezone.localdate()
    return {rule.key: _held(rule, today).count() for rule in rules()}


def apply(*, today=None, dry_run: bool = False) -> RetentionRun:
    today = today or timezone.localdate()
    if dry_run:
        return RetentionRun(dry_run=True, counts=preview(today), finished_at=timezone.now())
    run = RetentionRun.objects.create(dry_run=False)
    counts = {}
    for rule in rules():
        handle = _anonymise_batch if rule is LEAVERS else _delete_batch
        counts[rule.key] = _in_batches(_held(rule, today), handle)
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
    for person in model._base_manager.filter(pk__in=ids):
        for queryset in personal_data.records_about(person):
            queryset.delete()
        person.first_name, person.last_name = "", ""
        person.email = f"former-{person.pk}{ANONYMISED_DOMAIN}"
        person.is_active = False
        person.set_unusable_password()
        person.save(update_fields=["first_name", "last_name", "email", "is_active", "password"])
