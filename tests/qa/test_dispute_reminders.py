"""An open dispute is reminded through the notification ledger, once, to whoever may decide it, when it
has been open QA_DISPUTE_REMINDER_DAYS (3): in their language, with a link to the evaluation; nothing
once it is decided, nothing about an agent who left, nothing while QA is off."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from notifications.models import Notification, ReminderLedger
from notifications.services import sweep
from people.models import AgentProfile, TeamMembership
from qa import reminders, services
from qa.models import Dispute

from ..factories import make_agent, make_lead
from .factories import GOOD, answer, questions, start

pytestmark = pytest.mark.django_db
RAISED = "2026-06-09 10:00 +02:00"  # a Tuesday: the reminder is due on Friday 12.06.2026 at 10:00
DUE = "2026-06-12 10:00 +02:00"
OPEN = reminders.DISPUTE_OPEN


@pytest.fixture(autouse=True)
def only_qa_reminders(settings):
    settings.REMINDER_PROVIDERS = ["qa.reminders.due_reminders"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.QA_DISPUTE_REMINDER_DAYS = 3
    settings.QA_DISPUTE_ARBITRATION = True


def disputed(evaluator, agent, card, *, reference="T-1") -> Dispute:
    """A shared evaluation without items to coach (no feedback reminders), disputed by the agent."""
    with time_machine.travel("2026-06-09 09:00 +02:00", tick=False):
        evaluation = start(evaluator, agent, card, reference=reference)
        answer(evaluator, evaluation, card, GOOD)
        services.evaluation_share(by=evaluator, evaluation=evaluation)
    with time_machine.travel(RAISED, tick=False):
        return services.dispute_raise(
            by=agent,
            evaluation=evaluation,
            question=questions(card)["Explains next steps"],
            reason="I did explain",
            proposed=3,
        )


def sweep_at(when) -> dict:
    with time_machine.travel(when, tick=False):
        return sweep().sent


def due_at(when) -> list:
    with time_machine.travel(when, tick=False):
        return sorted((r.kind, r.recipient.email) for r in reminders.due_reminders(timezone.now()))


def set_language(user, language):
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])


def test_the_arbitrating_lead_is_reminded_once_in_german_after_three_days(
    lead, agent, chat_card, specialist
):
    set_language(lead, "de")
    dispute = disputed(specialist, agent, chat_card)
    assert sweep_at("2026-06-12 09:59:59 +02:00") == {}  # not yet three days
    assert sweep_at(DUE) == {OPEN: 1}
    assert sweep_at("2026-06-12 10:05 +02:00") == {}  # not again on the next sweep
    assert sweep_at("2026-06-20 10:00 +02:00") == {}
    (message,) = mail.outbox
    assert message.to == [lead.email]
    assert message.subject == "Der Einspruch von Jonas Agent zur Bewertung T-1 ist noch offen"
    assert "Hallo Lena," in message.body
    assert (
        "am 09.06.2026, 10:00 hat Jonas Agent Einspruch gegen die Antwort auf „Erklärt die nächsten "
        "Schritte“ in der Bewertung des Kontakts T-1 (Chat) durch Quinn Specialist eingelegt."
    ) in message.body
    assert (
        "Bitte nehmen Sie ihn auf der Seite der Bewertung mit einer Begründung an" in message.body
    )
    assert f"/qa/evaluations/{dispute.evaluation_id}/" in message.body
    assert list(ReminderLedger.objects.values_list("kind", "object_id", "recipient__email")) == [
        (OPEN, dispute.pk, lead.email)
    ]
    assert Notification.objects.filter(recipient=lead).count() == 1


def test_in_english_for_a_lead_who_reads_english(lead, agent, chat_card, specialist):
    set_language(lead, "en")
    dispute = disputed(specialist, agent, chat_card)
    assert sweep_at(DUE) == {OPEN: 1}
    (message,) = mail.outbox
    assert message.subject == "The dispute by Jonas Agent on the evaluation of T-1 is still open"
    assert "Hello Lena," in message.body
    assert "Jonas Agent disputed the answer to “Explains next steps” in the evaluation" in (
        message.body
    )
    assert "by Quinn Specialist. The dispute is still open" in message.body
    assert f"/qa/evaluations/{dispute.evaluation_id}/" in message.body


def test_no_reminder_once_the_dispute_is_decided(lead, agent, chat_card, specialist):
    dispute = disputed(specialist, agent, chat_card)
    with time_machine.travel("2026-06-11 16:00 +02:00", tick=False):
        services.dispute_decide(by=lead, dispute=dispute, outcome="rejected", reason="Not said")
    assert sweep_at(DUE) == {}
    assert due_at("2026-06-13 10:00 +02:00") == []
    assert mail.outbox == [] and not ReminderLedger.objects.exists()


def test_with_arbitration_the_evaluating_lead_is_replaced_by_hr_where_the_team_has_no_other_lead(
    lead, agent, team, chat_card, hr
):
    set_language(hr, "en")
    disputed(lead, agent, chat_card)
    assert due_at(DUE) == [(OPEN, hr.email)]  # the evaluator may not decide: never reminded
    second = make_lead(team, email="lead2@example.test")
    assert due_at(DUE) == [(OPEN, second.email)]  # another lead of the team arbitrates


def test_without_arbitration_the_evaluator_and_after_their_assignment_the_lead(
    settings, lead, agent, chat_card, specialist, team
):
    settings.QA_DISPUTE_ARBITRATION = False
    disputed(specialist, agent, chat_card)
    assert due_at(DUE) == [(OPEN, specialist.email)]
    TeamMembership.objects.filter(user=specialist, team=team).update(end=datetime.date(2026, 6, 10))
    assert due_at(DUE) == [(OPEN, lead.email)]  # the specialist no longer evaluates the agent
    assert sweep_at(DUE) == {OPEN: 1}
    (message,) = mail.outbox
    assert message.to == [lead.email]
    specialist.is_active = False
    specialist.save(update_fields=["is_active"])
    assert due_at(DUE) == [(OPEN, lead.email)]


def test_nothing_while_qa_is_off_nor_about_an_agent_who_left(
    settings, lead, agent, chat_card, specialist
):
    disputed(specialist, agent, chat_card)
    settings.WORKS_COUNCIL_FEATURES = {**settings.WORKS_COUNCIL_FEATURES, "qa": False}
    assert due_at(DUE) == []
    settings.WORKS_COUNCIL_FEATURES = {**settings.WORKS_COUNCIL_FEATURES, "qa": True}
    assert due_at(DUE) == [(OPEN, lead.email)]
    AgentProfile.objects.filter(user=agent).update(
        employment_status=AgentProfile.EmploymentStatus.LEFT
    )
    assert due_at(DUE) == []
    AgentProfile.objects.filter(user=agent).update(
        employment_status=AgentProfile.EmploymentStatus.ACTIVE
    )
    agent.is_active = False
    agent.save(update_fields=["is_active"])
    assert due_at(DUE) == []


def test_the_setting_moves_the_reminder(settings, lead, agent, chat_card, specialist):
    settings.QA_DISPUTE_REMINDER_DAYS = 5
    disputed(specialist, agent, chat_card)
    assert due_at(DUE) == []
    assert due_at("2026-06-14 10:00 +02:00") == [(OPEN, lead.email)]


def test_the_provider_reads_as_many_queries_for_ten_open_disputes_as_for_one(
    lead, agent, team, chat_card, specialist
):
    disputed(specialist, agent, chat_card)

    def queries() -> int:
        with (
            time_machine.travel(DUE, tick=False),
            CaptureQueriesContext(connection) as captured,
        ):
            reminders.due_reminders(timezone.now())
        return len(captured)

    one = queries()
    for n in range(9):
        other = make_agent(team, email=f"agent{n}@example.test")
        disputed(specialist if n % 2 else lead, other, chat_card, reference=f"T-{n + 2}")
    assert queries() == one
    assert len(due_at(DUE)) == 10
