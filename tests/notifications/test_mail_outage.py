"""Mail outages against a real SMTP server: backoff, a time budget, a breaker, and nothing lost or doubled."""

import datetime

import pytest
import time_machine

from notifications import backoff, selectors, services
from notifications.models import ReminderLedger

from .conftest import bells_per_row, make_due_notes
from .smtp_servers import ACCEPT, REFUSE, REJECT, RecordingSMTPServer, SilentServer

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("feedback_reminders_only")]
T0 = datetime.datetime.fromisoformat("2026-06-12T10:00:00+02:00")
MANY = 1000


def at(minutes):
    return T0 + datetime.timedelta(minutes=minutes)


def sweep(minutes=0):
    with time_machine.travel(at(minutes), tick=False):
        return services.sweep()


@pytest.fixture
def smtp(settings):
    with RecordingSMTPServer() as server:
        use_mail_server(settings, server.port)
        yield server


def use_mail_server(settings, port):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 1
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""


def every_row_once(server, rows=MANY):
    emails, bells = server.per_ledger_row(), bells_per_row()
    ledger_ids = set(ReminderLedger.objects.values_list("pk", flat=True))
    return (
        len(ledger_ids) == rows
        and set(emails) == ledger_ids
        and set(emails.values()) == {1}
        and set(bells) == ledger_ids
        and set(bells.values()) == {1}
    )


