"""One-on-ones in each participant's iCalendar feed, with a stable UID and a sequence that grows when a
meeting is moved; nobody else's feed has them."""

import datetime

import pytest
import time_machine
from icalendar import Calendar

from one_on_ones import services
from training.calendar import feed

from .factories import first_meeting

pytestmark = pytest.mark.django_db
NOW = "2026-12-07 09:00 +01:00"


def events(user) -> dict:
    calendar = Calendar.from_ical(feed(user))
    return {
        str(e["uid"]): e for e in calendar.walk("VEVENT") if str(e["uid"]).startswith("one-on-one")
    }


@time_machine.travel(NOW, tick=False)
def test_both_people_have_the_meeting_in_their_feed_and_it_moves_when_moved(
    lead, agent, colleague, hr
):
    meeting = first_meeting(lead, agent)
    uid = f"one-on-one-{meeting.pk}@team-portal"
    assert str(events(lead)[uid]["summary"]) == "One-on-one with Jonas Agent"
    assert str(events(agent)[uid]["summary"]) == "One-on-one with Lena Lead"
    later = meeting.scheduled_at + datetime.timedelta(hours=3)
    services.meeting_move(meeting=meeting, by=agent, scheduled_at=later)
    moved = events(lead)[uid]
    assert moved["dtstart"].dt == later and int(moved["sequence"]) == 1
    assert events(colleague) == {} and events(hr) == {}
