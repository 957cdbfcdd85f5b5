"""Calendar arithmetic for retention periods: the same day some months before, the start of a day."""

from datetime import date, datetime

from django.utils import timezone


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier, or the month's last day when it is shorter (31 March → 28 Feb)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    last_day = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    return date(year, month, min(day.day, last_day))


def moment(day: date) -> datetime:
    """The start of `day` in the portal's time zone."""
    return timezone.make_aware(datetime.combine(day, datetime.min.time()))