def test_the_backoff_waits_5_15_60_240_minutes_then_longer_until_the_24_hour_budget_is_spent():
    failed_at = due_since = T0
    waits = []
    for attempt in range(1, 10):
        next_at = backoff.next_attempt_at(failed_at=failed_at, attempt=attempt, due_since=due_since)
        if next_at is None:
            break
        waits.append(int((next_at - failed_at).total_seconds() // 60))
        failed_at = next_at
    assert waits == [
        5,
        15,
        60,
        240,
        960,
    ]  # attempts at 0, 5, 20, 80, 320 and 1280 minutes; then given up


def test_a_mail_server_refusing_for_25_minutes_loses_no_reminder_and_doubles_none(smtp):
    with time_machine.travel(T0, tick=False):
        make_due_notes(MANY)
    smtp.mode = REFUSE
    first = sweep(0)
    assert (first.bells, first.emails_sent, first.failed, first.deferred) == (MANY, 0, 3, MANY - 3)
    for minute in (5, 10, 15, 20):
        outage = sweep(minute)
        assert outage.emails_sent == 0 and outage.failed == 3 and outage.bells == 0
    smtp.mode = ACCEPT
    recovered = sweep(25)
    probed = ReminderLedger.objects.filter(
        email_state="pending"
    )  # the probes still wait for their backoff
    assert recovered.emails_sent == MANY - probed.count() and recovered.given_up == 0
    assert probed.count() <= 15 and max(
        probed.values_list("email_next_attempt_at", flat=True)
    ) <= at(20 + 60)
    later = sweep(20 + 60)
    assert later.emails_sent == later.retried == MANY - recovered.emails_sent
    assert sweep(6 * 60).is_idle()
    assert every_row_once(smtp)


def test_a_mail_server_that_never_answers_costs_one_timeout_and_then_everything_goes_out(
    settings, smtp
):
    with time_machine.travel(T0, tick=False):
        make_due_notes(MANY)
    with SilentServer() as silent:
        use_mail_server(settings, silent.port)
        hung = sweep(0)
        assert len(silent.connections) == 1  # the breaker stopped after the first timeout
    assert (hung.bells, hung.emails_sent, hung.failed, hung.deferred) == (MANY, 0, 1, MANY - 1)
    assert "timed out" in ReminderLedger.objects.exclude(email_last_error="").get().email_last_error
    use_mail_server(settings, smtp.port)
    assert sweep(5).emails_sent == MANY
    assert every_row_once(smtp)


def test_a_recipient_refused_for_good_is_given_up_at_once_and_the_others_go_out(smtp, lead):
    with time_machine.travel(T0, tick=False):
        make_due_notes(6)
    bouncing = ReminderLedger.objects.none()
    first_lead_email = (
        type(lead).objects.filter(role="lead").exclude(pk=lead.pk).order_by("pk").first().email
    )
    smtp.unknown_addresses = {first_lead_email}
    report = sweep(0)
    bouncing = ReminderLedger.objects.filter(recipient__email=first_lead_email)
    assert report.given_up == bouncing.count() > 0
    assert report.emails_sent == 6 - bouncing.count()
    assert set(bouncing.values_list("email_state", flat=True)) == {"given_up"}
    assert "550" in bouncing.first().email_last_error


def test_a_relay_that_refuses_every_recipient_stops_the_sweep_and_everything_goes_out_once_fixed(
    smtp, settings
):
    settings.REMINDER_MAIL_REFUSALS_TO_STOP = 5
    with time_machine.travel(T0, tick=False):
        make_due_notes(MANY)
    smtp.mode = REJECT
    first = sweep(0)
    refused = ReminderLedger.objects.filter(email_attempts=1)
    assert len(set(refused.values_list("recipient", flat=True))) == 5
    tried = refused.count()  # until the fifth recipient refused; nothing was accepted in between
    assert (first.bells, first.emails_sent, first.given_up) == (MANY, 0, 0)
    assert (first.failed, first.deferred) == (tried, MANY - tried)
    assert "550" in first.relay_refusing
    assert set(refused.values_list("email_state", flat=True)) == {"pending"}  # tried again later
    health = selectors.mail_health()
    assert (
        health.failing and "550" in health.last_error and "No such user here" in health.last_error
    )
    smtp.mode = ACCEPT
    fixed = sweep(5)
    assert (fixed.emails_sent, fixed.retried, fixed.given_up) == (MANY, tried, 0)
    assert every_row_once(smtp)


def test_refusals_for_one_recipient_among_accepted_messages_are_final_however_many(smtp, settings):
    settings.REMINDER_MAIL_REFUSALS_TO_STOP = 2
    with time_machine.travel(T0, tick=False):
        [note, *_] = make_due_notes(100)  # two leads, 50 reminders each
    smtp.unknown_addresses = {note.author.email}
    report = sweep(0)
    bouncing = ReminderLedger.objects.filter(recipient=note.author)
    assert bouncing.count() == 50 and not report.relay_refusing
    assert (report.given_up, report.emails_sent, report.failed) == (50, 50, 0)
    assert set(bouncing.values_list("email_state", flat=True)) == {"given_up"}
    assert "550" in bouncing.first().email_last_error


def test_a_message_the_mail_server_took_but_never_confirmed_goes_out_again_with_the_same_message_id(
    smtp,
):
    """The window no sender can close (RFC 5321, 4.1.4): the server kept the message, its "250"
    never arrived (EMAIL_TIMEOUT is 1 s here). The attempt counts as failed and is tried again,
    so the recipient gets that one message twice, with the same Message-ID; the breaker stops the
    sweep at once, so it is one message per such hang, never the batch."""
    with time_machine.travel(T0, tick=False):
        make_due_notes(3)
    smtp.slow_to_confirm = {1}
    first = sweep(0)
    assert (first.emails_sent, first.failed, first.deferred) == (0, 1, 2)
    second = sweep(5)
    assert (second.emails_sent, second.retried) == (3, 1)
    assert sorted(smtp.per_ledger_row().values()) == [1, 1, 2]
    assert len(set(smtp.message_ids)) == 3


def test_emails_never_attempted_during_a_day_long_outage_are_given_up_after_the_budget(smtp):
    with time_machine.travel(T0, tick=False):
        make_due_notes(10)
    smtp.mode = REFUSE
    sweep(0)
    assert ReminderLedger.objects.filter(email_state="pending").count() == 10
    late = sweep(24 * 60 + 1)
    assert late.given_up == 10 and late.emails_sent == 0
    assert set(ReminderLedger.objects.values_list("email_state", flat=True)) == {"given_up"}
    assert len(bells_per_row()) == 10  # every bell rang all the same


def test_every_attempt_of_a_reminder_carries_the_same_message_id(smtp):
    with time_machine.travel(T0, tick=False):
        make_due_notes(1)
    smtp.unknown_addresses = set()
    smtp.mode = REFUSE
    sweep(0)
    smtp.mode = ACCEPT
    sweep(5)
    [entry] = ReminderLedger.objects.all()
    assert smtp.per_ledger_row() == {entry.pk: 1} and entry.email_attempts == 2


def test_a_pending_email_whose_feedback_was_given_meanwhile_is_not_sent(smtp):
    from feedback import services as feedback_services

    with time_machine.travel(T0, tick=False):
        [note] = make_due_notes(1)
    smtp.mode = REFUSE
    sweep(0)
    with time_machine.travel(at(2), tick=False):
        feedback_services.note_deliver(note=note, by=note.author, method="in_person")
    smtp.mode = ACCEPT
    report = sweep(5)
    assert (report.cancelled, report.emails_sent) == (1, 0)
    assert ReminderLedger.objects.get().email_state == "cancelled"
