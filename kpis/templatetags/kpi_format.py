"""Figures of the import preview as a person reads them: 5:45 min, 81 %, 01.06.2026."""

from datetime import date

from django import template
from django.utils.formats import date_format, number_format

register = template.Library()


@register.filter
def duration(seconds):
    if seconds is None or seconds == "":
        return "–"
    seconds = round(float(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


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
def day(value):
    if not value:
        return "–"
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            return value
    return date_format(value, "SHORT_DATE_FORMAT")
