"""The reminder sweep: the bell rings exactly once per reminder, the e-mail goes out at most once.

Per batch of due reminders (REMINDER_BATCH_SIZE), in a constant number of statements:

1. Rows: a ledger row per (kind, subject, recipient) is created for reminders due for the first time.
2. Claim: one conditional update takes the free, due rows for this sweep, with a lease counted from the
   database's clock (REMINDER_CLAIM_LEASE_SECONDS, longer than the task's hard time limit). The bell of
   every claimed row that has none is created in the same transaction, so it exists exactly once.
3. Send, one message at a time in id order, each with a stable Message-ID, in one transaction per
   message (`ledger.step`) that
   - records the outcome of the message before (sent; failed and when to try again; given up),
   - marks the next REMINDER_MAIL_MARK_AHEAD rows "being sent", while the claim holds by the database's
     clock — only such a transaction waits for the disk, so a database crash cannot undo these marks,
   - hands the next row to the mail server: one conditional update, from "being sent" to "with the mail
     server", that only this sweep's live claim can win. Zero rows means the claim was lost (its lease ran
     out by the database's clock, and another sweep may have recovered the row): that message is not
     sent, and neither is the rest of the batch.

What a failure leaves behind, and who settles it:
- This sweep, interrupted (soft time limit, an error): the message with the mail server becomes
  unconfirmed if its outcome is unknown, the rows marked but not handed over become pending again, and
  every claim is released (`_settle`, `_release`). The mail connection is dropped without a polite QUIT.
- The database gone mid-sweep: the sweep raises DatabaseLost with what it knows but could not write
  (the outcomes since its last durable commit). The next attempt of the same sweep — Celery's retry, or
  `send_reminders` waiting — takes over its claims and settles exactly that (`ledger.settle`).
- A sweep that died, once its lease ran out by the database's clock (`ledger.recover_interrupted`): a row
  "with the mail server" may have gone out, so it becomes unconfirmed and is never resent by itself (an
  admin can resend it, with the same Message-ID); a row "being sent" goes back to pending — unless the
  database restarted since it was marked, for a crash may have taken the later, non-waiting commits with
  it: then it is unconfirmed too (at most REMINDER_MAIL_MARK_AHEAD rows per sweep).

A mail server that refuses REMINDER_MAIL_REFUSALS_TO_STOP different recipients for good (5xx) in a row,
with no message accepted in between, is taken for a misconfigured relay: the sweep stops e-mailing and
those refusals are tried again later. A refusal that is not part of such a run is final.
"""

import logging
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, InterfaceError, OperationalError
from django.utils import timezone
from django.utils.module_loading import import_string

from core.contracts import Reminder, ReminderProvider

from . import backoff, failpoints, ledger, mail
from .models import Notification, ReminderLedger

logger = logging.getLogger(__name__)
State = ReminderLedger.EmailState

# Stop sending when less than this share of the lease is left by this process's own clock, so that a
# claim does not run out while its e-mail is on the way (the database's clock has the last word).
LEASE_SAFETY = 0.1


class DatabaseLost(DatabaseError):
    """The database went away during the sweep. `resume` lets the next attempt of this sweep settle what it left."""

    def __init__(
        self, message="the database was lost during the reminder sweep", *, resume=None, report=None
    ):
        super().__init__(message)
        self.resume = resume
        self.report = report


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
    claims_lost: int = 0  # claims that ran out or were taken over before this sweep sent
    relay_refusing: str = ""  # the answer of a mail server that refused every recipient
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

    def add(self, other: "SweepReport") -> None:
        """Count in what an earlier attempt of the same sweep did."""
        self.reminded.update(other.reminded)
        self.sent.update(other.sent)
        for name in ("failed", "retried", "given_up", "unconfirmed", "cancelled", "claims_lost"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.relay_refusing = self.relay_refusing or other.relay_refusing

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
            "relay_refusing": self.relay_refusing,
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
    now=None,
    *,
    batch_size: int | None = None,
    time_budget: float | None = None,
    resume: dict | None = None,
) -> SweepReport:
    """Deliver every due reminder once; safe to run twice, concurrently or after a crash.

    `resume` is DatabaseLost.resume of an earlier attempt of this sweep; it is continued.
    """
    return _Sweep(
        now or timezone.now(),
        batch_size or settings.REMINDER_BATCH_SIZE,
        settings.REMINDER_SWEEP_SECONDS_MAX if time_budget is None else time_budget,
        resume,
    ).run()


