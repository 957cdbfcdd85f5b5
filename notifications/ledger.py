"""The reminder ledger's statements: each a conditional update that only the holder of a claim can win.

Every function here is idempotent, so that `resilient` may run it again after
the database connection broke (a statement whose commit was lost in transit
finds its work already done and changes nothing).
"""

import logging
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import reduce, wraps
from operator import or_

from django.db import InterfaceError, OperationalError, ProgrammingError, connection, transaction
from django.db.models import (
    DateTimeField,
    DurationField,
    Exists,
    F,
    Func,
    OuterRef,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Coalesce, Now

from .models import Notification, ReminderLedger

logger = logging.getLogger(__name__)

State = ReminderLedger.EmailState
Key = tuple  # (kind, content_type_id, object_id, recipient_id)
CONNECTION_LOST = (OperationalError, InterfaceError, ProgrammingError)
INTERRUPTED = "The sweep sending this e-mail was interrupted; it may or may not have gone out."
DATABASE_RESTARTED = (
    "The database restarted while this e-mail was being sent; it may or may not have gone out."
)


def resilient(function):
    """Run again once on a fresh connection when the database connection was lost."""

    @wraps(function)
    def wrapper(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except CONNECTION_LOST as error:
            if connection.in_atomic_block:
                raise
            logger.warning(
                "database connection lost during %s (%s); reconnecting once",
                function.__name__,
                str(error).strip(),
            )
            connection.close()
            return function(*args, **kwargs)

    return wrapper


@contextmanager
def _transaction(*, durable: bool):
    """A transaction whose commit waits for the disk or not (PostgreSQL's synchronous_commit, SET LOCAL).

    A commit that does not wait is as visible to every other transaction as one that does; only a
    crash of the database server within a fraction of a second can lose it. The sweep marks
    e-mails "being sent" durably, REMINDER_MAIL_MARK_AHEAD at a time, so such a loss never lets an
    e-mail go out twice (notifications/sweep.py). SET LOCAL ends with the transaction, so it is safe
    behind PgBouncer; it rides along with the transaction's first statement, so it costs no round
    trip of its own (one in four per e-mail).
    """
    with transaction.atomic():
        if connection.vendor != "postgresql":
            yield
            return
        setting = [f"SET LOCAL synchronous_commit TO {'ON' if durable else 'OFF'}; "]

        def with_the_setting(execute, sql, params, many, context):
            if setting and not many:
                sql = setting.pop() + sql
            return execute(sql, params, many, context)

        with connection.execute_wrapper(with_the_setting):
            yield


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
    by the database's clock) or already this sweep's (an earlier attempt of the same
    sweep, see `settle`) and that is due (new, or its next e-mail attempt has
    come) can be claimed. `bells` maps row id → Notification (unsaved) to create
    if the row has none. Returns ({row id: e-mail attempts so far}, the created bells).
    """
    with transaction.atomic():
        (
            ReminderLedger.objects.filter(pk__in=ids, email_state=State.PENDING)
            .filter(_claim_free() | Q(claimed_by=token))
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


@dataclass(frozen=True)
class Result:
    """What became of an e-mail handed to the mail server, as its row records it."""

    state: str  # SENT, PENDING (try again at next_attempt_at) or GIVEN_UP
    at: datetime
    attempt: int  # the how-manieth attempt this was
    error: str = ""
    next_attempt_at: datetime | None = None

    def changes(self) -> dict:
        changes = {
            "email_state": self.state,
            "email_attempts": self.attempt,
            "email_last_attempt_at": self.at,
            "email_last_error": self.error,
            "email_marked_at": None,
            "claimed_by": "",
            "claimed_until": None,
        }
        if self.state == State.SENT:
            changes["email_sent_at"] = self.at
        else:
            changes["email_next_attempt_at"] = self.next_attempt_at
        return changes

    def as_json(self) -> dict:
        return {
            "state": self.state,
            "at": self.at.isoformat(),
            "attempt": self.attempt,
            "error": self.error,
            "next_attempt_at": self.next_attempt_at and self.next_attempt_at.isoformat(),
        }

    @classmethod
    def from_json(cls, data: dict) -> "Result":
        return cls(
            state=data["state"],
            at=datetime.fromisoformat(data["at"]),
            attempt=data["attempt"],
            error=data["error"],
            next_attempt_at=data["next_attempt_at"]
            and datetime.fromisoformat(data["next_attempt_at"]),
        )


@dataclass(frozen=True)
class Step:
    recorded: bool  # the result given was recorded (False: the claim was lost meanwhile)
    handed_over: (
        bool  # the claim on the row to hand over held, and it is now "with the mail server"
    )


def _mine(token: str, *states) -> QuerySet:
    return ReminderLedger.objects.filter(claimed_by=token, email_state__in=states)


@resilient
def step(
    *,
    token: str,
    result: tuple[int, Result] | None = None,
    mark: list[int] = (),
    hand_over: int | None = None,
    durable: bool = False,
) -> Step:
    """One transaction per e-mail: the outcome of the one before, the next ones marked, the next one handed over.

    `mark`: rows to mark "being sent" (from pending, while this sweep's claim holds by
    the database's clock); such a step always commits durably. `hand_over`: the row whose
    message goes out next, taken from "being sent" to "with the mail server" by one
    conditional update that only this sweep's live claim wins — zero rows means the claim
    was lost, and the message must not go out.
    """
    recorded = handed_over = False
    with _transaction(durable=durable or bool(mark)):
        if result is not None:
            pk, outcome = result
            recorded = bool(_mine(token, State.IN_FLIGHT).filter(pk=pk).update(**outcome.changes()))
        if mark:
            _mine(token, State.PENDING).filter(pk__in=mark, claimed_until__gt=Now()).update(
                email_state=State.SENDING, email_marked_at=Now()
            )
        if hand_over is not None:
            handed_over = bool(
                _mine(token, State.SENDING)
                .filter(pk=hand_over, claimed_until__gt=Now())
                .update(email_state=State.IN_FLIGHT, email_attempts=F("email_attempts") + 1)
            ) or (  # run again after a lost connection: the first run's commit went through
                _mine(token, State.IN_FLIGHT).filter(pk=hand_over).exists()
            )
    return Step(recorded, handed_over)


@resilient
def settle(*, token: str, results: dict[int, Result], in_doubt: list[int]) -> tuple[int, int]:
    """Settle the rows a sweep (this one, or an earlier attempt of it) holds but has not finished.

    `results`: outcomes the sweep knows but the database may not (a crash of the
    database can lose the last commits that did not wait for the disk). `in_doubt`: rows
    handed to the mail server whose outcome is unknown; they become unconfirmed and lose
    their claim. Every other row of the sweep that is being sent or with the mail server
    was never handed over (the sweep knows every row it handed over since its last
    durable commit): pending again, still claimed by the sweep, the attempt not counted.
    Returns how many rows became unconfirmed and how many pending again.
    """
    with _transaction(durable=True):
        for pk, outcome in results.items():
            _mine(token, State.SENDING, State.IN_FLIGHT).filter(pk=pk).update(**outcome.changes())
        unconfirmed = (
            _mine(token, State.SENDING, State.IN_FLIGHT)
            .filter(pk__in=in_doubt)
            .update(
                email_state=State.UNCONFIRMED,
                email_last_error=INTERRUPTED,
                email_marked_at=None,
                claimed_by="",
                claimed_until=None,
            )
        )
        put_back = _mine(token, State.IN_FLIGHT).update(
            email_state=State.PENDING, email_attempts=F("email_attempts") - 1, email_marked_at=None
        )
        put_back += _mine(token, State.SENDING).update(
            email_state=State.PENDING, email_marked_at=None
        )
    return unconfirmed, put_back


@resilient
def give_up(refused: list[tuple[int, int]]) -> int:
    """Refusals for good that were held back (pending) until the relay proved to work: given up now.

    `refused` holds (row id, attempt). A row changed since (an admin's resend, another
    attempt) no longer has that attempt count and stays as it is.
    """
    if not refused:
        return 0
    return ReminderLedger.objects.filter(
        reduce(or_, (Q(pk=pk, email_attempts=attempt) for pk, attempt in refused)),
        email_state=State.PENDING,
        claimed_by="",
    ).update(email_state=State.GIVEN_UP, email_next_attempt_at=None)


@resilient
def release(*, token: str) -> int:
    """Give back every claim of this sweep whose e-mail was not attempted."""
    return _mine(token, State.PENDING).update(claimed_by="", claimed_until=None)


def _marked_before_the_database_started() -> Q:
    """Rows marked "being sent" before the database server last started: what followed may be lost.

    SQLite has no server that restarts, and its commits always wait for the disk.
    """
    if connection.vendor != "postgresql":
        return Q(pk__in=[])
    started = Func(function="PG_POSTMASTER_START_TIME", output_field=DateTimeField())
    return Q(email_marked_at__isnull=True) | Q(email_marked_at__lt=started)


@resilient
def recover_interrupted() -> int:
    """Rows a dead sweep left being sent, once its lease ran out by the database's clock: how many are unconfirmed.

    A live sweep's rows are never touched: its lease holds. A row "with the mail server"
    may have gone out: unconfirmed, never resent by itself. A row "being sent" was never
    handed over — unless the database restarted since it was marked, for then the
    commits that did not wait for the disk (the hand-over, the outcome) may be lost with
    it: unconfirmed too. Every other row goes back to pending. All lose their claim.
    """
    stale = ReminderLedger.objects.filter(
        email_state__in=[State.SENDING, State.IN_FLIGHT], claimed_until__lt=Now()
    )
    if not stale.exists():
        return 0
    released = {"email_marked_at": None, "claimed_by": "", "claimed_until": None}
    with transaction.atomic():
        unconfirmed = stale.filter(email_state=State.IN_FLIGHT).update(
            email_state=State.UNCONFIRMED, email_last_error=INTERRUPTED, **released
        )
        unconfirmed += (
            stale.filter(email_state=State.SENDING)
            .filter(_marked_before_the_database_started())
            .update(email_state=State.UNCONFIRMED, email_last_error=DATABASE_RESTARTED, **released)
        )
        stale.filter(email_state=State.SENDING).update(email_state=State.PENDING, **released)
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
