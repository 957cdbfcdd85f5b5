"""Claims that cannot be stolen, and what a crash between marking and sending means."""

import datetime
from collections import Counter

import pytest
import time_machine
from celery.exceptions import SoftTimeLimitExceeded
from django.core import mail
from django.core.management import call_command
from django.db import OperationalError
from django.db.models.functions import Now
from django.utils import timezone

from notifications import failpoints, ledger, services
from notifications.checks import claim_lease_outlasts_the_sweep
from notifications.mail import Mailer
from notifications.models import ReminderLedger
from notifications.sweep import key_of

from .conftest import SWEEP_TIME, bells_per_row, emails_per_row, expire_leases, make_due_notes
from .smtp_servers import RecordingSMTPServer

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


def on_failpoint(monkeypatch, name, action, times=1, at=1):
    """Run `action` `times` times from the `at`-th time the sweep passes the failpoint `name`."""
    real_hit, calls, passed = failpoints.hit, [], []

    def hit(point):
        if point == name:
            passed.append(point)
            if len(passed) >= at and len(calls) < times:
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
    # The 5th is with the mail server, the rest of the batch marked; the second batch's rows do not exist yet.
    assert states() == {"sent": 4, "in_flight": 1, "sending": 5}
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


def test_a_lease_that_runs_out_by_the_databases_clock_mid_batch_stops_the_sweep_at_its_next_message(
    monkeypatch,
):
    """Issue 25: the sweep's own clock says there is time; the database's says the lease is over."""
    with time_machine.travel(SWEEP_TIME, tick=False):
        make_due_notes(30)
    second = []

    def the_lease_runs_out_and_another_sweep_recovers_the_rows():
        expire_leases()
        second.append(services.sweep())

    # The 5th message is handed over (its row "with the mail server") when the first sweep stalls.
    calls = on_failpoint(
        monkeypatch, "before_send", the_lease_runs_out_and_another_sweep_recovers_the_rows, at=5
    )
    with time_machine.travel(SWEEP_TIME, tick=False):
        first = services.sweep()
    [second] = second
    assert len(calls) == 1
    stalled = min(
        ReminderLedger.objects.filter(email_state="unconfirmed").values_list("pk", flat=True)
    )
    assert first.emails_sent == 5  # the one it had handed over goes out, and nothing after it
    assert first.claims_lost == 30 - 5 + 1  # the rest of its batch, and the 5th's outcome
    assert (second.emails_sent, second.unconfirmed) == (25, 1)
    assert states() == {"sent": 29, "unconfirmed": 1}
    assert emails_per_row()[stalled] == 1  # it went out once, from the stalled sweep
    assert len(emails_per_row()) == 30 and set(emails_per_row().values()) == {1}
    assert len(bells_per_row()) == 30 and set(bells_per_row().values()) == {1}
    assert not ReminderLedger.objects.exclude(claimed_by="").exists()


def test_unconfirmed_rows_lose_their_claim():
    with time_machine.travel(SWEEP_TIME, tick=False):
        make_due_notes(3)
        [first, *_] = services.collect_due(timezone.now())
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(failpoints.ENV, "after_send=raise@1")
        with pytest.raises(failpoints.FailpointError):
            sweep()
    expire_leases()
    assert sweep("2026-06-12 10:30 +02:00").unconfirmed == 1
    entry = ReminderLedger.objects.get(email_state="unconfirmed")
    assert (entry.claimed_by, entry.claimed_until) == ("", None)


