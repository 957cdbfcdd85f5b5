"""Reads of the notifications app: is reminder e-mail failing?"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from .models import ReminderLedger

OK = "ok"
FAILING = "failing"
RECENT = timedelta(days=7)


def _last_attempts() -> list[tuple]:
    return list(
        ReminderLedger.objects.filter(email_last_attempt_at__isnull=False)
        .order_by("-email_last_attempt_at", "-pk")
        .values_list("email_state", "email_last_error", "email_last_attempt_at")[
            : settings.REMINDER_MAIL_FAILING_AFTER
        ]
    )


def _failing(attempts: list[tuple]) -> bool:
    return len(attempts) >= settings.REMINDER_MAIL_FAILING_AFTER and all(
        state != ReminderLedger.EmailState.SENT and error for state, error, _at in attempts
    )


def mail_status() -> str:
    """ "failing" when the last REMINDER_MAIL_FAILING_AFTER e-mail attempts all failed; one query."""
    return FAILING if _failing(_last_attempts()) else OK


@dataclass
class MailHealth:
    failing: bool
    last_error: str = ""
    last_attempt_at: datetime | None = None
    retrying: int = 0
    given_up_recently: int = 0


def mail_health() -> MailHealth:
    """What the banner for admins and HR says; one query while mail works, three while it fails."""
    attempts = _last_attempts()
    if not _failing(attempts):
        return MailHealth(failing=False)
    failing = ReminderLedger.objects.emails_failing()
    _state, error, at = attempts[0]
    return MailHealth(
        failing=True,
        last_error=error,
        last_attempt_at=at,
        retrying=failing.filter(email_state=ReminderLedger.EmailState.PENDING).count(),
        given_up_recently=failing.filter(
            email_state=ReminderLedger.EmailState.GIVEN_UP,
            email_last_attempt_at__gte=timezone.now() - RECENT,
        ).count(),
    )
