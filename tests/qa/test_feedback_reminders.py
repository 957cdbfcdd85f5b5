"""The feedback due on a shared evaluation's improvement items is reminded through the notification
ledger, like an observation's window: closing (the last 24 hours) and missed, each exactly once, to
whoever can record it, in their language; nothing once the feedback is recorded or while QA is off."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from notifications.models import Notification, ReminderLedger
from notifications.services import sweep
from people.models import TeamMembership
from qa import reminders, services

from ..factories import make_agent
from .factories import GOOD, shared_evaluation

pytestmark = pytest.mark.django_db
SHARED_ON_TUESDAY = "2026-06-09 09:00 +02:00"  # the feedback is due on Friday 12.06.2026 at 09:00


@pytest.fixture(autouse=True)
def only_qa_reminders(settings):
    settings.REMINDER_PROVIDERS = ["qa.reminders.due_reminders"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def share(evaluator, agent, card, **kwargs):
    with time_machine.travel(SHARED_ON_TUESDAY, tick=False):
        return shared_evaluation(evaluator, agent, card, **kwargs)


def sweep_at(when) -> dict:
    with time_machine.travel(when, tick=False):
        return sweep().sent


def due_at(when) -> list:
    with time_machine.travel(when, tick=False):
        return sorted((r.kind, r.recipient.email) for r in reminders.due_reminders(timezone.now()))


def test_the_lead_is_reminded_once_in_german_when_the_window_closes_and_once_when_missed(
    lead, agent, chat_card
):
    lead.preferred_language = "de"
    lead.save(update_fields=["preferred_language"])
    evaluation = share(lead, agent, chat_card)
    assert timezone.localtime(evaluation.feedback_due_at).isoformat() == "2026-06-12T09:00:00+02:00"
    assert sweep_at("2026-06-11 08:59 +02:00") == {}  # more than 24 hours left
    assert sweep_at("2026-06-11 09:00:01 +02:00") == {"qa_feedback_closing": 1}
    assert sweep_at("2026-06-11 15:00 +02:00") == {}  # not again on the next sweep
    assert [m.to for m in mail.outbox] == [[lead.email]]
    closing = mail.outbox[0]
    assert closing.subject == (
        "Feedback zur Bewertung von Jonas Agent ist innerhalb von 24 Stunden fällig"
    )
    assert "Hallo Lena," in closing.body
    assert "Ihre Bewertung des Kontakts T-1 von Jonas Agent (Chat)" in closing.body
    assert "bis 12.06.2026, 09:00," in closing.body
    assert f"/qa/evaluations/{evaluation.pk}/" in closing.body
    assert sweep_at("2026-06-12 08:59:59 +02:00") == {}
    assert sweep_at("2026-06-12 09:00 +02:00") == {"qa_feedback_missed": 1}
    assert sweep_at("2026-06-13 09:00 +02:00") == {}
    missed = mail.outbox[1]
    assert missed.to == [lead.email]
    assert missed.subject == "Das Feedback-Zeitfenster zur Bewertung von Jonas Agent ist abgelaufen"
    assert sorted(ReminderLedger.objects.values_list("kind", "recipient__email")) == [
        ("qa_feedback_closing", lead.email),
        ("qa_feedback_missed", lead.email),
    ]
    assert Notification.objects.filter(recipient=lead).count() == 2
    assert sweep_at("2026-07-13 09:00 +02:00") == {}  # a month later: long reminded


def test_in_english_for_a_lead_who_reads_english(lead, agent, chat_card):
    lead.preferred_language = "en"
    lead.save(update_fields=["preferred_language"])
    share(lead, agent, chat_card)
    assert sweep_at("2026-06-11 10:00 +02:00") == {"qa_feedback_closing": 1}
    (message,) = mail.outbox
    assert message.subject == "Feedback on the evaluation of Jonas Agent is due within 24 hours"
    assert "your evaluation of the contact T-1 of Jonas Agent (Chat) marks items to coach" in (
        message.body
    )


def test_no_reminder_once_the_feedback_is_recorded(lead, agent, chat_card):
    evaluation = share(lead, agent, chat_card)
    with time_machine.travel("2026-06-10 16:00 +02:00", tick=False):
        services.evaluation_record_feedback(by=lead, evaluation=evaluation, method="in_person")
    assert sweep_at("2026-06-11 10:00 +02:00") == {}
    assert sweep_at("2026-06-12 10:00 +02:00") == {}
    assert mail.outbox == [] and not ReminderLedger.objects.exists()


def test_feedback_recorded_after_the_closing_reminder_stops_the_missed_one(lead, agent, chat_card):
    evaluation = share(lead, agent, chat_card)
    assert sweep_at("2026-06-11 10:00 +02:00") == {"qa_feedback_closing": 1}
    with time_machine.travel("2026-06-11 16:00 +02:00", tick=False):
        services.evaluation_record_feedback(by=lead, evaluation=evaluation, method="call")
    assert sweep_at("2026-06-12 10:00 +02:00") == {}
    assert len(mail.outbox) == 1


def test_an_evaluation_without_items_to_coach_opens_no_window_and_is_not_reminded(
    lead, agent, chat_card
):
    from .factories import answer, start

    with time_machine.travel(SHARED_ON_TUESDAY, tick=False):
        evaluation = start(lead, agent, chat_card)
        answer(lead, evaluation, chat_card, GOOD)
        services.evaluation_share(by=lead, evaluation=evaluation)
    assert due_at("2026-06-11 10:00 +02:00") == due_at("2026-06-12 10:00 +02:00") == []


def test_a_qa_specialists_evaluation_reminds_the_specialist_and_after_their_assignment_the_lead(
    lead, agent, chat_card, specialist, team
):
    share(specialist, agent, chat_card)
    assert due_at("2026-06-11 10:00 +02:00") == [("qa_feedback_closing", specialist.email)]
    TeamMembership.objects.filter(user=specialist, team=team).update(end=datetime.date(2026, 6, 10))
    assert due_at("2026-06-11 10:00 +02:00") == [("qa_feedback_closing", lead.email)]
    assert sweep_at("2026-06-11 10:00 +02:00") == {"qa_feedback_closing": 1}
    (message,) = mail.outbox
    assert message.to == [lead.email]
    assert "Quinn Specialist evaluated the contact T-1 of Jonas Agent (Chat)" in message.body
    assert "can no longer record the feedback" in message.body


def test_nobody_deactivated_no_agent_who_left_and_nothing_while_qa_is_off(
    lead, agent, chat_card, settings
):
    share(lead, agent, chat_card)
    settings.WORKS_COUNCIL_FEATURES = {**settings.WORKS_COUNCIL_FEATURES, "qa": False}
    assert due_at("2026-06-11 10:00 +02:00") == []
    settings.WORKS_COUNCIL_FEATURES = {**settings.WORKS_COUNCIL_FEATURES, "qa": True}
    lead.is_active = False
    lead.save(update_fields=["is_active"])
    assert due_at("2026-06-11 10:00 +02:00") == []  # and the team has no other active lead
    lead.is_active = True
    lead.save(update_fields=["is_active"])
    agent.is_active = False
    agent.save(update_fields=["is_active"])
    assert due_at("2026-06-11 10:00 +02:00") == []


def test_the_provider_reads_as_many_queries_for_ten_evaluations_as_for_one(
    lead, agent, team, chat_card, specialist
):
    share(lead, agent, chat_card)

    def queries() -> int:
        with (
            time_machine.travel("2026-06-12 10:00 +02:00", tick=False),
            CaptureQueriesContext(connection) as captured,
        ):
            reminders.due_reminders(timezone.now())
        return len(captured)

    one = queries()
    for n in range(9):
        other = make_agent(team, email=f"agent{n}@example.test")
        share(specialist if n % 2 else lead, other, chat_card, reference=f"T-{n + 2}")
    TeamMembership.objects.filter(user=specialist, team=team).update(end=datetime.date(2026, 6, 10))
    assert queries() == one + 2  # the agents' teams and their leads, for the orphaned ones
    assert len(due_at("2026-06-12 10:00 +02:00")) == 10