def test_a_sweep_that_lost_the_database_is_continued_by_its_next_attempt_without_waiting_for_the_lease(
    monkeypatch,
):
    with time_machine.travel(SWEEP_TIME, tick=False):
        make_due_notes(12)
    real_step, steps = ledger.step, []

    def step(**kwargs):
        steps.append(kwargs)
        if len(steps) == 6:  # about to record the 5th outcome: the database is gone
            raise OperationalError("server closed the connection unexpectedly")
        return real_step(**kwargs)

    def database_gone(**kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(ledger, "step", step)
    monkeypatch.setattr(ledger, "settle", database_gone)
    monkeypatch.setattr(ledger, "release", database_gone)
    with pytest.raises(services.DatabaseLost) as first:
        sweep(batch_size=10)
    assert first.value.report.emails_sent == 5
    # What the database may not have got: the outcomes since the batch was marked, which waited for
    # the disk — the 5th was never recorded.
    sent = [str(kwargs["hand_over"]) for kwargs in steps[:5]]
    assert first.value.resume["results"].keys() == set(sent)
    assert {r["state"] for r in first.value.resume["results"].values()} == {"sent"}
    assert ReminderLedger.objects.get(pk=sent[-1]).email_state == "in_flight"
    monkeypatch.setattr(ledger, "step", real_step)
    with pytest.raises(services.DatabaseLost) as second:  # still gone: the knowledge is passed on
        sweep("2026-06-12 10:00:01 +02:00", batch_size=10, resume=first.value.resume)
    assert second.value.resume == first.value.resume
    monkeypatch.undo()
    resumed = sweep("2026-06-12 10:01 +02:00", batch_size=10, resume=second.value.resume)
    assert (resumed.emails_sent, resumed.unconfirmed, resumed.retried) == (7, 0, 0)
    assert states() == {"sent": 12}
    assert len(emails_per_row()) == 12 and set(emails_per_row().values()) == {1}
    assert not ReminderLedger.objects.exclude(claimed_by="").exists()


def test_the_sweep_task_tries_again_with_growing_waits_while_the_database_is_gone(
    monkeypatch, settings
):
    from notifications import backoff, tasks

    settings.REMINDER_SWEEP_DATABASE_RETRY_SECONDS = 300
    waits = []
    for retries in range(20):
        wait = backoff.database_retry_countdown(retries)
        if wait is None:
            break
        waits.append(wait)
    assert waits == [1, 2, 4, 8, 16, *[30] * 8]  # 271 s; one more would pass the 300 s
    seen, retried = [], []

    def sweep_while_the_database_restarts(resume=None):
        seen.append(resume)
        if len(seen) < 4:
            raise services.DatabaseLost(
                resume={"token": "t", "results": {}, "in_doubt": [len(seen)]},
                report=services.SweepReport(),
            )
        return services.SweepReport()

    monkeypatch.setattr(services, "sweep", sweep_while_the_database_restarts)
    real_retry = tasks.send_reminders.retry

    def retry(*args, **kwargs):
        assert (
            kwargs["expires"] is None
        )  # beat's message expires after one interval; its retries do not
        retried.append(kwargs["countdown"])
        return real_retry(*args, **kwargs)

    monkeypatch.setattr(tasks.send_reminders, "retry", retry)
    monkeypatch.setitem(tasks.send_reminders.app.conf, "task_eager_propagates", False)
    tasks.send_reminders.apply()  # eager: each retry runs at once, with the wait it asked for
    assert retried == [1, 2, 4]
    assert [r and r["in_doubt"] for r in seen] == [None, [1], [2], [3]]


def test_after_the_soft_time_limit_the_mail_connection_is_dropped_without_waiting_for_quit(
    monkeypatch, settings
):
    with time_machine.travel(SWEEP_TIME, tick=False):
        make_due_notes(4)
    with RecordingSMTPServer() as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False

        def stop():
            raise SoftTimeLimitExceeded()

        on_failpoint(monkeypatch, "after_send", stop)
        report = sweep()
        assert report.stopped_early and report.emails_sent == 1
        assert server.quits == 0
        monkeypatch.undo()
        assert sweep("2026-06-12 10:01 +02:00").emails_sent == 3
        assert server.quits == 1  # a sweep that ends normally says goodbye
    assert states() == {"sent": 4}
    assert not ReminderLedger.objects.exclude(claimed_by="").exists()
