"""Plausible dates, one rule: every date a person types lies in a window, and a refusal names the date
and the window's edge.

Each date field of a form declares how far back and how far ahead its dates may lie (`Span`); the
services add what only the record knows (an observation not before the agent's first working day, a
check-in within its pairing, a review's meeting within its quarter) through `require_within`, with a
message that says which edge was crossed. How far back something that happened may still be recorded
(an observation, a check-in, a team meeting) is the setting `RECORDS_MAX_DAYS_BACK` (30 days).
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .i18n import local_date

RECENT = (
    -1
)  # as far back as `RECORDS_MAX_DAYS_BACK`: for what has happened and is recorded afterwards


@dataclass(frozen=True)
class Span:
    """How many days before and after today a field's dates may lie (`back=RECENT`: the setting)."""

    back: int
    ahead: int

    def window(self, today: date | None = None) -> tuple[date, date]:
        today = today or timezone.localdate()
        return today - timedelta(days=days_back(self.back)), today + timedelta(days=self.ahead)


# The spans of the portal's date fields, by what the date means.
HAPPENED = Span(back=RECENT, ahead=0)  # an observation, a check-in, a team meeting
GIVEN = Span(
    back=365, ahead=0
)  # when feedback was given (after an observation of up to a year ago)
CHECK_IN = Span(back=RECENT, ahead=90)  # a mentoring check-in: held, or planned (the calendar feed)
MEETING = Span(
    back=10 * 365, ahead=365
)  # a review's meeting (the service narrows it to the quarter)
APPLIES = Span(back=365, ahead=365)  # from when a briefing applies
FIRST_DAY = Span(back=365, ahead=365)  # a new hire's first working day
DUE = Span(back=365, ahead=5 * 365)  # a goal's or an action's due date (an old one stays editable)
WISH = Span(back=0, ahead=10 * 365)  # by when a career wish should come true
REPORTED = Span(back=365, ahead=0)  # the day a reported figure stands for
LOOKUP = Span(back=20 * 365, ahead=366)  # a filter over records kept for years
WIDE = Span(back=10 * 365, ahead=10 * 365)  # a field that has not chosen its span yet


def days_back(back: int) -> int:
    return settings.RECORDS_MAX_DAYS_BACK if back == RECENT else back


def day_of(value: date | datetime) -> date:
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def outside(value: date | datetime, earliest: date | None, latest: date | None) -> str | None:
    """Why `value` lies outside [earliest, latest], in words that name the date and the edge; None
    when it lies within."""
    day = day_of(value)
    params = {
        "date": local_date(day),
        "earliest": local_date(earliest),
        "latest": local_date(latest),
    }
    if earliest is not None and day < earliest:
        return (
            _("%(date)s is too far back: the earliest date possible here is %(earliest)s.") % params
        )
    if latest is not None and day > latest:
        if latest == timezone.localdate():
            return (
                _("%(date)s is in the future: the latest date possible here is today, %(latest)s.")
                % params
            )
        return _("%(date)s is too far ahead: the latest date possible here is %(latest)s.") % params
    return None


def require_within(
    value: date | datetime | None,
    *,
    field: str,
    earliest: date | None = None,
    latest: date | None = None,
    too_early: str | None = None,
    too_late: str | None = None,
) -> None:
    """Raise a ValidationError on `field` unless `value` lies in [earliest, latest]; `too_early` and
    `too_late` (with `%(date)s`, `%(earliest)s`, `%(latest)s`) say what the edge is."""
    if value is None:
        return
    day = day_of(value)
    params = {
        "date": local_date(day),
        "earliest": local_date(earliest),
        "latest": local_date(latest),
    }
    if earliest is not None and day < earliest and too_early:
        raise ValidationError({field: too_early % params}, code="implausible_date")
    if latest is not None and day > latest and too_late:
        raise ValidationError({field: too_late % params}, code="implausible_date")
    reason = outside(day, earliest, latest)
    if reason:
        raise ValidationError({field: reason}, code="implausible_date")


def recorded_in_time(value: date | datetime | None, *, field: str) -> None:
    """Something that happened (an observation, a check-in, a meeting) is recorded at most
    `RECORDS_MAX_DAYS_BACK` days later, and never ahead of time."""
    if value is None:
        return
    earliest, latest = HAPPENED.window()
    days = settings.RECORDS_MAX_DAYS_BACK
    require_within(
        value,
        field=field,
        earliest=earliest,
        latest=latest,
        too_early=ngettext(
            "%%(date)s is too far back: it can be recorded up to %(days)s day afterwards, so from %%(earliest)s on.",
            "%%(date)s is too far back: it can be recorded up to %(days)s days afterwards, so from %%(earliest)s on.",
            days,
        )
        % {"days": days},
    )
