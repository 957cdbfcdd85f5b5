"""The reminder sweep: the bell rings exactly once per reminder, the e-mail goes out at most once.

Per batch of due reminders (REMINDER_BATCH_SIZE), in a constant number of statements:

1. Rows: a ledger row per (kind, subject, recipient) is created for reminders due for the first time.
2. Claim: one conditional update takes the free, due rows for this sweep, with a lease counted from the
   database's clock (REMINDER_CLAIM_LEASE_SECONDS, longer than the task's hard time limit). The bell of
   every claimed row that has none is created in the same transaction, so it exists exactly once.
3. Mark: the sweep re-checks its claim and marks the rows "being sent", committed durably, before it
   contacts the mail server. A row whose claim ran out or was taken over is not sent.
4. Send: one message at a time in id order, each with a stable Message-ID; each outcome (sent; failed and
   when to try again; given up) is recorded before the next message is tried — one statement per e-mail.

A crash between 3 and 4 leaves rows "being sent". When their lease has run out, the next sweep marks the
first of them unconfirmed — it may have gone out, so it is never resent by itself (an admin can resend it,
with the same Message-ID) — and puts the others back, as they were never attempted. The sweep also stops
cleanly before its time budget or Celery's soft time limit runs out, and before its lease could.
"""

import logging
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError
from django.utils import timezone
from django.utils.module_loading import import_string

from core.contracts import Reminder, ReminderProvider

from . import backoff, failpoints, ledger, mail
from .models import Notification

logger = logging.getLogger(__name__)

# Stop sending when less than this share of the lease is left, so that a claim never
# runs out while its e-mail is on the way.
LEASE_SAFETY = 0.1


@dataclass
class SweepReport:
    reminded: Counter = field(default_factory=Counter)  # bells rung, by kind
    sent: Counter = field(default_factory=Counter)  # e-mails sent, by kind
    failed: int = 0  # attempts that failed; another one is scheduled
    retried: int = 0  # attempts (sent or failed) that retried an earlier failure
    given_up: int = 0  # e-mails given up: time budget over, or refused for good
    deferred: int = 0  # claimed e-mails not attempted: the mail server is failing, or time ran out
    unconfirmed: int = 0  # e-mails an interrupted sweep left in doubt; never resent by themselves
    cancelled: int = 0  # pending e-mails whose reminder is no longer due
    claims_lost: int = 0  # claims another sweep took over before this one sent
    stopped_early: bool = False

    @property
    def emails_sent(self) -> int:
        return sum(self.sent.values())

    @property
    def bells(self) -> int:
        return sum(self.reminded.values())

    def is_idle(self) -> bool:
        return not (
            self.bells
            or self.emails_sent
            or self.failed
            or self.given_up
            or self.deferred
            or self.unconfirmed
            or self.cancelled
            or self.claims_lost
        )

    def as_dict(self) -> dict:
        return {
            "reminded": dict(self.reminded),
            "sent": dict(self.sent),
            "failed": self.failed,
            "retried": self.retried,
            "given_up": self.given_up,
            "deferred": self.deferred,
            "unconfirmed": self.unconfirmed,
            "cancelled": self.cancelled,
            "claims_lost": self.claims_lost,
            "stopped_early": self.stopped_early,
        }


def collect_due(now) -> list[Reminder]:
    due = []
    for path in settings.REMINDER_PROVIDERS:
        provider: ReminderProvider = import_string(path)
        due.extend(provider(now))
    return due


def key_of(reminder: Reminder) -> tuple:
    content_type = ContentType.objects.get_for_model(reminder.subject)
    return (reminder.kind, content_type.pk, reminder.subject.pk, reminder.recipient.pk)


def sweep(
    now=None, *, batch_size: int | None = None, time_budget: float | None = None
) -> SweepReport:
    """Deliver every due reminder once; safe to run twice, concurrently or after a crash."""
    return _Sweep(
        now or timezone.now(),
        batch_size or settings.REMINDER_BATCH_SIZE,
        settings.REMINDER_SWEEP_SECONDS_MAX if time_budget is None else time_budget,
    ).run()


