"""The admin is configuration, not a back door to coaching notes or anonymous answers."""

import pytest

from feedback import services

from .test_notes import make_note

pytestmark = pytest.mark.django_db
PRIVATE_TEXT = "Private working note: sounded bored"
EFFECT_TEXT = "Customer hung up"
NEXT_TEXT = "Talk about energy"


@pytest.fixture
def private_note(cast):
    return make_note(
        cast["lead"], cast["agent"], situation=PRIVATE_TEXT, effect=EFFECT_TEXT, next_step=NEXT_TEXT
    )


def test_the_admin_shows_no_text_of_a_private_note(cast, login, private_note):
    client = login(cast["admin"])
    listing = client.get("/admin/feedback/coachingnote/")
    assert listing.status_code == 200
    view = client.get(f"/admin/feedback/coachingnote/{private_note.pk}/change/")
    assert view.status_code == 200
    for text in (PRIVATE_TEXT, EFFECT_TEXT, NEXT_TEXT):
        assert text not in listing.content.decode() and text not in view.content.decode()


def test_the_admin_cannot_search_note_texts(cast, login, private_note):
    response = login(cast["admin"]).get("/admin/feedback/coachingnote/", {"q": "bored"})
    assert response.context["cl"].result_count == 0


def test_the_admin_cannot_add_or_change_a_note(cast, login, private_note):
    client = login(cast["admin"])
    assert client.get("/admin/feedback/coachingnote/add/").status_code == 403
    response = client.post(
        f"/admin/feedback/coachingnote/{private_note.pk}/change/", {"situation": "changed"}
    )
    assert response.status_code == 403
    private_note.refresh_from_db()
    assert private_note.situation == PRIVATE_TEXT and private_note.shared_at is None


def test_the_admin_shows_no_comment_of_an_agent_either(cast, login, private_note):
    services.note_share(note=private_note, by=private_note.author)
    services.note_acknowledge(note=private_note, by=private_note.agent, comment="My own reply")
    body = (
        login(cast["admin"])
        .get(f"/admin/feedback/coachingnote/{private_note.pk}/change/")
        .content.decode()
    )
    assert "My own reply" not in body
