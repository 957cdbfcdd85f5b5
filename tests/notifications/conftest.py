"""Helpers for the reminder tests: many due reminders at once, and a clock that lets leases run out."""

import datetime
from collections import Counter

import pytest
from django.core import mail
from django.db.models import Value
from django.db.models.functions import Now
from django.utils import timezone

from feedback.models import CoachingNote
from notifications.models import Notification, ReminderLedger
from tests.factories import TeamFactory, make_agent, make_lead

SWEEP_TIME = "2026-06-12 10:00 +02:00"


@pytest.fixture
def feedback_reminders_only(settings):
    settings.REMINDER_PROVIDERS = ["feedback.reminders.due_reminders"]


def make_due_notes(count: int, *, agents_per_team: int = 10, now=None) -> list[CoachingNote]:
    """`count` undelivered notes whose feedback window passed an hour ago: one "missed" reminder each."""
    now = now or timezone.now()
    notes = []
    teams = max(1, -(-count // (agents_per_team * 5)))
    pairs = []
    for _ in range(teams):
        team = TeamFactory()
        lead = make_lead(team)
        pairs += [(lead, make_agent(team)) for _ in range(agents_per_team)]
    for i in range(count):
        lead, agent = pairs[i % len(pairs)]
        observed = now - datetime.timedelta(days=3, hours=1, minutes=i % 50)
        notes.append(
            CoachingNote(
                agent=agent,
                author=lead,
                observed_at=observed,
                feedback_due_at=observed + datetime.timedelta(days=3),
                situation=f"Call {i}",
            )
        )
    return CoachingNote.objects.bulk_create(notes)


def expire_leases():
    """As if every lease had run out, by the database's clock."""
    ReminderLedger.objects.exclude(claimed_until=None).update(
        claimed_until=Now() - Value(datetime.timedelta(seconds=1))
    )


def emails_per_row() -> Counter:
    """Ledger row id → e-mails in the outbox carrying its Message-ID."""
    counts = Counter()
    for message in mail.outbox:
        counts[int(message.extra_headers["Message-ID"].split(".")[1])] += 1
    return counts


def bells_per_row() -> Counter:
    return Counter(
        Notification.objects.exclude(reminder=None).values_list("reminder_id", flat=True)
    )
