"""Back after Save and Save again creates nothing twice: the one-time token of a rendered form covers
coaching notes (tests/feedback/test_pages.py), goals and written talking points."""

import datetime
import re

import pytest
import time_machine
from django.utils import timezone

from one_on_ones.models import TalkingPoint
from plans.models import Goal

from .one_on_ones.factories import first_meeting

pytestmark = pytest.mark.django_db


def _token(html: str) -> str:
    return re.search(r'name="submit_token" value="([^"]+)"', html).group(1)


def test_a_goal_form_saved_twice_creates_one_goal(cast, login):
    client = login(cast["lead"])
    url = f"/agents/{cast['agent'].pk}/goals/new/"
    due = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    fields = {
        "title": "Calm escalations",
        "due_on": due,
        "submit_token": _token(client.get(url).content.decode()),
    }
    first = client.post(url, fields)
    again = client.post(url, fields)  # Back, then Save once more
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"]
    assert Goal.objects.filter(title="Calm escalations").count() == 1
    assert "already saved" in client.get(again["Location"]).content.decode()
    client.post(url, {**fields, "submit_token": _token(client.get(url).content.decode())})
    assert Goal.objects.filter(title="Calm escalations").count() == 2  # a new form is a new goal


@time_machine.travel("2026-12-07 09:00 +01:00", tick=False)
def test_a_written_talking_point_added_twice_is_there_once(lead, agent, login):
    meeting = first_meeting(lead, agent)
    client = login(lead)
    token = _token(client.get(meeting.get_absolute_url()).content.decode())
    url = f"/one-on-ones/{meeting.pk}/points/"
    client.post(url, {"text": "Night shifts", "submit_token": token})
    client.post(url, {"text": "Night shifts", "submit_token": token})
    assert TalkingPoint.objects.filter(text="Night shifts").count() == 1
    fresh = _token(client.get(meeting.get_absolute_url()).content.decode())
    assert fresh != token
    client.post(url, {"text": "Night shifts", "submit_token": fresh})
    assert TalkingPoint.objects.filter(text="Night shifts").count() == 2
