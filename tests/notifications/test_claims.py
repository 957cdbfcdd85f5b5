"""Claims that cannot be stolen, and what a crash between marking and sending means."""

import datetime
from collections import Counter

import pytest
import time_machine
from celery.exceptions import SoftTimeLimitExceeded
from django.core import mail
from django.core.management import call_command
from django.db.models.functions import Now
from django.utils import timezone

from notifications import failpoints, ledger, services
from notifications.checks import claim_lease_outlasts_the_sweep
from notifications.mail import Mailer
from notifications.models import ReminderLedger
from notifications.sweep import key_of

from .conftest import SWEEP_TIME, bells_per_row, emails_per_row, expire_leases, make_due_notes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("feedback_reminders_only")]


@pytest.fixture(autouse=True)
def no_failpoints(monkeypatch):
    monkeypatch.delenv(failpoints.ENV, raising=False)
    failpoints.reset()
    yield
    failpoints.reset()


def sweep(when=SWEEP_TIME, **kwargs):
    with time_machine.travel(when, tick=False):
        return services.sweep(**kwargs)


def on_failpoint(monkeypatch, name, action, times=1):
    """Run `action` the first `times` times the sweep passes the failpoint `name`."""
    real_hit, calls = failpoints.hit, []

    def hit(point):
        if point == name and len(calls) < times:
            calls.append(point)
            action()
        real_hit(point)

    monkeypatch.setattr(failpoints, "hit", hit)
    return calls


def states():
    return dict(Counter(ReminderLedger.objects.values_list("email_state", flat=True)))


def test_the_lease_counts_from_the_claim_by_the_databases_clock_not_the_app_clock(settings):
    with time_machine.travel(SWEEP_TIME, tick=False):
        make_due_notes(1)
        [reminder] = services.collect_due(timezone.now())
        ledger.create([key_of(reminder)], timezone.now())
        row = ledger.rows_for([key_of(reminder)])[key_of(reminder)]
        ledger.claim(
            [row.id],
            token="t",
            lease_seconds=settings.REMINDER_CLAIM_LEASE_SECONDS,
            now=timezone.now(),
            bells={},
        )
    entry = ReminderLedger.objects.annotate(db_now=Now()).get()
    lease = entry.claimed_until - entry.db_now
    assert (
        datetime.timedelta(seconds=settings.REMINDER_CLAIM_LEASE_SECONDS - 60)
        < lease
        <= datetime.timedelta(seconds=settings.REMINDER_CLAIM_LEASE_SECONDS)
    )
    assert abs(entry.claimed_until - timezone.now()) < datetime.timedelta(
        days=1
    )  # not June 2026 (the app clock)


def test_the_lease_outlasts_the_sweeps_hard_time_limit(settings):
    assert settings.REMINDER_CLAIM_LEASE_SECONDS > settings.REMINDER_SWEEP_TIME_LIMIT
    assert (
        settings.CELERY_TASK_ANNOTATIONS["notifications.send_reminders"]["time_limit"]
        == settings.REMINDER_SWEEP_TIME_LIMIT
    )
    assert claim_lease_outlasts_the_sweep(None) == []


def test_a_lease_shorter_than_the_time_limit_is_a_configuration_error(settings):
    settings.REMINDER_CLAIM_LEASE_SECONDS = settings.REMINDER_SWEEP_TIME_LIMIT
    assert [e.id for e in claim_lease_outlasts_the_sweep(None)] == ["notifications.E001"]


def test_a_sweep_whose_claim_was_taken_over_sends_nothing(monkeypatch):
    with time_machine.travel(SWEEP_TIME, tick=False):
        make_due_notes(3)
    on_failpoint(
        monkeypatch,
        "after_claim",
        lambda: ReminderLedger.objects.update(claimed_by="another-sweep"),
    )
    report = sweep()
    assert report.claims_lost == 3 and report.emails_sent == 0 and mail.outbox == []
    assert report.bells == 3  # rung at the claim, before the takeover


def test_two_sweeps_overlapping_past_the_lease_send_every_email_once(monkeypatch):
    with time_machine.travel(SWEEP_TIME, tick=False):
        make_due_notes(30)
    inner = []

    def a_second_sweep_runs_after_the_first_ones_lease_ran_out():
        expire_leases()
        inner.append(services.sweep())

    on_failpoint(monkeypatch, "after_claim", a_second_sweep_runs_after_the_first_ones_lease_ran_out)
    with time_machine.travel(SWEEP_TIME, tick=False):
        first = services.sweep(batch_size=10)
    [second] = inner
    assert first.claims_lost == 10 and first.emails_sent == 0
    assert second.emails_sent == 30
    assert set(emails_per_row().values()) == {1} and len(emails_per_row()) == 30
    assert set(bells_per_row().values()) == {1} and len(bells_per_row()) == 30


def test_a_crash_between_sending_and_recording_never_doubles_and_loses_nothing(monkeypatch):
    with time_machine.travel(SWEEP_TIME, tick=False):
        make_due_notes(12)
    monkeypatch.setenv(
        failpoints.ENV, "after_send=raise@5"
    )  # the process dies after the 5th e-mail went out
    with pytest.raises(failpoints.FailpointError):
        sweep(batch_size=10)
    assert states() == {"sent": 4, "sending": 6}  # the second batch's rows do not exist yet
    monkeypatch.delenv(failpoints.ENV)
    assert sweep("2026-06-12 10:05 +02:00").emails_sent == 2  # the dead sweep's lease still holds
    expire_leases()
    report = sweep("2026-06-12 10:30 +02:00")
    assert (report.unconfirmed, report.emails_sent) == (1, 5)
    assert states() == {"sent": 11, "unconfirmed": 1}
    assert len(emails_per_row()) == 12 and set(emails_per_row().values()) == {1}
    assert len(bells_per_row()) == 12 and set(bells_per_row().values()) == {1}


