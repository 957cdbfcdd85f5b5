"""When to try a failed reminder e-mail again: exponential backoff inside a time budget.

With the defaults the attempts are at 0, 5 min, 20 min, 1 h 20, 5 h 20 and 21 h 20 after
the e-mail became due; the next delay (64 h) would leave the 24-hour budget, so a sixth
failure gives the e-mail up. The bell notification was created long before, at the claim.
"""

from datetime import datetime, timedelta

from django.conf import settings

GROWTH = 4  # beyond the configured delays each wait is four times the one before


def delays() -> list[timedelta]:
    return [timedelta(minutes=m) for m in settings.REMINDER_MAIL_RETRY_MINUTES]


def budget() -> timedelta:
    return timedelta(hours=settings.REMINDER_MAIL_BUDGET_HOURS)


def delay_after(attempt: int) -> timedelta:
    """The wait after the given failed attempt (1 = the first)."""
    steps = delays()
    if attempt <= len(steps):
        return steps[attempt - 1]
    return steps[-1] * GROWTH ** (attempt - len(steps))


def next_attempt_at(*, failed_at: datetime, attempt: int, due_since: datetime) -> datetime | None:
    """When to try again, or None when that would be past the budget (give up)."""
    due_since = due_since or failed_at
    next_at = failed_at + delay_after(attempt)
    return next_at if next_at < due_since + budget() else None


def budget_ends(due_since: datetime) -> datetime:
    return due_since + budget()


# While the database is unreachable, the sweep tries again after 1, 2, 4, 8, 16, 30, 30, ... seconds.
DATABASE_WAIT_FIRST, DATABASE_WAIT_MOST = 1, 30


def database_retry_countdown(retries: int) -> float | None:
    """The wait before the sweep's attempt number `retries` + 1 while the database is unreachable.

    None once the waits together would pass REMINDER_SWEEP_DATABASE_RETRY_SECONDS:
    then the sweep gives up until beat starts the next one.
    """
    waits = [min(DATABASE_WAIT_FIRST * 2**n, DATABASE_WAIT_MOST) for n in range(retries + 1)]
    return waits[-1] if sum(waits) <= settings.REMINDER_SWEEP_DATABASE_RETRY_SECONDS else None
