import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from feedback import selectors, services
from feedback.models import CoachingNote

from ..skills.factories import SkillFactory
from .factories import NoteFactory

pytestmark = pytest.mark.django_db
NOW = "2026-06-09 09:00 +02:00"


def make_note(lead, agent, **kwargs):
    defaults = {
        "channel": "phone",
        "kind": "improvement",
        "situation": "Interrupted the customer twice.",
    }
    return services.note_create(author=lead, agent=agent, **{**defaults, **kwargs})


@time_machine.travel(NOW, tick=False)
def test_a_note_is_private_and_due_one_window_after_the_observation(lead, agent):
    note = make_note(lead, agent)
    assert not note.is_shared
    assert note.feedback_due_at == timezone.now() + datetime.timedelta(hours=72)


@time_machine.travel(NOW, tick=False)
def test_an_observation_in_the_future_is_refused(lead, agent):
    with pytest.raises(ValidationError):
        make_note(lead, agent, observed_at=timezone.now() + datetime.timedelta(minutes=5))
    assert not CoachingNote.objects.exists()


def test_only_the_agents_current_lead_writes_notes(other_lead, agent):
    with pytest.raises(ValidationError):
        make_note(other_lead, agent)


@time_machine.travel(NOW, tick=False)
def test_feedback_cannot_be_given_before_the_observation(lead, agent):
    note = make_note(lead, agent)
    with pytest.raises(ValidationError):
        services.note_deliver(
            note=note,
            by=lead,
            method="in_person",
            delivered_at=note.observed_at - datetime.timedelta(hours=1),
        )
    note.refresh_from_db()
    assert note.delivered_at is None


@time_machine.travel(NOW, tick=False)
def test_delivering_records_when_and_how_and_shares_the_note(lead, agent):
    note = make_note(lead, agent, observed_at=timezone.now() - datetime.timedelta(hours=5))
    services.note_deliver(note=note, by=note.author, method="call")
    assert note.is_shared and note.delivery_method == "call" and note.delivered_in_time


def test_the_agent_acknowledges_only_shared_notes_and_may_comment(lead, agent):
    note = make_note(lead, agent)
    with pytest.raises(Http404):  # a private note does not exist for the agent
        services.note_acknowledge(note=note, by=note.agent)
    services.note_share(note=note, by=note.author)
    services.note_acknowledge(note=note, by=note.agent, comment="Thanks, I'll let them finish.")
    assert note.acknowledged_at and note.agent_comment == "Thanks, I'll let them finish."


def test_private_notes_are_for_the_lead_only(cast):
    private = make_note(cast["lead"], cast["agent"])
    shared = services.note_share(note=make_note(cast["lead"], cast["agent"]), by=cast["lead"])
    assert set(selectors.notes_visible_to(cast["lead"])) == {private, shared}
    assert set(selectors.notes_visible_to(cast["agent"])) == {shared}
    assert set(selectors.notes_visible_to(cast["hr"])) == {shared}
    assert set(selectors.notes_visible_to(cast["admin"])) == {shared}
    assert set(selectors.notes_visible_to(cast["colleague"])) == set()
    assert set(selectors.notes_visible_to(cast["other_lead"])) == set()


@time_machine.travel(NOW, tick=False)
def test_the_inbox_lists_undelivered_notes_overdue_first(lead, agent, colleague):
    now = timezone.now()
    late = make_note(lead, agent, observed_at=now - datetime.timedelta(days=4))
    soon = make_note(lead, colleague, observed_at=now - datetime.timedelta(days=2, hours=12))
    fresh = make_note(lead, agent, observed_at=now - datetime.timedelta(hours=1))
    services.note_deliver(
        note=make_note(lead, agent, observed_at=now - datetime.timedelta(hours=2)),
        by=lead,
        method="call",
    )
    assert list(selectors.inbox(lead)) == [late, soon, fresh]


def test_skills_with_feedback_counts_only_shared_notes_of_the_period(lead, agent):
    heard, private_only = SkillFactory(), SkillFactory()
    services.note_share(note=make_note(lead, agent, skills=[heard]), by=lead)
    make_note(lead, agent, skills=[private_only])
    start = timezone.now() - datetime.timedelta(days=1)
    end = timezone.now() + datetime.timedelta(days=1)
    assert selectors.skill_ids_with_feedback(agent, start, end) == {heard.pk}
    assert [n.skills.count() for n in selectors.notes_in_period(lead, agent, start, end)] == [1]


