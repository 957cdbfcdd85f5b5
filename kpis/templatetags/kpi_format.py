"""Figures of the import preview as a person reads them: 5:45 min, 81 %, 01.06.2026."""

from datetime import date

from django import template
from django.utils.formats import date_format, number_format

from core.numbers import minutes_seconds

register = template.Library()


@register.filter
def duration(seconds):
    """Seconds as m:ss (5:54), the one way a duration is shown in tables and charts."""
    return minutes_seconds(None if seconds == "" else seconds)


@register.filter
def percent(share):
    if share is None or share == "":
        return "–"
    return f"{number_format(float(share) * 100, 1)} %"


@register.filter
def figure(value, digits=1):
    if value is None or value == "":
        return "–"
    return number_format(value, int(digits)) if isinstance(value, float) else number_format(value)


@register.filter
def decimals(value, digits=1):
    """Always exactly `digits` decimals, so every row of a column looks alike (4,0 beside 4,35 is 4,4)."""
    if value is None or value == "":
        return "–"
    return number_format(float(value), int(digits))


@register.filter
def day(value):
    if not value:
        return "–"
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            return value
    return date_format(value, "SHORT_DATE_FORMAT")
