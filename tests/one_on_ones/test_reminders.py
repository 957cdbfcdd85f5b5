"""One-on-one reminders through the notification ledger: the day before to both people, after the
meeting to both when notes or owners are missing; each exactly once, in each recipient's
language, never to a former lead, never while the works agreement switches one-on-ones off."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from notifications.services import sweep
from one_on_ones import reminders, services

from .factories import first_meeting

pytestmark = pytest.mark.django_db
SET_UP = "2026-12-07 09:00 +01:00"  # the first meeting is on 14.12.2026 at 10:00


@pytest.fixture
def meeting(lead, agent, settings):
    settings.REMINDER_PROVIDERS = ["one_on_ones.reminders.due_reminders"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(SET_UP, tick=False):
        return first_meeting(lead, agent)


def kinds_and_people(found) -> list:
    return sorted((r.kind, r.recipient.email) for r in found)


def test_the_day_before_both_are_asked_for_their_points_once_each_in_their_language(
    meeting, lead, agent
):
    agent.preferred_language = "de"
    agent.save(update_fields=["preferred_language"])
    with time_machine.travel("2026-12-12 10:00 +01:00", tick=False):
        assert reminders.due_reminders(timezone.now()) == []  # two days before
    with time_machine.travel("2026-12-13 10:30 +01:00", tick=False):
        assert sweep().sent == {"one_on_one_prepare": 2}
        assert sweep().sent == {}
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects[lead.email] == "One-on-one with Jonas Agent: add your points"
    assert subjects[agent.email] == "Einzelgespräch mit Lena Lead: Ihre Punkte hinzufügen"


def test_after_a_meeting_without_notes_or_owners_both_are_reminded_once_in_their_language(
    meeting, lead, agent
):
    from notifications.models import ReminderLedger

    agent.preferred_language = "de"
    agent.save(update_fields=["preferred_language"])
    with time_machine.travel("2026-12-14 10:20 +01:00", tick=False):
        assert reminders.due_reminders(timezone.now()) == []  # still going on
    with time_machine.travel("2026-12-14 11:00 +01:00", tick=False):
        assert kinds_and_people(reminders.due_reminders(timezone.now())) == [
            ("one_on_one_follow_up", agent.email),
            ("one_on_one_follow_up", lead.email),
        ]
        services.shared_note_add(meeting=meeting, by=agent, text="We agreed on the chat training")
        assert reminders.due_reminders(timezone.now()) == []
        services.action_item_add(meeting=meeting, by=lead, text="Ask HR", owner=None, due_on=None)
        assert sweep().sent == {"one_on_one_follow_up": 2}
        assert sweep().sent == {}
    ledger = ReminderLedger.objects.filter(kind="one_on_one_follow_up")
    assert sorted(ledger.values_list("recipient__email", flat=True)) == sorted(
        [lead.email, agent.email]
    )
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects[lead.email] == "One-on-one with Jonas Agent: notes and owners missing"
    assert subjects[agent.email].startswith("Einzelgespräch mit Lena Lead:")
    with time_machine.travel("2026-12-17 11:00 +01:00", tick=False):
        assert reminders.due_reminders(timezone.now()) == []  # too long ago


def test_nobody_is_reminded_of_a_former_leads_meeting_or_while_switched_off(
    meeting, lead, agent, team, other_team, settings
):
    from people.models import TeamMembership

    with time_machine.travel("2026-12-13 10:30 +01:00", tick=False):
        settings.WORKS_COUNCIL_FEATURES = {
            **settings.WORKS_COUNCIL_FEATURES,
            "one_on_ones": False,
        }
        assert reminders.due_reminders(timezone.now()) == []
        settings.WORKS_COUNCIL_FEATURES = {**settings.WORKS_COUNCIL_FEATURES, "one_on_ones": True}
        TeamMembership.objects.filter(user=lead, team=team).update(
            end=timezone.localdate() - datetime.timedelta(days=1)
        )
        assert reminders.due_reminders(timezone.now()) == []
