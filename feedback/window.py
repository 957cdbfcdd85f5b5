"""The feedback window: when feedback on an observation is due.

Calendar days (the default) keep the local wall-clock time: a behaviour observed
on Tuesday 09:00 is due on Friday 09:00 local time, which is 72 hours except
across a daylight-saving change. With FEEDBACK_WINDOW_WORKING_DAYS, weekends and
the public holidays of HOLIDAY_REGION (e.g. "DE-NW") do not count.
"""

from datetime import date, datetime, time, timedelta
from functools import lru_cache

import holidays
from django.conf import settings
from django.utils import timezone


def feedback_due_at(observed_at: datetime) -> datetime:
    local = timezone.localtime(observed_at)
    days = settings.FEEDBACK_WINDOW_DAYS
    if settings.FEEDBACK_WINDOW_WORKING_DAYS:
        day = _add_working_days(local.date(), days, settings.HOLIDAY_REGION)
    else:
        day = local.date() + timedelta(days=days)
    naive = datetime.combine(day, local.time().replace(tzinfo=None))
    return timezone.make_aware(naive, timezone.get_current_timezone())


def closing_reminder_at(due_at: datetime) -> datetime:
    """When the "window closing" reminder fires for feedback due at `due_at`.

    Calendar days: 24 hours before. Working days: at the start of the working day
    (REMINDER_WORKDAY_START, 08:00 by default) of the last working day before the
    due day, so it never fires on a Sunday or a public holiday.
    """
    if not settings.FEEDBACK_WINDOW_WORKING_DAYS:
        return due_at - timedelta(hours=24)
    day = timezone.localtime(due_at).date() - timedelta(days=1)
    while not is_working_day(day, settings.HOLIDAY_REGION):
        day -= timedelta(days=1)
    start = time.fromisoformat(settings.REMINDER_WORKDAY_START)
    return timezone.make_aware(datetime.combine(day, start), timezone.get_current_timezone())


def _add_working_days(start: date, count: int, region: str) -> date:
    day, added = start, 0
    while added < count:
        day += timedelta(days=1)
        if is_working_day(day, region):
            added += 1
    return day


def is_working_day(day: date, region: str) -> bool:
    return day.weekday() < 5 and day not in _holidays(region, day.year)


@lru_cache(maxsize=32)
def _holidays(region: str, year: int):
    if not region:
        return {}
    country, _, subdivision = region.partition("-")
    return holidays.country_holidays(country, subdiv=subdivision or None, years=year)