class _Sweep:
    def __init__(self, now, batch_size: int, time_budget: float, resume: dict | None):
        self.now = now
        self.batch_size = batch_size
        self.resume = resume  # what an earlier attempt of this sweep left, until it is settled
        self.token = resume["token"] if resume else uuid.uuid4().hex
        self.lease = settings.REMINDER_CLAIM_LEASE_SECONDS
        self.mark_ahead = max(1, settings.REMINDER_MAIL_MARK_AHEAD)
        self.stop_at = time.monotonic() + time_budget
        self.mailer = mail.Mailer()
        self.report = SweepReport()
        # Rows handed to the mail server since the last commit that waited for the disk, with their
        # outcome once known (None: the mail server has the message right now).
        self.unsettled: dict[int, ledger.Result | None] = {}
        # The claimed rows of the current batch not attempted yet.
        self.remaining: list[int] = []
        # Refusals for good since the last accepted message: (row id, attempt), held back as pending
        # until the relay proves to work (then they are final) or refuses everyone (then they wait).
        self.refused: list[tuple[int, int]] = []

    def run(self) -> SweepReport:
        interrupted = True
        try:
            self._sweep()
            interrupted = False
        except SoftTimeLimitExceeded:
            logger.warning("reminder sweep stopped by its soft time limit")
            self.report.stopped_early = True
            self._settle()
        except failpoints.FailpointError:
            raise  # stands for a crash: only what `finally` does happens
        except BaseException as error:
            self._settle()
            if isinstance(error, (OperationalError, InterfaceError)):
                raise DatabaseLost(resume=self._resume_state(), report=self.report) from error
            raise
        finally:
            self._release()
            self.mailer.close(wait=not interrupted)
        return self.report

    def _sweep(self) -> None:
        if self.resume:
            self._take_over_the_earlier_attempt()
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
        self._give_up_refused()

    def _take_over_the_earlier_attempt(self) -> None:
        results, in_doubt = self._unsettled()
        unconfirmed, _put_back = ledger.settle(token=self.token, results=results, in_doubt=in_doubt)
        self.report.unconfirmed += unconfirmed
        self.resume = None

    def _due(self) -> dict:
        due = {}
        for reminder in collect_due(self.now):
            # never to a deactivated user, whatever a provider says
            if reminder.recipient.is_active:
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
                claimed,
                reminders,
                texts,
                {row.id: row.email_due_since for row in due},
                claimed_at,
            )

    def _mail(
        self, attempts: dict, reminders: dict, texts: dict, due_since: dict, claimed_at: float
    ) -> None:
        """Send the claimed rows one by one; `attempts` maps row id → e-mail attempts so far."""
        self.remaining = sorted(attempts)
        marked: set[int] = set()
        last = None  # (row id, Result) of the message before, not recorded yet
        while self.remaining and not self.mailer.broken and self._lease_holds(claimed_at):
            pk = self.remaining[0]
            mark = [] if pk in marked else self.remaining[: self.mark_ahead]
            step = ledger.step(token=self.token, result=last, mark=mark, hand_over=pk)
            self._recorded(last, step.recorded)
            last = None
            if mark:  # that commit waited for the disk, and with it everything before
                self.unsettled = {}
                marked.update(mark)
            if not step.handed_over:
                logger.warning("reminder sweep lost its claim on ledger row %s; stopping", pk)
                self.report.claims_lost += len(self.remaining)
                self.remaining = []
                break
            self.remaining.pop(0)
            last = (
                pk,
                self._send_one(pk, attempts[pk] + 1, reminders[pk], texts[pk], due_since[pk]),
            )
        if last is not None:
            self._recorded(last, ledger.step(token=self.token, result=last, durable=True).recorded)
            self.unsettled = {}
        if self.remaining:
            self.report.deferred += len(self.remaining)
            self.remaining = []
            if marked:
                ledger.settle(token=self.token, results={}, in_doubt=[])

    def _send_one(
        self, pk: int, attempt: int, reminder: Reminder, text: tuple, due_since
    ) -> ledger.Result:
        message = mail.build(
            ledger_id=pk, recipient=reminder.recipient, subject=text[0], body=text[1]
        )
        failpoints.hit("before_send")
        self.unsettled[pk] = None
        outcome = self.mailer.send(message)
        result = self._result(attempt, outcome, due_since)
        self.unsettled[pk] = result  # known before anything else can fail
        if attempt > 1:
            self.report.retried += 1
        if outcome.sent:
            self.report.sent[reminder.kind] += 1
            self._give_up_refused()  # the relay works: the refusals before it were meant
        elif result.state == State.GIVEN_UP:
            self.report.given_up += 1
        elif outcome.permanent:
            self.refused.append((pk, attempt))
            if self.mailer.refusing_everyone:
                self._retry_refused(outcome.error)
        else:
            self.report.failed += 1
        failpoints.hit("after_send")
        return result

    def _result(self, attempt: int, outcome: mail.Outcome, due_since) -> ledger.Result:
        """A refusal for good waits for its next attempt like any failure until the relay proves to work."""
        at = timezone.now()
        if outcome.sent:
            return ledger.Result(State.SENT, at, attempt)
        next_at = backoff.next_attempt_at(failed_at=self.now, attempt=attempt, due_since=due_since)
        if next_at is None:
            return ledger.Result(State.GIVEN_UP, at, attempt, outcome.error)
        return ledger.Result(State.PENDING, at, attempt, outcome.error, next_at)

    def _give_up_refused(self) -> None:
        """Refusals held back, with no sign that the relay refuses everyone: final after all."""
        if self.refused:
            refused, self.refused = self.refused, []
            self.report.given_up += len(refused)
            ledger.give_up(refused)

    def _retry_refused(self, answer: str) -> None:
        logger.warning(
            "the mail server refused %d recipients in a row for good; taken for a misconfigured "
            "relay, reminder e-mails are tried again later: %s",
            settings.REMINDER_MAIL_REFUSALS_TO_STOP,
            answer,
        )
        self.report.relay_refusing = answer
        self.report.failed += len(self.refused)
        self.refused = []

    def _recorded(self, result: tuple | None, recorded: bool) -> None:
        if result is not None and not recorded:
            logger.warning(
                "the outcome of reminder e-mail %s came after its claim was lost; it stays unconfirmed",
                result[0],
            )
            self.report.claims_lost += 1

    def _time_left(self) -> bool:
        return time.monotonic() < self.stop_at

    def _lease_holds(self, claimed_at: float) -> bool:
        """This process's own view, from just before the claim; the hand-over asks the database's clock."""
        if not self._time_left():
            self.report.stopped_early = True
            return False
        return time.monotonic() < claimed_at + self.lease * (1 - LEASE_SAFETY)

    def _unsettled(self) -> tuple[dict, list]:
        """What this sweep knows and the database may not: outcomes, and rows whose outcome is unknown."""
        results = {pk: r for pk, r in self.unsettled.items() if r is not None}
        in_doubt = [pk for pk, r in self.unsettled.items() if r is None]
        if (
            self.resume
        ):  # not taken over yet: the earlier attempt's knowledge is still ours to pass on
            results |= {
                int(pk): ledger.Result.from_json(r) for pk, r in self.resume["results"].items()
            }
            in_doubt += self.resume["in_doubt"]
        return results, in_doubt

    def _resume_state(self) -> dict:
        results, in_doubt = self._unsettled()
        return {
            "token": self.token,
            "results": {str(pk): r.as_json() for pk, r in results.items()},
            "in_doubt": in_doubt,
        }

    def _settle(self) -> None:
        """Interrupted: record the outcomes known, the message in flight unconfirmed, the rest pending.

        If the database is gone too, DatabaseLost hands the same to the next attempt of
        this sweep; failing that, the leases run out and ledger.recover_interrupted
        settles it by what the database knows.
        """
        self.report.deferred += len(self.remaining)
        self.remaining = []
        results, in_doubt = self._unsettled()
        try:
            unconfirmed, _put_back = ledger.settle(
                token=self.token, results=results, in_doubt=in_doubt
            )
        except DatabaseError as error:
            logger.warning(
                "could not settle the e-mails of an interrupted reminder sweep: %s",
                str(error).strip(),
            )
            return
        self.report.unconfirmed += unconfirmed
        self.unsettled, self.resume = {}, None

    def _release(self) -> None:
        try:
            ledger.release(token=self.token)
        except DatabaseError as error:
            logger.warning(
                "could not release the claims of this reminder sweep (%s); its next attempt takes "
                "them over, or a later sweep once their lease has run out",
                str(error).strip(),
            )
