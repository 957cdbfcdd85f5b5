"""The reminder sweep: each reminder once, to the right person, in their language."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db.models import Value
from django.db.models.functions import Now
from django.utils import timezone

from feedback import services as feedback_services
from notifications import ledger, services
from notifications.models import Notification, ReminderLedger
from notifications.sweep import key_of
from people import services as people_services

from ..factories import personnel_admin

pytestmark = pytest.mark.django_db
BERLIN_TUESDAY = "2026-06-09 09:00 +02:00"
LOCMEM_SEND = "django.core.mail.backends.locmem.EmailBackend.send_messages"


@pytest.fixture(autouse=True)
def only_feedback_reminders(settings):
    """Review reminders are tested in tests/reviews; here only the feedback window counts."""
    settings.REMINDER_PROVIDERS = ["feedback.reminders.due_reminders"]


def refuse(*args, **kwargs):
    raise OSError("SMTP down")


def expire_leases():
    """As if the lease had run out by the database's clock."""
    ReminderLedger.objects.update(claimed_until=Now() - Value(datetime.timedelta(seconds=1)))


def note_observed(lead, agent, when):
    with time_machine.travel(when, tick=False):
        return feedback_services.note_create(
            author=lead,
            agent=agent,
            channel="phone",
            kind="improvement",
            situation="Interrupted the customer.",
        )


def sweep_at(when):
    """The e-mails the sweep sent, by kind (each with its bell, unless the mail failed)."""
    with time_machine.travel(when, tick=False):
        return services.sweep().sent


def report_at(when):
    with time_machine.travel(when, tick=False):
        return services.sweep()


def test_nothing_is_due_while_more_than_24_hours_are_left(lead, agent):
    note_observed(lead, agent, BERLIN_TUESDAY)
    assert sweep_at("2026-06-11 08:59 +02:00") == {}


def test_the_closing_reminder_goes_out_once_the_last_24_hours_begin(lead, agent):
    note_observed(lead, agent, BERLIN_TUESDAY)
    assert sweep_at("2026-06-11 09:00:01 +02:00") == {"feedback_window_closing": 1}
    assert sweep_at("2026-06-11 15:00 +02:00") == {}
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [lead.email]
    assert Notification.objects.get().recipient == lead


def test_exactly_72_hours_later_the_window_is_missed(lead, agent):
    note_observed(lead, agent, BERLIN_TUESDAY)
    assert sweep_at("2026-06-12 08:59:59 +02:00") == {"feedback_window_closing": 1}
    assert sweep_at("2026-06-12 09:00 +02:00") == {"feedback_window_missed": 1}
    assert sweep_at("2026-06-12 09:05 +02:00") == {}


def test_delivered_feedback_is_not_reminded_about(lead, agent):
    note = note_observed(lead, agent, BERLIN_TUESDAY)
    with time_machine.travel("2026-06-10 10:00 +02:00", tick=False):
        feedback_services.note_deliver(note=note, by=note.author, method="in_person")
    assert sweep_at("2026-06-12 10:00 +02:00") == {}


def test_running_the_sweep_twice_sends_nothing_twice(lead, agent, colleague):
    note_observed(lead, agent, BERLIN_TUESDAY)
    note_observed(lead, colleague, BERLIN_TUESDAY)
    first = sweep_at("2026-06-13 10:00 +02:00")
    second = sweep_at("2026-06-13 10:00 +02:00")
    assert first == {"feedback_window_missed": 2} and second == {}
    assert len(mail.outbox) == 2
    assert (
        ReminderLedger.objects.filter(email_state="sent").count()
        == Notification.objects.count()
        == 2
    )


def test_a_shared_notes_reminder_goes_to_the_current_lead_after_a_move(
    lead, other_lead, agent, other_team
):
    note = note_observed(lead, agent, BERLIN_TUESDAY)
    feedback_services.note_share(note=note, by=note.author)
    with time_machine.travel("2026-06-10 12:00 +02:00", tick=False):
        people_services.agent_move_to_team(agent=agent, team=other_team, by=personnel_admin())
    sweep_at("2026-06-12 10:00 +02:00")
    assert [m.to for m in mail.outbox] == [[other_lead.email]]


def test_no_reminders_about_people_who_left(lead, agent):
    note_observed(lead, agent, BERLIN_TUESDAY)
    with time_machine.travel("2026-06-10 12:00 +02:00", tick=False):
        people_services.agent_leave(agent=agent, by=personnel_admin())
    assert sweep_at("2026-06-12 10:00 +02:00") == {}


