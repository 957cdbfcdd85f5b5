"""The sweep's cost in statements: a constant, plus a fixed number per batch, plus two per e-mail (issues 13, 25).

The two statements per e-mail are its hand-over to the mail server (a conditional
update that only a live claim wins) and the record of its outcome, written together
with the next hand-over in one transaction: that is what lets a crash or a lost claim
leave at most one e-mail in doubt. On PostgreSQL that transaction says whether it waits
for the disk (SET LOCAL synchronous_commit, sent with its first statement); every
REMINDER_MAIL_MARK_AHEAD e-mails one more statement marks the next ones "being sent", and
that commit waits. While the test runs inside a transaction, each of those transactions
adds SAVEPOINT and RELEASE.
"""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from notifications import services
from notifications.models import Notification, ReminderLedger

from .conftest import SWEEP_TIME, make_due_notes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("feedback_reminders_only")]
# Per batch with reminders due for the first time: read the rows, create the missing ones, read
# their ids, claim, read the claimed rows, create the bells — plus SAVEPOINT/RELEASE for the claim
# and for the transaction that records the batch's last outcome alone.
STATEMENTS_PER_NEW_BATCH = 6 + 4
# Hand over, record the outcome, SAVEPOINT/RELEASE.
STATEMENTS_PER_EMAIL = 4
STATEMENTS_PER_MARK = 1  # the next REMINDER_MAIL_MARK_AHEAD rows "being sent"


def statements(batch_size: int) -> int:
    with time_machine.travel(SWEEP_TIME, tick=False), CaptureQueriesContext(connection) as queries:
        services.sweep(batch_size=batch_size)
    return len(queries)


def forget_the_reminders():
    Notification.objects.all().delete()
    ReminderLedger.objects.all().delete()


def test_a_sweep_after_every_reminder_went_out_costs_a_constant_whatever_the_batch_size():
    with time_machine.travel(SWEEP_TIME, tick=False):
        make_due_notes(40)
    statements(
        batch_size=40
    )  # sends everything; the 40 notes stay in their windows but are done with
    one, two, four = statements(batch_size=40), statements(batch_size=20), statements(batch_size=10)
    assert one == two == four <= 8  # the notes whose reminders went out are not even read


def test_reminders_waiting_for_an_email_retry_cost_one_statement_per_batch():
    with time_machine.travel(SWEEP_TIME, tick=False):
        make_due_notes(40)
    statements(batch_size=40)
    ReminderLedger.objects.update(
        email_state=ReminderLedger.EmailState.PENDING,
        email_next_attempt_at=datetime.datetime.fromisoformat("2026-06-12 11:00+02:00"),
    )
    one, two, four = statements(batch_size=40), statements(batch_size=20), statements(batch_size=10)
    assert (two - one, four - one) == (
        1,
        3,
    )  # each batch reads its ledger rows and finds nothing due yet
    assert one <= 12
    assert Notification.objects.count() == 40  # and rings no bell twice


def test_a_sweep_with_nothing_due_at_all_costs_a_constant():
    assert statements(batch_size=10) == statements(batch_size=1000) <= 8


def test_new_reminders_cost_a_fixed_number_of_statements_per_batch_and_two_per_email(settings):
    settings.REMINDER_MAIL_MARK_AHEAD = 10
    with time_machine.travel(SWEEP_TIME, tick=False):
        make_due_notes(20)
    statements(
        batch_size=20
    )  # warms caches (content types) so that every measured run starts alike
    forget_the_reminders()
    twenty_in_two_batches = statements(batch_size=10)
    forget_the_reminders()
    twenty_in_one_batch = statements(batch_size=20)
    with time_machine.travel(SWEEP_TIME, tick=False):
        make_due_notes(20)
    forget_the_reminders()
    forty_in_two_batches = statements(batch_size=20)
    assert twenty_in_two_batches - twenty_in_one_batch == STATEMENTS_PER_NEW_BATCH
    assert (
        forty_in_two_batches - twenty_in_one_batch
        == STATEMENTS_PER_NEW_BATCH + 20 * STATEMENTS_PER_EMAIL + 2 * STATEMENTS_PER_MARK
    )
    assert ReminderLedger.objects.filter(email_state="sent").count() == 40
