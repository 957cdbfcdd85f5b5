"""Private means the author: an unshared note is seen, changed and shared by its author alone.

A new lead (after the agent moved, or when the team got a new lead), a co-lead, HR and
admins see only what was shared with the agent: on the note itself, its actions and every
list that shows notes.
"""

import datetime

import pytest
import time_machine
from django.utils import timezone

from feedback import selectors, services
from people import access
from people import services as people_services
from people.models import TeamMembership
from people.periods import Quarter
from reviews import services as review_services

from ..factories import make_lead, personnel_admin
from .test_notes import make_note

pytestmark = pytest.mark.django_db
NOW = "2026-06-09 09:00 +02:00"
PRIVATE_TEXT = "Private working note: sounded bored on call 4711"
SHARED_TEXT = "Shared feedback: calm tone with an angry customer"


@pytest.fixture
def notes(cast):
    """The lead's private and shared note about the agent, both observed an hour ago."""
    observed = timezone.now() - datetime.timedelta(hours=1)
    private = make_note(cast["lead"], cast["agent"], situation=PRIVATE_TEXT, observed_at=observed)
    shared = services.note_share(
        by=cast["lead"],
        note=make_note(cast["lead"], cast["agent"], situation=SHARED_TEXT, observed_at=observed),
    )
    return private, shared


def _lead_leaves_and_new_lead_takes_over(team):
    TeamMembership.objects.current().leads().filter(team=team).update(end=timezone.localdate())
    return make_lead(team, email="new.lead@example.test", first_name="Nina", last_name="Newlead")


@pytest.fixture(params=["agent_moved", "team_got_new_lead", "co_lead"])
def other_lead_of_the_agent(request, cast, team, other_team, notes):
    """A lead who now leads the agent but did not write the notes."""
    if request.param == "agent_moved":
        people_services.agent_move_to_team(
            agent=cast["agent"], team=other_team, by=personnel_admin()
        )
        return cast["other_lead"]
    if request.param == "team_got_new_lead":
        return _lead_leaves_and_new_lead_takes_over(team)
    return make_lead(team, email="co.lead@example.test", first_name="Cora", last_name="Colead")


def test_another_lead_of_the_agent_gets_404_on_a_private_note_and_its_actions(
    other_lead_of_the_agent, notes, login
):
    private, shared = notes
    client = login(other_lead_of_the_agent)
    assert client.get(f"/feedback/notes/{private.pk}/").status_code == 404
    assert client.get(f"/feedback/notes/{private.pk}/edit/").status_code == 404
    assert (
        client.post(f"/feedback/notes/{private.pk}/edit/", {"situation": "overwritten"}).status_code
        == 404
    )
    assert client.post(f"/feedback/notes/{private.pk}/share/").status_code == 404
    assert (
        client.post(f"/feedback/notes/{private.pk}/deliver/", {"method": "call"}).status_code == 404
    )
    private.refresh_from_db()
    assert private.shared_at is None and private.situation == PRIVATE_TEXT
    assert client.get(f"/feedback/notes/{shared.pk}/").status_code == 200


def test_another_lead_of_the_agent_does_not_change_a_note_shared_by_its_author(
    other_lead_of_the_agent, notes, login
):
    _private, shared = notes
    client = login(other_lead_of_the_agent)
    assert client.get(f"/feedback/notes/{shared.pk}/edit/").status_code == 404
    assert (
        client.post(f"/feedback/notes/{shared.pk}/deliver/", {"method": "call"}).status_code == 404
    )
    assert (
        "Record feedback given" not in client.get(f"/feedback/notes/{shared.pk}/").content.decode()
    )


def test_another_lead_of_the_agent_sees_no_private_note_in_any_list(
    other_lead_of_the_agent, cast, notes, login
):
    client = login(other_lead_of_the_agent)
    agent = cast["agent"]
    for url in (
        "/dashboard/",
        "/feedback/",
        f"/agents/{agent.pk}/",
        f"/agents/{agent.pk}/feedback/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert PRIVATE_TEXT not in response.content.decode(), url
    assert SHARED_TEXT in client.get(f"/agents/{agent.pk}/feedback/").content.decode()


def test_the_author_sees_changes_and_shares_their_private_note(cast, notes, login):
    private, _shared = notes
    client = login(cast["lead"])
    assert PRIVATE_TEXT in client.get(f"/feedback/notes/{private.pk}/").content.decode()
    for url in (
        "/dashboard/",
        "/feedback/",
        f"/agents/{cast['agent'].pk}/",
        f"/agents/{cast['agent'].pk}/feedback/",
    ):
        assert PRIVATE_TEXT in client.get(url).content.decode(), url
    assert client.get(f"/feedback/notes/{private.pk}/edit/").status_code == 200
    assert (
        client.post(f"/feedback/notes/{private.pk}/share/", {"confirmation": "given"}).status_code
        == 302
    )
    private.refresh_from_db()
    assert private.is_shared


def test_hr_and_admins_see_no_private_note_on_the_agent_pages(cast, notes, login):
    for role in ("hr", "admin"):
        client = login(cast[role])
        for url in (
            f"/agents/{cast['agent'].pk}/",
            f"/agents/{cast['agent'].pk}/feedback/",
            "/hr/",
        ):
            assert PRIVATE_TEXT not in client.get(url).content.decode(), (role, url)


def test_the_former_lead_keeps_their_own_notes_but_no_longer_changes_them(cast, team, notes, login):
    private, _shared = notes
    _lead_leaves_and_new_lead_takes_over(team)
    client = login(cast["lead"])
    assert client.get(f"/feedback/notes/{private.pk}/").status_code == 200
    assert client.get(f"/feedback/notes/{private.pk}/edit/").status_code == 404
    assert client.post(f"/feedback/notes/{private.pk}/share/").status_code == 404
    assert PRIVATE_TEXT not in client.get("/feedback/").content.decode()


def test_a_deactivated_author_has_no_private_notes(cast, notes):
    private, _shared = notes
    cast["lead"].is_active = False
    assert not selectors.notes_visible_to(cast["lead"]).filter(pk=private.pk).exists()
    assert not selectors.notes_changeable_by(cast["lead"]).exists()


def test_the_policy_gives_a_private_note_to_its_author_alone(cast, notes):
    private, shared = notes
    for role, user in cast.items():
        visible = set(selectors.notes_visible_to(user).values_list("pk", flat=True))
        assert (private.pk in visible) == (role == "lead"), role
        assert (shared.pk in visible) == (role in ("lead", "agent", "hr", "admin")), role
    assert set(
        access.private_records_changeable_by(cast["lead"], private.__class__.objects.all())
    ) == {private, shared}


@time_machine.travel(NOW, tick=False)
def test_the_review_form_shows_the_quarters_shared_feedback_only(cast, team, login):
    make_note(
        cast["lead"],
        cast["agent"],
        situation=PRIVATE_TEXT,
        observed_at=timezone.now() - datetime.timedelta(days=2),
    )
    services.note_share(
        by=cast["lead"],
        note=make_note(
            cast["lead"],
            cast["agent"],
            situation=SHARED_TEXT,
            observed_at=timezone.now() - datetime.timedelta(days=2),
        ),
    )
    new_lead = _lead_leaves_and_new_lead_takes_over(team)
    review = review_services.review_start(
        reviewer=new_lead, agent=cast["agent"], quarter=Quarter.current()
    )
    body = login(new_lead).get(f"/reviews/{review.pk}/edit/").content.decode()
    assert SHARED_TEXT in body
    assert PRIVATE_TEXT not in body