def test_a_failed_send_is_retried_after_its_backoff_and_then_sent_once(lead, agent, monkeypatch):
    note_observed(lead, agent, BERLIN_TUESDAY)
    monkeypatch.setattr(LOCMEM_SEND, refuse)
    report = report_at("2026-06-12 10:00 +02:00")
    assert (report.reminded, report.sent, report.failed) == ({"feedback_window_missed": 1}, {}, 1)
    entry = ReminderLedger.objects.get()
    assert (
        entry.email_state == "pending"
        and entry.email_attempts == 1
        and "SMTP down" in entry.email_last_error
    )
    assert Notification.objects.get().reminder == entry  # the bell rang although the mail failed
    monkeypatch.undo()
    assert sweep_at("2026-06-12 10:04 +02:00") == {}  # the first retry waits 5 minutes
    report = report_at("2026-06-12 10:05 +02:00")
    assert (report.sent, report.retried, report.reminded) == ({"feedback_window_missed": 1}, 1, {})
    assert sweep_at("2026-06-12 10:10 +02:00") == {}
    assert len(mail.outbox) == 1 and Notification.objects.count() == 1


def test_a_sweep_after_a_worker_died_holding_a_claim_sends_once_the_lease_ran_out(lead, agent):
    note_observed(lead, agent, BERLIN_TUESDAY)
    with time_machine.travel("2026-06-12 10:00 +02:00", tick=False):
        [reminder] = services.collect_due(timezone.now())
        key = key_of(reminder)
        ledger.create([key], timezone.now())
        row = ledger.rows_for([key])[key]
        claimed, _bells = ledger.claim(
            [row.id], token="dead-worker", lease_seconds=600, now=timezone.now(), bells={}
        )
        assert claimed  # a worker claimed it and died before ringing or sending
    assert sweep_at("2026-06-12 10:05 +02:00") == {}  # the claim still holds
    expire_leases()
    assert sweep_at("2026-06-12 10:06 +02:00") == {"feedback_window_missed": 1}
    assert len(mail.outbox) == 1


def test_an_email_is_given_up_once_its_time_budget_is_over(lead, agent, monkeypatch):
    note_observed(lead, agent, BERLIN_TUESDAY)
    monkeypatch.setattr(LOCMEM_SEND, refuse)
    attempts_at = [
        "2026-06-12 10:00",
        "2026-06-12 10:05",
        "2026-06-12 10:20",
        "2026-06-12 11:20",
        "2026-06-12 15:20",
        "2026-06-13 07:20",
    ]
    outcomes = [
        (r.failed, r.given_up) for r in (report_at(f"{when} +02:00") for when in attempts_at)
    ]
    assert outcomes == [(1, 0)] * 5 + [(0, 1)]
    entry = ReminderLedger.objects.get()
    assert entry.email_attempts == 6 and entry.email_state == "given_up"
    assert Notification.objects.count() == 1


def test_reminders_are_written_in_the_recipients_language(lead, agent):
    lead.preferred_language = "de"
    lead.save()
    note_observed(lead, agent, BERLIN_TUESDAY)
    sweep_at("2026-06-11 10:00 +02:00")
    assert "innerhalb von 24 Stunden" in mail.outbox[0].subject
    assert "innerhalb von 24 Stunden" in Notification.objects.get().title


def test_the_command_prints_how_many_of_each_kind_it_sent(lead, agent, capsys):
    note_observed(lead, agent, BERLIN_TUESDAY)
    with time_machine.travel("2026-06-12 10:00 +02:00", tick=False):
        call_command("send_reminders")
        call_command("send_reminders")
    out = capsys.readouterr().out
    assert "feedback_window_missed: 1 bell, 1 e-mail" in out
    assert "Bell notifications: 1" in out and "E-mails sent: 1" in out
    assert "No reminders were due." in out


def test_the_celery_task_runs_the_same_sweep(lead, agent):
    from notifications.tasks import send_reminders

    note_observed(lead, agent, BERLIN_TUESDAY)
    with time_machine.travel("2026-06-12 10:00 +02:00", tick=False):
        result = send_reminders.delay().get()
    assert result["sent"] == result["reminded"] == {"feedback_window_missed": 1}


def test_beat_runs_the_sweep_every_few_minutes(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["send-reminders"]
    assert entry["task"] == "notifications.send_reminders"
    assert entry["schedule"] <= 600
    assert (
        entry["options"]["expires"] == entry["schedule"]
    )  # a sweep nobody ran in time is dropped, not piled up


def test_the_sweep_task_has_a_soft_and_a_hard_time_limit_shorter_than_the_lease(settings):
    from portal.celery import app

    app.loader.import_default_modules()
    task = app.tasks["notifications.send_reminders"]
    assert task.soft_time_limit < task.time_limit < settings.REMINDER_CLAIM_LEASE_SECONDS