class _Sweep:
    def __init__(self, now, batch_size: int, time_budget: float):
        self.now = now
        self.batch_size = batch_size
        self.token = uuid.uuid4().hex
        self.lease = settings.REMINDER_CLAIM_LEASE_SECONDS
        self.stop_at = time.monotonic() + time_budget
        self.mailer = mail.Mailer()
        self.report = SweepReport()
        # The row whose message is with the mail server right now, and its outcome once known.
        self.in_flight: int | None = None
        self.in_flight_outcome: tuple | None = None

    def run(self) -> SweepReport:
        try:
            self._sweep()
        except SoftTimeLimitExceeded:
            logger.warning("reminder sweep stopped by its soft time limit")
            self.report.stopped_early = True
            self._clean_up_after_interruption()
        except Exception:
            self._clean_up_after_interruption()
            raise
        finally:
            self.mailer.close()
            self._release()
        return self.report

    def _sweep(self) -> None:
        self.report.unconfirmed += ledger.recover_interrupted()
        due = self._due()
        self.report.given_up += ledger.give_up_expired(now=self.now, budget=backoff.budget())
        self.report.cancelled += ledger.cancel_no_longer_due(now=self.now, due_keys=set(due))
        items = list(due.items())
        for start in range(0, len(items), self.batch_size):
            if not self._time_left():
                self.report.stopped_early = True
                break
            self._batch(dict(items[start : start + self.batch_size]))

    def _due(self) -> dict:
        due = {}
        for reminder in collect_due(self.now):
            if (
                reminder.recipient.is_active
            ):  # never to a deactivated user, whatever a provider says
                due.setdefault(key_of(reminder), reminder)
        return due

    def _batch(self, batch: dict) -> None:
        rows = ledger.rows_for(list(batch))
        missing = [key for key in batch if key not in rows]
        if missing:
            ledger.create(missing, self.now)
            rows.update(ledger.rows_for(missing))
        due = {
            rows[key]: reminder
            for key, reminder in batch.items()
            if key in rows and rows[key].is_due(self.now)
        }
        if not due:
            return
        reminders = {row.id: reminder for row, reminder in due.items()}
        texts = {row.id: reminder.render() for row, reminder in due.items()}
        bells = {
            row.id: Notification(
                recipient=reminders[row.id].recipient,
                kind=reminders[row.id].kind,
                title=texts[row.id][0][:200],
                body=texts[row.id][1],
                url=reminders[row.id].url,
                reminder_id=row.id,
            )
            for row in due
            if row.notified_at is None
        }
        claimed_at = time.monotonic()
        claimed, new_bells = ledger.claim(
            list(reminders), token=self.token, lease_seconds=self.lease, now=self.now, bells=bells
        )
        for bell in new_bells:
            self.report.reminded[bell.kind] += 1
        failpoints.hit("after_claim")
        if claimed:
            self._mail(
                sorted(claimed),
                reminders,
                texts,
                {row.id: row.email_due_since for row in due},
                claimed_at,
            )

    def _mail(
        self, ids: list[int], reminders: dict, texts: dict, due_since: dict, claimed_at: float
    ) -> None:
        if self.mailer.broken or not self._lease_holds(claimed_at):
            self.report.deferred += len(ids)
            return
        attempts = ledger.mark_sending(ids, token=self.token)
        self.report.claims_lost += len(ids) - len(attempts)
        remaining = sorted(attempts)
        while remaining and not self.mailer.broken and self._lease_holds(claimed_at):
            pk = remaining.pop(0)
            self._send_one(pk, attempts[pk], reminders[pk], texts[pk], due_since[pk])
        if remaining:
            self.report.deferred += len(remaining)
            ledger.unmark_sending(token=self.token, ids=remaining)

    def _send_one(self, pk: int, attempt: int, reminder: Reminder, text: tuple, due_since) -> None:
        message = mail.build(
            ledger_id=pk, recipient=reminder.recipient, subject=text[0], body=text[1]
        )
        failpoints.hit("before_send")
        self.in_flight, self.in_flight_outcome = pk, None
        outcome = self.mailer.send(message)
        self.in_flight_outcome = (attempt, reminder, outcome, due_since)
        failpoints.hit("after_send")
        self._record(pk, attempt, outcome, due_since)
        self.in_flight = None
        self._count(attempt, reminder, outcome, due_since)

    def _next_attempt(self, attempt: int, outcome: mail.Outcome, due_since):
        if outcome.permanent:
            return None
        return backoff.next_attempt_at(failed_at=self.now, attempt=attempt, due_since=due_since)

    def _record(self, pk: int, attempt: int, outcome: mail.Outcome, due_since) -> None:
        if outcome.sent:
            ledger.record_sent(pk, token=self.token, at=timezone.now())
        else:
            ledger.record_failure(
                pk,
                token=self.token,
                at=timezone.now(),
                error=outcome.error,
                next_attempt_at=self._next_attempt(attempt, outcome, due_since),
            )

    def _count(self, attempt: int, reminder: Reminder, outcome: mail.Outcome, due_since) -> None:
        if attempt > 1:
            self.report.retried += 1
        if outcome.sent:
            self.report.sent[reminder.kind] += 1
        elif self._next_attempt(attempt, outcome, due_since) is None:
            self.report.given_up += 1
        else:
            self.report.failed += 1

    def _time_left(self) -> bool:
        return time.monotonic() < self.stop_at

    def _lease_holds(self, claimed_at: float) -> bool:
        """Judged by this process's monotonic clock from just before the claim, so it errs on the safe side."""
        if not self._time_left():
            self.report.stopped_early = True
            return False
        return time.monotonic() < claimed_at + self.lease * (1 - LEASE_SAFETY)

    def _clean_up_after_interruption(self) -> None:
        """Stopped by the soft time limit or an error: settle the message in flight, put back the rest.

        A message whose outcome is known is recorded; one interrupted while the mail
        server was being contacted may have gone out, so it becomes unconfirmed. The
        rows marked but never attempted become pending again. If the database is gone
        too, the leases run out and the next sweep does the same (see ledger.recover_interrupted).
        """
        try:
            if self.in_flight is not None and self.in_flight_outcome is not None:
                attempt, reminder, outcome, due_since = self.in_flight_outcome
                self._record(self.in_flight, attempt, outcome, due_since)
                self._count(attempt, reminder, outcome, due_since)
            elif self.in_flight is not None:
                ledger.record_unconfirmed(
                    self.in_flight,
                    token=self.token,
                    error="Interrupted while the mail server was being contacted.",
                )
                self.report.unconfirmed += 1
            self.report.deferred += ledger.unmark_sending(token=self.token)
        except DatabaseError:
            logger.exception(
                "could not settle the e-mails of an interrupted sweep; their lease will run out"
            )

    def _release(self) -> None:
        try:
            ledger.release(token=self.token)
        except DatabaseError:
            logger.exception("could not release the claims of this sweep; their lease will run out")
