"""The reminder ledger's statements: each a conditional update that only the holder of a claim can win.

Every function here is idempotent, so that `resilient` may run it again after
the database connection broke (a statement whose commit was lost in transit
finds its work already done and changes nothing).
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import wraps

from django.db import InterfaceError, OperationalError, ProgrammingError, connection, transaction
from django.db.models import DurationField, Exists, F, OuterRef, Q, Value
from django.db.models.functions import Coalesce, Now

from .models import Notification, ReminderLedger

logger = logging.getLogger(__name__)

State = ReminderLedger.EmailState
Key = tuple  # (kind, content_type_id, object_id, recipient_id)
CONNECTION_LOST = (OperationalError, InterfaceError, ProgrammingError)


def resilient(function):
    """Run again once on a fresh connection when the database connection was lost."""

    @wraps(function)
    def wrapper(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except CONNECTION_LOST:
            if connection.in_atomic_block:
                raise
            logger.warning(
                "database connection lost during %s; reconnecting once",
                function.__name__,
                exc_info=True,
            )
            connection.close()
            return function(*args, **kwargs)

    return wrapper


def _durable() -> None:
    """Make this transaction's commit wait for the disk (PostgreSQL's default, stated for clarity)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO ON")


def _asynchronous() -> None:
    """Let this transaction's commit return before its WAL reaches the disk (PostgreSQL only).

    Used for the outcome of an e-mail only: an outcome lost in a database crash leaves
    its row "being sent", which the next sweep treats as unconfirmed and never resends.
    A later durable commit (the next "being sent" mark) flushes it with it. SET LOCAL
    keeps the setting inside the transaction, so it is safe behind PgBouncer too.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def _lease(seconds: float):
    return Now() + Value(timedelta(seconds=seconds), output_field=DurationField())


def _claim_free() -> Q:
    return Q(claimed_until__isnull=True) | Q(claimed_until__lt=Now())


@dataclass(frozen=True)
class Row:
    id: int
    email_state: str
    email_attempts: int
    notified_at: datetime | None
    email_next_attempt_at: datetime | None
    email_due_since: datetime | None

    def is_due(self, now: datetime) -> bool:
        """Its bell has not rung yet, or its next e-mail attempt has come."""
        return self.email_state == State.PENDING and (
            self.notified_at is None
            or (self.email_next_attempt_at is not None and self.email_next_attempt_at <= now)
        )


@resilient
def rows_for(keys: list[Key]) -> dict[Key, Row]:
    """The ledger rows of the given keys, in one query."""
    if not keys:
        return {}
    wanted = set(keys)
    candidates = ReminderLedger.objects.filter(
        kind__in={k[0] for k in keys},
        object_id__in={k[2] for k in keys},
        recipient_id__in={k[3] for k in keys},
    ).values_list(
        "kind",
        "content_type_id",
        "object_id",
        "recipient_id",
        "pk",
        "email_state",
        "email_attempts",
        "notified_at",
        "email_next_attempt_at",
        "email_due_since",
    )
    return {tuple(r[:4]): Row(*r[4:]) for r in candidates if tuple(r[:4]) in wanted}


@resilient
def create(keys: list[Key], now: datetime) -> None:
    """Ledger rows for reminders due for the first time; a row a concurrent sweep created wins."""
    ReminderLedger.objects.bulk_create(
        [
            ReminderLedger(
                kind=kind,
                content_type_id=ct,
                object_id=oid,
                recipient_id=rid,
                email_due_since=now,
                email_next_attempt_at=now,
            )
            for kind, ct, oid, rid in keys
        ],
        ignore_conflicts=True,
    )


@resilient
def claim(
    ids: list[int], *, token: str, lease_seconds: float, now: datetime, bells: dict
) -> tuple[dict, list]:
    """Claim the rows for this sweep and ring the bell of those that never rang, in one transaction.

    Only a row whose claim is free (never claimed, released, or its lease run out
    by the database's clock) and that is due (new, or its next e-mail attempt has
    come) can be claimed. `bells` maps row id → Notification (unsaved) to create
    if the row has none. Returns ({row id: e-mail attempts so far}, the created bells).
    """
    with transaction.atomic():
        (
            ReminderLedger.objects.filter(pk__in=ids, email_state=State.PENDING)
            .filter(_claim_free())
            .filter(Q(notified_at__isnull=True) | Q(email_next_attempt_at__lte=now))
            .update(
                claimed_by=token,
                claimed_until=_lease(lease_seconds),
                notified_at=Coalesce(F("notified_at"), Value(now)),
            )
        )
        claimed = list(
            ReminderLedger.objects.filter(pk__in=ids, claimed_by=token, email_state=State.PENDING)
            .annotate(has_bell=Exists(Notification.objects.filter(reminder=OuterRef("pk"))))
            .values_list("pk", "email_attempts", "has_bell")
        )
        new_bells = [
            bells[pk] for pk, _attempts, has_bell in claimed if not has_bell and pk in bells
        ]
        Notification.objects.bulk_create(new_bells)
    return {pk: attempts for pk, attempts, _has_bell in claimed}, new_bells


@resilient
def mark_sending(ids: list[int], *, token: str) -> dict[int, int]:
    """Re-check the claim and mark the rows as being sent, durably, before any mail server is contacted.

    Returns {row id: number of this attempt} for the rows still ours; a row whose
    lease ran out, or that another sweep took over, is not returned and not sent.
    """
    with transaction.atomic():
        _durable()
        ReminderLedger.objects.filter(
            pk__in=ids, claimed_by=token, email_state=State.PENDING, claimed_until__gt=Now()
        ).update(email_state=State.SENDING, email_attempts=F("email_attempts") + 1)
        return dict(
            ReminderLedger.objects.filter(
                pk__in=ids, claimed_by=token, email_state=State.SENDING
            ).values_list("pk", "email_attempts")
        )


def _outcome(pk: int, token: str, **changes) -> int:
    rows = ReminderLedger.objects.filter(
        pk=pk, claimed_by=token, email_state__in=[State.SENDING, State.UNCONFIRMED]
    )
    if connection.vendor != "postgresql":
        return rows.update(**changes)
    with transaction.atomic():
        _asynchronous()
        return rows.update(**changes)


@resilient
def record_sent(pk: int, *, token: str, at: datetime) -> None:
    _outcome(
        pk,
        token,
        email_state=State.SENT,
        email_sent_at=at,
        email_last_attempt_at=at,
        email_last_error="",
        claimed_by="",
        claimed_until=None,
    )


@resilient
def record_failure(
    pk: int, *, token: str, at: datetime, error: str, next_attempt_at: datetime | None
) -> None:
    """A failed attempt: try again at `next_attempt_at`, or give up when there is none."""
    state = State.PENDING if next_attempt_at else State.GIVEN_UP
    _outcome(
        pk,
        token,
        email_state=state,
        email_next_attempt_at=next_attempt_at,
        email_last_attempt_at=at,
        email_last_error=error,
        claimed_by="",
        claimed_until=None,
    )


@resilient
def record_unconfirmed(pk: int, *, token: str, error: str) -> None:
    """Interrupted while talking to the mail server: it may have gone out, so it is never resent by itself."""
    ReminderLedger.objects.filter(pk=pk, claimed_by=token, email_state=State.SENDING).update(
        email_state=State.UNCONFIRMED, email_last_error=error, claimed_until=None
    )


@resilient
def unmark_sending(*, token: str, ids: list[int] | None = None) -> int:
    """Rows marked but never attempted (the sweep stopped early): pending again, the attempt not counted.

    Without `ids`, every row this sweep still has marked.
    """
    rows = ReminderLedger.objects.filter(claimed_by=token, email_state=State.SENDING)
    if ids is not None:
        rows = rows.filter(pk__in=ids)
    return rows.update(email_state=State.PENDING, email_attempts=F("email_attempts") - 1)


@resilient
def release(*, token: str) -> int:
    """Give back every claim of this sweep whose e-mail was not attempted."""
    return ReminderLedger.objects.filter(claimed_by=token, email_state=State.PENDING).update(
        claimed_by="", claimed_until=None
    )


@resilient
def recover_interrupted() -> int:
    """Rows a dead sweep left "being sent" once its lease ran out: how many are now unconfirmed.

    A sweep sends the rows it marked one after the other in id order and records
    each outcome before the next attempt. So of the rows a sweep left behind, only
    the first can have reached the mail server: it becomes unconfirmed (never
    resent by itself); the others were never attempted and become pending again.
    """
    stale = list(
        ReminderLedger.objects.filter(email_state=State.SENDING, claimed_until__lt=Now())
        .order_by("claimed_by", "pk")
        .values_list("pk", "claimed_by")
    )
    if not stale:
        return 0
    first_of_each_sweep = {}
    for pk, token in stale:
        first_of_each_sweep.setdefault(token, pk)
    in_doubt = set(first_of_each_sweep.values())
    never_attempted = [pk for pk, _token in stale if pk not in in_doubt]
    with transaction.atomic():
        unconfirmed = ReminderLedger.objects.filter(
            pk__in=in_doubt, email_state=State.SENDING
        ).update(
            email_state=State.UNCONFIRMED,
            claimed_until=None,
            email_last_error="The sweep sending this e-mail was interrupted; it may or may not have gone out.",
        )
        ReminderLedger.objects.filter(pk__in=never_attempted, email_state=State.SENDING).update(
            email_state=State.PENDING,
            email_attempts=F("email_attempts") - 1,
            claimed_by="",
            claimed_until=None,
        )
    return unconfirmed


@resilient
def give_up_expired(*, now: datetime, budget: timedelta) -> int:
    """E-mails still pending when their time budget is over are given up (their bell rang long ago)."""
    return (
        ReminderLedger.objects.filter(
            email_state=State.PENDING, notified_at__isnull=False, email_due_since__lte=now - budget
        )
        .filter(_claim_free())
        .update(email_state=State.GIVEN_UP, claimed_by="", claimed_until=None)
    )


@resilient
def cancel_no_longer_due(*, now: datetime, due_keys: set) -> int:
    """Pending e-mails whose reminder is not due any more (feedback given, recipient deactivated, ...)."""
    waiting = (
        ReminderLedger.objects.filter(email_state=State.PENDING, email_next_attempt_at__lte=now)
        .filter(_claim_free())
        .values_list("pk", "kind", "content_type_id", "object_id", "recipient_id")
    )
    stale = [pk for pk, *key in waiting if tuple(key) not in due_keys]
    if not stale:
        return 0
    return (
        ReminderLedger.objects.filter(pk__in=stale, email_state=State.PENDING)
        .filter(_claim_free())
        .update(email_state=State.CANCELLED)
    )
