"""Values of the copy of personal data as a reader expects them: dates in the reader's format, not ISO."""

from datetime import date, datetime

from django import template
from django.utils import formats

register = template.Library()


@register.filter
def readable(value):
    """An ISO date or timestamp of the JSON copy in the reader's date format; anything else unchanged."""
    if not isinstance(value, str) or not 10 <= len(value) <= 32 or value[4:5] != "-":
        return value
    try:
        if len(value) == 10:
            return formats.date_format(date.fromisoformat(value), "SHORT_DATE_FORMAT")
        return formats.date_format(datetime.fromisoformat(value), "SHORT_DATETIME_FORMAT")
    except ValueError:
        return value