def test_an_unconfirmed_email_keeps_its_message_id_when_an_admin_sends_it_again(monkeypatch):
    with time_machine.travel(SWEEP_TIME, tick=False):
        make_due_notes(1)
    monkeypatch.setenv(failpoints.ENV, "after_send=raise@1")
    with pytest.raises(failpoints.FailpointError):
        sweep()
    monkeypatch.delenv(failpoints.ENV)
    expire_leases()
    sweep("2026-06-12 10:30 +02:00")
    entry = ReminderLedger.objects.get()
    assert entry.email_state == "unconfirmed"
    with time_machine.travel("2026-06-12 10:34 +02:00", tick=False):
        services.ledger_resend_email(entries=ReminderLedger.objects.all())
    sweep("2026-06-12 10:35 +02:00")
    first, second = mail.outbox
    assert first.extra_headers["Message-ID"] == second.extra_headers["Message-ID"]


def test_the_soft_time_limit_stops_cleanly_and_releases_the_claims(monkeypatch):
    with time_machine.travel(SWEEP_TIME, tick=False):
        make_due_notes(6)
    real_send, calls = Mailer.send, []

    def send(self, message):
        calls.append(message)
        if len(calls) == 3:
            raise SoftTimeLimitExceeded()
        return real_send(self, message)

    monkeypatch.setattr(Mailer, "send", send)
    report = sweep()
    assert (
        report.stopped_early
        and report.emails_sent == 2
        and report.unconfirmed == 1
        and report.deferred == 3
    )
    assert states() == {"sent": 2, "unconfirmed": 1, "pending": 3}
    assert not ReminderLedger.objects.filter(email_state="pending").exclude(claimed_by="").exists()
    monkeypatch.undo()
    report = sweep("2026-06-12 10:05 +02:00")  # released: no need to wait for the lease
    assert (
        report.emails_sent == 3 and report.retried == 0
    )  # never-attempted e-mails lost no attempt
    assert len(mail.outbox) == 5 and states() == {"sent": 5, "unconfirmed": 1}


def test_a_soft_time_limit_outside_the_mail_server_conversation_loses_nothing(monkeypatch):
    with time_machine.travel(SWEEP_TIME, tick=False):
        make_due_notes(4)

    def stop():
        raise SoftTimeLimitExceeded()

    on_failpoint(monkeypatch, "after_claim", stop)
    report = sweep()
    assert report.stopped_early and report.bells == 4 and report.emails_sent == 0
    assert not ReminderLedger.objects.exclude(claimed_by="").exists()
    assert sweep("2026-06-12 10:01 +02:00").emails_sent == 4


def test_a_sweep_out_of_time_starts_no_new_batch():
    with time_machine.travel(SWEEP_TIME, tick=False):
        make_due_notes(3)
    report = sweep(time_budget=0)
    assert report.stopped_early and report.bells == 0
    assert sweep(time_budget=60).emails_sent == 3


def test_the_command_prints_the_counts_of_a_sweep_that_met_a_failing_mail_server(
    monkeypatch, capsys
):
    with time_machine.travel(SWEEP_TIME, tick=False):
        make_due_notes(4)
    monkeypatch.setattr(
        "django.core.mail.backends.locmem.EmailBackend.send_messages",
        lambda *a, **k: (_ for _ in ()).throw(ConnectionRefusedError("refused")),
    )
    with time_machine.travel(SWEEP_TIME, tick=False):
        call_command("send_reminders")
    out = capsys.readouterr().out
    assert "Bell notifications: 4" in out and "E-mails sent: 0" in out
    assert "E-mails failed (retry scheduled): 1" in out
    assert "E-mails deferred (mail server failing or time up): 3" in out
    monkeypatch.undo()
    with time_machine.travel("2026-06-12 10:05 +02:00", tick=False):
        call_command("send_reminders")
    out = capsys.readouterr().out
    assert (
        "Bell notifications: 0" in out and "E-mails sent: 4" in out and "E-mails retried: 1" in out
    )
    assert "E-mails given up: 0" in out


def test_an_unexpected_error_puts_back_the_emails_it_had_not_attempted_and_is_raised(monkeypatch):
    from notifications import mail as reminder_mail

    with time_machine.travel(SWEEP_TIME, tick=False):
        make_due_notes(5)
    real_build, calls = reminder_mail.build, []

    def build(**kwargs):
        calls.append(kwargs)
        if len(calls) == 2:
            raise ValueError("a template bug")
        return real_build(**kwargs)

    monkeypatch.setattr(reminder_mail, "build", build)
    with pytest.raises(ValueError):
        sweep()
    assert states() == {"sent": 1, "pending": 4}
    assert not ReminderLedger.objects.exclude(claimed_by="").exists()
    monkeypatch.undo()
    assert sweep("2026-06-12 10:01 +02:00").emails_sent == 4
    assert set(emails_per_row().values()) == {1} and len(emails_per_row()) == 5
