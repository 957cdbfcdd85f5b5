"""Scheduled review meetings for the iCalendar feed (see training/calendar.py)."""

from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from training.calendar import Event

from .models import Review


def review_events(user, start, end) -> list[Event]:
    reviews = Review.objects.filter(
        Q(agent=user) | Q(reviewer=user), held_on__gte=start.date(), held_on__lt=end.date()
    ).select_related("agent", "cycle")
    events = []
    for review in reviews:
        begin = timezone.make_aware(
            datetime.combine(review.held_on, datetime.min.time()).replace(hour=14)
        )
        title = _("Quarterly review %(quarter)s: %(agent)s") % {
            "quarter": review.cycle.quarter.display,
            "agent": review.agent,
        }
        events.append(
            Event(f"review-{review.pk}@team-portal", title, begin, begin + timedelta(hours=1))
        )
    return events
