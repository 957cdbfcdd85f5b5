"""Delivery and acknowledgement agree: an agent who confirmed reading a shared note received the
feedback in writing when it was shared, unless the lead recorded another delivery; the inbox, the
reminders and the timeliness figures follow."""

import datetime
import importlib

import pytest
import time_machine
from django.apps import apps

from feedback import reminders, selectors, services
from feedback.models import CoachingNote
from people.periods import Quarter

pytestmark = pytest.mark.django_db
OBSERVED = datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.UTC)  # due 5 Nov, 09:00 UTC
SHARED = OBSERVED + datetime.timedelta(hours=2)
READ = OBSERVED + datetime.timedelta(days=5)  # after the window


def _shared_note(lead, agent) -> CoachingNote:
    with time_machine.travel(OBSERVED + datetime.timedelta(minutes=30), tick=False):
        note = services.note_create(
            author=lead,
            agent=agent,
            observed_at=OBSERVED,
            channel="phone",
            kind="praise",
            situation="Calm with an angry caller",
        )
    with time_machine.travel(SHARED, tick=False):
        services.note_share(note=note, by=lead)
    return note


def test_an_acknowledged_note_counts_as_given_in_writing_when_it_was_shared(lead, agent):
    note = _shared_note(lead, agent)
    with time_machine.travel(READ, tick=False):
        services.note_acknowledge(note=note, by=agent)
        note.refresh_from_db()
        assert (note.delivered_at, note.delivery_method) == (SHARED, CoachingNote.Method.WRITTEN)
        assert note.delivered_in_time
        assert note.traffic_light() == "done"
        assert note not in selectors.inbox(lead)  # the lead is not chased
        assert all(r.subject.pk != note.pk for r in reminders.due_reminders(READ))
        quarter = Quarter.containing(OBSERVED)
        rows = selectors.timeliness_by_quarter(CoachingNote.objects.all(), [quarter])
        assert (rows[0].notes, rows[0].in_time) == (1, 1)


def test_a_delivery_the_lead_recorded_stays(lead, agent):
    note = _shared_note(lead, agent)
    with time_machine.travel(OBSERVED + datetime.timedelta(days=1), tick=False):
        services.note_deliver(note=note, by=lead, method=CoachingNote.Method.CALL)
    with time_machine.travel(READ, tick=False):
        services.note_acknowledge(note=note, by=agent)
    note.refresh_from_db()
    assert note.delivery_method == CoachingNote.Method.CALL
    assert note.delivered_at == OBSERVED + datetime.timedelta(days=1)


def test_notes_acknowledged_before_this_change_are_delivered_by_the_migration(lead, agent):
    note = _shared_note(lead, agent)
    CoachingNote.objects.filter(pk=note.pk).update(acknowledged_at=READ)
    migration = importlib.import_module(
        "feedback.migrations.0005_acknowledged_notes_count_as_delivered"
    )
    migration.forwards(apps, None)
    note.refresh_from_db()
    assert (note.delivered_at, note.delivery_method) == (SHARED, "written")
