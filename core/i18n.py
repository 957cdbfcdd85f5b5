"""Content written in both languages (field_en, field_de), shown in the reader's language;
dates formatted in Python (messages, e-mails) the way the templates format them."""

from datetime import date, datetime

from django.utils import formats, timezone
from django.utils.translation import get_language


def in_language(obj: object, field: str) -> str:
    """The reader's language where the author wrote it, else the other one."""
    first, second = ("de", "en") if (get_language() or "en").startswith("de") else ("en", "de")
    return getattr(obj, f"{field}_{first}") or getattr(obj, f"{field}_{second}")


def local_date(value: date | datetime | None) -> str:
    """A date (or the local day of a datetime) as the reader's language writes it: 24.12.2026 / 24 Dec 2026."""
    if value is None:
        return ""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def local_datetime(value: datetime | None) -> str:
    """An aware datetime in local time, as the reader's language writes it: 24.12.2026, 09:00."""
    if value is None:
        return ""
    return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
