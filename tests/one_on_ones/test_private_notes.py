"""A private note of a one-on-one is its writer's alone: not the other participant's, not a later
lead's, not HR's, not in the admin, not in HR's copy of personal data; only in the writer's own copy."""

import pytest
import time_machine

from one_on_ones import selectors, services
from one_on_ones.models import PrivateNote

from .factories import first_meeting

pytestmark = pytest.mark.django_db
NOW = "2026-12-07 09:00 +01:00"
LEADS_SECRET = "Seems tired lately, ask about the night shifts"
AGENTS_SECRET = "Want to raise the transfer to chat"


@pytest.fixture
def meeting(lead, agent):
    with time_machine.travel(NOW, tick=False):
        meeting = first_meeting(lead, agent)
        services.private_note_save(meeting=meeting, by=lead, text=LEADS_SECRET)
        services.private_note_save(meeting=meeting, by=agent, text=AGENTS_SECRET)
        services.shared_note_add(meeting=meeting, by=lead, text="We agreed on chat training")
    return meeting


def test_each_participant_reads_only_their_own_private_note(meeting, lead, agent):
    assert selectors.meeting_page(lead, meeting.pk).private_note.text == LEADS_SECRET
    assert selectors.meeting_page(agent, meeting.pk).private_note.text == AGENTS_SECRET


def test_the_other_side_sees_the_shared_note_but_never_the_private_one(meeting, lead, agent, login):
    for viewer, hidden in ((agent, LEADS_SECRET), (lead, AGENTS_SECRET)):
        body = login(viewer).get(meeting.get_absolute_url()).content.decode()
        assert "We agreed on chat training" in body
        assert hidden not in body


def test_hr_another_lead_and_a_later_lead_do_not_see_the_meeting_at_all(meeting, cast, team, login):
    from ..factories import make_lead

    later_lead = make_lead(team)
    for outsider in (cast["hr"], cast["admin"], cast["other_lead"], cast["colleague"], later_lead):
        assert login(outsider).get(meeting.get_absolute_url()).status_code == 404
        assert not selectors.meetings_visible_to(outsider).exists()


def test_the_admin_shows_no_text_of_a_one_on_one(meeting, cast, login):
    client = login(cast["admin"])
    pages = [
        "/admin/one_on_ones/meeting/",
        f"/admin/one_on_ones/meeting/{meeting.pk}/change/",
        "/admin/one_on_ones/series/",
        f"/admin/one_on_ones/series/{meeting.series_id}/change/",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        for text in (LEADS_SECRET, AGENTS_SECRET, "We agreed on chat training"):
            assert text not in body, url
    assert client.get("/admin/one_on_ones/privatenote/").status_code == 404
    response = client.get("/admin/one_on_ones/meeting/", {"q": "night shifts"})
    assert LEADS_SECRET not in response.content.decode()


def test_a_private_note_is_only_in_its_writers_own_copy_of_their_data(meeting, cast, login):
    from django.test import TestCase
    from django.urls import reverse

    from privacy.models import DataRequest

    def own_copy(user) -> str:
        client = login(user)
        with TestCase.captureOnCommitCallbacks(execute=True):
            client.post(reverse("privacy:my_data"))
        pk = DataRequest.objects.filter(person=user).latest("pk").pk
        return client.get(reverse("privacy:my_copy_json", args=[pk])).content.decode()

    lead = cast["lead"]
    own = own_copy(lead)
    assert LEADS_SECRET in own and AGENTS_SECRET not in own
    agents_own = own_copy(cast["agent"])
    assert AGENTS_SECRET in agents_own and LEADS_SECRET not in agents_own
    hr = login(cast["hr"])
    for person in (lead, cast["agent"]):  # HR records requests and sees their status, never a copy
        page = hr.get(reverse("privacy:hr_person_requests", args=[person.pk]))
        assert page.status_code == 200
        assert LEADS_SECRET not in page.content.decode()
        pk = DataRequest.objects.filter(person=person).latest("pk").pk
        assert hr.get(reverse("privacy:my_copy_json", args=[pk])).status_code == 404


def test_the_service_never_hands_out_another_writers_note(meeting, lead, agent):
    assert PrivateNote.objects.count() == 2
    from people import access

    assert [n.text for n in access.private_notes_visible_to(lead, PrivateNote.objects.all())] == [
        LEADS_SECRET
    ]
