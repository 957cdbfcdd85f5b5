"""Notes change with a trace: a shared note keeps its earlier wording; an acknowledged one is locked."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from feedback import selectors, services
from feedback.models import CoachingNote, NoteRevision
from people.periods import Quarter

from .factories import NoteFactory

pytestmark = pytest.mark.django_db


def edit(note, lead, **changes):
    fields = {f: getattr(note, f) for f in services.HISTORY_FIELDS}
    return services.note_update(note=note, by=lead, **{**fields, **changes})


@pytest.fixture
def shared(lead, agent):
    return NoteFactory(
        author=lead,
        agent=agent,
        situation="Interrupted the customer twice.",
        observed_at=timezone.now() - datetime.timedelta(hours=2),
        shared_at=timezone.now(),
    )


def test_editing_a_private_note_keeps_no_history(lead, agent):
    note = NoteFactory(
        author=lead, agent=agent, observed_at=timezone.now() - datetime.timedelta(hours=1)
    )
    edit(note, lead, situation="Interrupted once.")
    assert not NoteRevision.objects.exists()


def test_editing_a_shared_note_keeps_the_earlier_wording(lead, shared):
    edit(shared, lead, situation="Interrupted the customer once.")
    [revision] = shared.revisions.all()
    assert revision.situation == "Interrupted the customer twice."
    assert revision.changed_by == lead
    assert CoachingNote.objects.get(pk=shared.pk).situation == "Interrupted the customer once."


def test_saving_a_shared_note_unchanged_adds_no_version(lead, shared):
    edit(shared, lead)
    assert not shared.revisions.exists()


@pytest.mark.parametrize("role", ["agent", "lead"])
def test_the_agent_and_the_lead_see_what_changed_and_when(cast, shared, login, role):
    edit(shared, cast["lead"], situation="Interrupted the customer once.")
    client = login(cast[role])
    detail = client.get(shared.get_absolute_url()).content.decode()
    assert "Changed on" in detail and "Interrupted the customer twice." in detail
    assert "changed on" in client.get(f"/agents/{cast['agent'].pk}/feedback/").content.decode()


def test_an_acknowledged_note_is_locked(lead, shared):
    services.note_acknowledge(note=shared, by=shared.agent)
    with pytest.raises(ValidationError, match="stays as they read it"):
        edit(shared, lead, situation="Something else.")
    assert CoachingNote.objects.get(pk=shared.pk).situation == "Interrupted the customer twice."


def test_a_note_acknowledged_while_the_lead_was_editing_stays_locked(lead, shared):
    stale = CoachingNote.objects.get(pk=shared.pk)
    services.note_acknowledge(note=shared, by=shared.agent)
    with pytest.raises(ValidationError):
        edit(stale, lead, situation="Something else.")


def test_the_edit_page_of_an_acknowledged_note_leads_to_a_correction(lead, shared, login):
    services.note_acknowledge(note=shared, by=shared.agent)
    client = login(lead)
    response = client.get(f"/feedback/notes/{shared.pk}/edit/")
    assert (
        response.status_code == 302
        and response["Location"] == f"/feedback/notes/{shared.pk}/correct/"
    )
    client.post(
        f"/feedback/notes/{shared.pk}/edit/",
        {
            "agent": shared.agent_id,
            "observed_at": "2020-01-01T10:00",
            "channel": "phone",
            "kind": "praise",
            "situation": "Rewritten.",
        },
    )
    assert CoachingNote.objects.get(pk=shared.pk).situation == "Interrupted the customer twice."


def test_a_correction_is_a_new_linked_note_shared_at_once(lead, agent, shared, login):
    services.note_deliver(note=shared, by=shared.author, method="call")
    services.note_acknowledge(note=shared, by=shared.agent)
    response = login(lead).post(
        f"/feedback/notes/{shared.pk}/correct/",
        {"kind": "improvement", "situation": "Interrupted the customer once, not twice."},
    )
    correction = CoachingNote.objects.get(corrects=shared)
    assert response["Location"] == correction.get_absolute_url()
    assert correction.is_shared and not correction.is_locked
    assert (correction.observed_at, correction.delivered_at) == (
        shared.observed_at,
        shared.delivered_at,
    )
    assert CoachingNote.objects.get(pk=shared.pk).situation == "Interrupted the customer twice."
    original = login(agent).get(shared.get_absolute_url()).content.decode()
    assert "Corrected on" in original and correction.get_absolute_url() in original
    assert (
        "This note corrects an earlier one"
        in login(agent).get(correction.get_absolute_url()).content.decode()
    )
    assert [item.url for item in login(agent).get("/me/").context["for_you"]] == [
        correction.get_absolute_url()
    ]


def test_a_note_not_yet_acknowledged_is_edited_not_corrected(lead, shared, login):
    with pytest.raises(ValidationError):
        services.note_correct(note=shared, author=lead, kind="praise", situation="x")
    assert (
        login(lead).get(f"/feedback/notes/{shared.pk}/correct/")["Location"]
        == f"/feedback/notes/{shared.pk}/edit/"
    )


def test_a_correction_with_no_text_is_refused_and_nothing_is_saved(lead, shared, login):
    services.note_acknowledge(note=shared, by=shared.agent)
    response = login(lead).post(
        f"/feedback/notes/{shared.pk}/correct/", {"kind": "praise", "situation": ""}
    )
    assert response.status_code == 200 and response.context["form"].errors
    assert not CoachingNote.objects.filter(corrects=shared).exists()


@time_machine.travel(datetime.datetime(2026, 11, 10, 12, 0, tzinfo=datetime.UTC), tick=False)
def test_corrections_do_not_count_twice_in_timeliness(lead, agent):
    note = NoteFactory(
        author=lead,
        agent=agent,
        observed_at=timezone.now() - datetime.timedelta(hours=2),
        shared_at=timezone.now(),
    )
    services.note_deliver(note=note, by=note.author, method="call")
    services.note_acknowledge(note=note, by=note.agent)
    services.note_correct(note=note, author=lead, kind="improvement", situation="Once, not twice.")
    [row] = selectors.timeliness_by_quarter(CoachingNote.objects.all(), [Quarter.current()])
    assert (row.notes, row.in_time) == (1, 1)
