"""The iCalendar feed: each user's sessions, check-ins and scheduled reviews, for Outlook or any calendar."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext
from icalendar import Calendar
from icalendar import Event as IcsEvent

from people.models import MentorCheckIn

from .models import Enrollment


@dataclass
class Event:
    uid: str
    title: str
    start: datetime
    end: datetime
    location: str = ""
    sequence: int = 0  # grows when the event moves, so calendars replace what they hold


def session_events(user, start, end) -> list[Event]:
    enrollments = Enrollment.objects.filter(
        agent=user,
        status__in=Enrollment.HOLDS_PLACE,
        session__starts_at__gte=start,
        session__starts_at__lt=end,
    ).select_related("session__course")
    return [
        Event(
            f"session-{e.session_id}-{user.pk}@team-portal",
            e.session.course.title,
            e.session.starts_at,
            e.session.ends_at,
            e.session.place,
        )
        for e in enrollments
    ]


def check_in_events(user, start, end) -> list[Event]:

    check_ins = MentorCheckIn.objects.filter(
        Q(pairing__mentor=user) | Q(pairing__mentee=user),
        held_on__gte=start.date(),
        held_on__lt=end.date(),
    ).select_related("pairing__mentor", "pairing__mentee")
    events = []
    for c in check_ins:
        begin = timezone.make_aware(
            datetime.combine(c.held_on, datetime.min.time()).replace(hour=10)
        )
        events.append(
            Event(
                f"checkin-{c.pk}@team-portal",
                f"Mentoring: {c.pairing}",
                begin,
                begin + timedelta(minutes=30),
            )
        )
    return events


def feed(user) -> bytes:
    """The calendar app fetches the feed without a session: titles in the owner's language."""
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        return _feed(user)


def _feed(user) -> bytes:
    now = timezone.now()
    start, end = now - timedelta(days=90), now + timedelta(days=365)
    calendar = Calendar()
    calendar.add("prodid", "-//Team Portal//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{gettext('Team Portal')}: {user}")
    for path in settings.CALENDAR_EVENT_SOURCES:
        for event in import_string(path)(user, start, end):
            item = IcsEvent()
            item.add("uid", event.uid)
            item.add("summary", event.title)
            item.add("dtstart", event.start)
            item.add("dtend", event.end)
            item.add("dtstamp", now)
            if event.location:
                item.add("location", event.location)
            if event.sequence:
                item.add("sequence", event.sequence)
            calendar.add_component(item)
    return calendar.to_ical()
