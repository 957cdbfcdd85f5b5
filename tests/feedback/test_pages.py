import datetime

import pytest
from django.utils import timezone

from feedback.models import CoachingNote, UpwardFeedback

from .test_notes import make_note

pytestmark = pytest.mark.django_db


def test_a_lead_logs_a_note_in_one_form(cast, login):
    observed = timezone.localtime() - datetime.timedelta(hours=1)
    response = login(cast["lead"]).post(
        "/feedback/new/",
        {
            "agent": cast["agent"].pk,
            "observed_at": observed.strftime("%Y-%m-%dT%H:%M"),
            "channel": "chat",
            "kind": "praise",
            "situation": "Calmed an angry customer",
            "effect": "No escalation",
            "next_step": "Keep it",
        },
    )
    note = CoachingNote.objects.get()
    assert response.status_code == 302 and response.url == f"/feedback/notes/{note.pk}/"
    assert (note.author, note.channel, note.kind) == (cast["lead"], "chat", "praise")


def test_an_observation_in_the_future_gives_a_form_error(cast, login):
    future = timezone.localtime() + datetime.timedelta(days=1)
    response = login(cast["lead"]).post(
        "/feedback/new/",
        {
            "agent": cast["agent"].pk,
            "observed_at": future.strftime("%Y-%m-%dT%H:%M"),
            "channel": "phone",
            "kind": "praise",
            "situation": "x",
        },
    )
    assert response.status_code == 200
    assert "is in the future: the latest date possible here is today" in response.content.decode()
    assert not CoachingNote.objects.exists()


def test_a_lead_cannot_pick_an_agent_of_another_team(cast, login):
    response = login(cast["lead"]).post(
        "/feedback/new/",
        {
            "agent": cast["other_agent"].pk,
            "observed_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "channel": "phone",
            "kind": "praise",
            "situation": "x",
        },
    )
    assert response.status_code == 200
    assert not CoachingNote.objects.exists()


def test_delivering_before_the_observation_gives_a_form_error(cast, login):
    note = make_note(cast["lead"], cast["agent"])
    before = timezone.localtime(note.observed_at) - datetime.timedelta(hours=2)
    response = login(cast["lead"]).post(
        f"/feedback/notes/{note.pk}/deliver/",
        {"method": "in_person", "delivered_at": before.strftime("%Y-%m-%dT%H:%M")},
    )
    assert (
        "The feedback cannot have been given before the observation." in response.content.decode()
    )
    note.refresh_from_db()
    assert note.delivered_at is None


def test_the_lead_delivers_and_the_agent_acknowledges_with_a_comment(cast, login):
    note = make_note(
        cast["lead"], cast["agent"], observed_at=timezone.now() - datetime.timedelta(hours=3)
    )
    login(cast["lead"]).post(
        f"/feedback/notes/{note.pk}/deliver/",
        {"method": "in_person", "delivered_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M")},
    )
    client = login(cast["agent"])
    assert "Interrupted the customer twice." in client.get("/me/").content.decode()
    client.post(
        f"/feedback/notes/{note.pk}/acknowledge/",
        {"comment": "Understood.", "confirmation": "given"},
    )
    note.refresh_from_db()
    assert note.acknowledged_at and note.agent_comment == "Understood."


def test_mutating_note_views_need_post_and_the_right_person(cast, login):
    note = make_note(cast["lead"], cast["agent"])
    assert login(cast["lead"]).get(f"/feedback/notes/{note.pk}/share/").status_code == 405
    assert login(cast["other_lead"]).post(f"/feedback/notes/{note.pk}/share/").status_code == 404
    assert (
        login(cast["colleague"]).post(f"/feedback/notes/{note.pk}/acknowledge/").status_code == 404
    )
    assert login(cast["lead"]).post("/feedback/notes/999999/share/").status_code == 404
    note.refresh_from_db()
    assert not note.is_shared


class TestUpwardFeedback:
    def give(self, client, lead, anonymous):
        return client.post(
            "/feedback/upward/new/",
            {
                "lead": lead.pk,
                "clarity": "4",
                "support": "5",
                "fairness": "3",
                "comment": "More 1:1s please",
                **({"anonymous": "on"} if anonymous else {}),
            },
        )

    def test_an_agent_gives_feedback_anonymously_and_no_author_is_stored(self, cast, login):
        assert self.give(login(cast["agent"]), cast["lead"], anonymous=True).status_code == 302
        assert UpwardFeedback.objects.get().author is None

    def test_an_agent_cannot_rate_another_teams_lead(self, cast, login):
        response = self.give(login(cast["agent"]), cast["other_lead"], anonymous=False)
        assert response.status_code == 200
        assert not UpwardFeedback.objects.exists()

    def test_named_feedback_shows_with_the_name(self, cast, login):
        self.give(login(cast["agent"]), cast["lead"], anonymous=False)
        body = login(cast["lead"]).get("/feedback/upward/").content.decode()
        assert "Jonas Agent" in body and "More 1:1s please" in body

    @pytest.mark.parametrize(
        "role,status", [("hr", 200), ("admin", 200), ("lead", 404), ("agent", 404)]
    )
    def test_hr_sees_the_aggregate_per_lead(self, cast, login, role, status):
        assert login(cast[role]).get("/hr/upward/").status_code == status


def test_the_inbox_needs_as_many_queries_for_50_notes_as_for_5(cast, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ..skills.factories import SkillFactory

    client = login(cast["lead"])

    def count(url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    skill = SkillFactory()
    for _ in range(5):
        make_note(cast["lead"], cast["agent"], skills=[skill])
    few = {
        url: count(url)
        for url in ("/feedback/", f"/agents/{cast['agent'].pk}/feedback/", "/dashboard/")
    }
    for _ in range(45):
        make_note(cast["lead"], cast["colleague"], skills=[skill])
        make_note(cast["lead"], cast["agent"], skills=[skill])
    assert {url: count(url) for url in few} == few


def test_the_same_note_form_posted_twice_saves_one_note(cast, login):
    import re

    client = login(cast["lead"])
    token = re.search(
        r'name="submit_token" value="([^"]+)"', client.get("/feedback/new/").content.decode()
    ).group(1)
    observed = timezone.localtime() - datetime.timedelta(hours=1)
    fields = {
        "agent": cast["agent"].pk,
        "observed_at": observed.strftime("%Y-%m-%dT%H:%M"),
        "channel": "chat",
        "kind": "praise",
        "situation": "Calmed an angry customer",
        "effect": "No escalation",
        "next_step": "Keep it",
        "submit_token": token,
    }
    first = client.post("/feedback/new/", fields)
    again = client.post("/feedback/new/", fields)  # Back and Save, a reload, a double click
    note = CoachingNote.objects.get()
    assert first.url == again.url == f"/feedback/notes/{note.pk}/"
    fresh = re.search(
        r'name="submit_token" value="([^"]+)"', client.get("/feedback/new/").content.decode()
    ).group(1)
    assert fresh != token
    client.post("/feedback/new/", {**fields, "submit_token": fresh})
    assert CoachingNote.objects.count() == 2  # a new form is a new note
