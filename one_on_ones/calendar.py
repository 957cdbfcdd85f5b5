"""One-on-ones in the personal iCalendar feed (`training.calendar`, CALENDAR_EVENT_SOURCES): each
meeting of which the user is one of the two people, with a stable UID and a sequence that grows when
it is moved, so calendar programs move the event they hold."""

from datetime import timedelta

from django.utils.translation import gettext

from people import access
from training.calendar import Event

from .models import Meeting


def meeting_events(user, start, end) -> list[Event]:
    meetings = access.meetings_visible_to(
        user, Meeting.objects.select_related("series__lead", "series__agent")
    ).filter(scheduled_at__gte=start, scheduled_at__lt=end)
    events = []
    for meeting in meetings:
        series = meeting.series
        other = series.agent if series.lead_id == user.pk else series.lead
        events.append(
            Event(
                uid=f"one-on-one-{meeting.pk}@team-portal",
                title=gettext("One-on-one with %(other)s") % {"other": other},
                start=meeting.scheduled_at,
                end=meeting.scheduled_at + timedelta(minutes=series.duration_minutes),
                sequence=meeting.sequence,
            )
        )
    return events
