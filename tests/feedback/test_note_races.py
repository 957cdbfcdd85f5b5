"""Two tabs (two database connections) interleave on one note: what the second recorded is never undone.

The edit page reads the note, another tab shares, delivers or acknowledges it and commits, and only then
is the edit saved. `note_update` reads the note again under a lock and writes only the fields it changes.
Each "other tab" runs in a thread of its own, so it has its own connection (PostgreSQL and SQLite alike).
"""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from feedback import services
from feedback.models import CoachingNote

from .factories import NoteFactory

pytestmark = pytest.mark.django_db(transaction=True)


def in_another_connection(action) -> None:
    """Run `action` to its commit on a connection of its own."""
    failures = []

    def run():
        try:
            action()
        except Exception as error:  # re-raised in the test's thread
            failures.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=30)
    assert not thread.is_alive(), "the other connection did not finish"
    if failures:
        raise failures[0]


def fresh(note) -> CoachingNote:
    return CoachingNote.objects.get(pk=note.pk)


def edit(note, by, **changes):
    fields = {f: getattr(note, f) for f in services.HISTORY_FIELDS}
    return services.note_update(note=note, by=by, **{**fields, **changes})


@pytest.fixture
def note(lead, agent):
    return NoteFactory(
        author=lead, agent=agent, observed_at=timezone.now() - datetime.timedelta(hours=2)
    )


def test_an_edit_keeps_a_share_recorded_in_another_tab_after_the_edit_page_was_read(lead, note):
    read_by_the_edit_page = fresh(note)
    in_another_connection(lambda: services.note_share(note=fresh(note), by=lead))
    edit(read_by_the_edit_page, lead, situation="Rephrased after sharing.")
    note.refresh_from_db()
    assert note.shared_at is not None
    assert note.situation == "Rephrased after sharing."


def test_an_edit_keeps_a_delivery_recorded_in_another_tab_after_the_edit_page_was_read(lead, note):
    read_by_the_edit_page = fresh(note)
    in_another_connection(lambda: services.note_deliver(note=fresh(note), by=lead, method="call"))
    edit(read_by_the_edit_page, lead, effect="The customer calmed down.")
    note.refresh_from_db()
    assert (note.delivery_method, note.effect) == ("call", "The customer calmed down.")
    assert note.delivered_at is not None and note.shared_at is not None


def test_an_edit_after_the_agent_acknowledged_in_another_tab_is_refused_not_saved(
    lead, agent, note
):
    services.note_share(note=note, by=lead)
    read_by_the_edit_page = fresh(note)
    in_another_connection(lambda: services.note_acknowledge(note=fresh(note), by=agent))
    with pytest.raises(ValidationError):
        edit(read_by_the_edit_page, lead, situation="Changed after the agent read it.")
    note.refresh_from_db()
    assert note.acknowledged_at is not None
    assert note.situation != "Changed after the agent read it."
