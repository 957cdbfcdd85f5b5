from datetime import date, datetime

from django import template
from django.utils import formats, timezone

from core.i18n import local_date, local_datetime
from people.periods import display_quarter

register = template.Library()


@register.filter
def quarter(value) -> str:
    """{{ review.cycle|quarter }} → "Q3 2026", in both languages (docs/german-style.md)."""
    return display_quarter(value)


@register.filter
def readable_date(value) -> str:
    """A date, datetime or ISO string ("2026-12-24", "2026-12-24 09:30") in the reader's format."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value) if ":" in value else date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, datetime):
        return (
            local_datetime(value)
            if timezone.is_aware(value)
            else formats.date_format(value, "SHORT_DATETIME_FORMAT")
        )
    return local_date(value)
