"""Operations of the notifications app: the reminder sweep, one-off notifications, reading the bell."""

import logging
from typing import Any

from django.core.mail import send_mail
from django.db.models import QuerySet
from django.utils import timezone

from core.contracts import render_message
from people import access
from people.models import User

from .models import Notification, ReminderLedger
from .sweep import DatabaseLost, SweepReport, collect_due, sweep  # noqa: F401  (the sweep's public names)

logger = logging.getLogger(__name__)

RESENDABLE = [
    ReminderLedger.EmailState.GIVEN_UP,
    ReminderLedger.EmailState.UNCONFIRMED,
    ReminderLedger.EmailState.CANCELLED,
]


def notify(
    *,
    recipient: User,
    kind: str,
    template: str,
    url: str = "",
    context: dict[str, Any] | None = None,
) -> Notification:
    """A one-off bell notification and e-mail, in the recipient's language; the bell never depends on the mail."""
    subject, body = render_message(template=template, recipient=recipient, url=url, context=context)
    notification = Notification.objects.create(
        recipient=recipient, kind=kind, title=subject[:200], body=body, url=url
    )
    if recipient.is_active:
        try:
            send_mail(subject, body, None, [recipient.email])
        except Exception:  # the bell is there; a mail outage must not undo the action that notified
            logger.warning("notification e-mail %s to %s failed", kind, recipient.pk, exc_info=True)
    return notification


def ledger_resend_email(*, entries: QuerySet[ReminderLedger]) -> int:
    """Queue the e-mails of given-up, unconfirmed or cancelled reminders again, with a fresh time budget.

    They keep their Message-ID; the next sweep sends those whose reminder is still due.
    """
    now = timezone.now()
    return entries.filter(email_state__in=RESENDABLE, recipient__is_active=True).update(
        email_state=ReminderLedger.EmailState.PENDING,
        email_attempts=0,
        email_due_since=now,
        email_next_attempt_at=now,
        claimed_by="",
        claimed_until=None,
    )


def notification_mark_read(*, notification: Notification, by: User) -> None:
    """Only its recipient reads a notification."""
    access.require(access.is_own(by, notification.recipient_id))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])


def notifications_mark_all_read(*, user: User) -> int:
    return Notification.objects.filter(recipient=user).unread().update(read_at=timezone.now())
