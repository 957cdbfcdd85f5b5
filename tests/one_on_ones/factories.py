"""One-on-ones for tests: a series of the cast's lead with an agent, set up through the service."""

import datetime

from django.utils import timezone

from one_on_ones import services


def next_week_at_ten() -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=7)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))


def start_series(lead, agent, *, every_days=14, first_at=None):
    return services.series_start(
        lead=lead, agent=agent, every_days=every_days, first_at=first_at or next_week_at_ten()
    )


def first_meeting(lead, agent, **kwargs):
    return start_series(lead, agent, **kwargs).meetings.order_by("scheduled_at").first()