def test_timeliness_counts_in_time_deliveries_and_the_median_hours(lead, agent):
    from people.periods import Quarter

    quarter = Quarter(2026, 2)
    base = quarter.start + datetime.timedelta(days=10)
    for hours in (10, 30, 100):  # the last one is after the 72 h window
        NoteFactory(
            agent=agent,
            author=lead,
            observed_at=base,
            delivered_at=base + datetime.timedelta(hours=hours),
        )
    NoteFactory(agent=agent, author=lead, observed_at=base)  # never given, window long closed
    [row] = selectors.timeliness_by_quarter(CoachingNote.objects.all(), [quarter])
    assert (row.notes, row.in_time, row.share, row.median_hours) == (4, 2, 50, 30.0)
    [(author_id, by_lead)] = selectors.timeliness_by_lead(quarter)
    assert author_id == lead.pk and by_lead.share == 50


def test_an_open_window_does_not_count_as_late_yet(lead, agent):
    from people.periods import Quarter

    NoteFactory(agent=agent, author=lead)
    [row] = selectors.timeliness_by_quarter(CoachingNote.objects.all(), [Quarter.current()])
    assert row.notes == 0


def test_timeliness_per_team_counts_the_notes_about_each_teams_agents(
    lead, agent, other_lead, other_agent, team, other_team
):
    from people.periods import Quarter

    quarter = Quarter(2026, 2)
    base = quarter.start + datetime.timedelta(days=10)
    NoteFactory(
        agent=agent, author=lead, observed_at=base, delivered_at=base + datetime.timedelta(hours=10)
    )
    NoteFactory(agent=other_agent, author=other_lead, observed_at=base)
    rows = selectors.timeliness_by_team(CoachingNote.objects.all(), [team, other_team], [quarter])
    assert [(t, r[0].notes, r[0].share) for t, r in rows] == [(team, 1, 100), (other_team, 1, 0)]


def test_timeliness_of_one_team_counts_only_the_notes_about_its_agents(
    lead, agent, other_lead, other_agent, team
):
    from people.periods import Quarter

    quarter = Quarter(2026, 2)
    base = quarter.start + datetime.timedelta(days=10)
    NoteFactory(
        agent=agent, author=lead, observed_at=base, delivered_at=base + datetime.timedelta(hours=10)
    )
    NoteFactory(agent=other_agent, author=other_lead, observed_at=base)
    [(shown, [row])] = selectors.timeliness_by_team(CoachingNote.objects.all(), [team], [quarter])
    assert (shown, row.notes, row.share) == (team, 1, 100)


def test_the_inbox_pages_its_notes_and_counts_them_in_one_query(cast, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from feedback.models import CoachingNote

    for n in range(27):
        make_note(
            cast["lead"], cast["agent"], observed_at=timezone.now() - datetime.timedelta(hours=n)
        )
    client = login(cast["lead"])
    with CaptureQueriesContext(connection) as ctx:
        first = client.get("/feedback/")
    inbox_reads = [
        q["sql"]
        for q in ctx.captured_queries
        if '"feedback_coachingnote"' in q["sql"] and '"delivered_at" IS NULL' in q["sql"]
    ]
    assert len(inbox_reads) == 1 and "LIMIT 25" in inbox_reads[0]  # the page and the count together
    assert (
        len(first.context["page_obj"]) == 25 and first.context["page_obj"].paginator.num_pages == 2
    )
    second = client.get("/feedback/?page=2").context["page_obj"]
    assert len(second) == 2 and second.number == 2
    assert (
        client.get("/feedback/?page=9").context["page_obj"].number == 2
    )  # past the end: the last page
    assert client.get("/feedback/?page=x").context["page_obj"].number == 1
    assert client.get(f"/feedback/?page={10**30}").context["page_obj"].number == 2
    shown = [n.pk for page in (first.context["page_obj"], second) for n in page]
    assert sorted(shown) == sorted(CoachingNote.objects.values_list("pk", flat=True))
