"""Sending reminders exactly once, by e-mail and in the app."""

import logging
from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.module_loading import import_string

from .models import Notification, ReminderLedger
from .reminders import Reminder

logger = logging.getLogger(__name__)

CLAIM_LEASE = timedelta(minutes=10)


def collect_due(now) -> list[Reminder]:
    due = []
    for path in settings.REMINDER_PROVIDERS:
        due.extend(import_string(path)(now))
    return due


def sweep(now=None) -> Counter:
    """Send every due reminder that has not been sent yet; returns how many of each kind went out."""
    now = now or timezone.now()
    sent = Counter()
    due = collect_due(now)
    already_sent = _sent_keys(due)
    for reminder in due:
        if _key(reminder) in already_sent:
            continue
        if _send_once(reminder, now):
            sent[reminder.kind] += 1
    return sent


def _key(reminder: Reminder) -> tuple:
    content_type = ContentType.objects.get_for_model(reminder.subject)
    return (reminder.kind, content_type.pk, reminder.subject.pk, reminder.recipient.pk)


def _sent_keys(due: list[Reminder]) -> set:
    """Keys of the due reminders that went out before, in one query, so a sweep stays cheap."""
    if not due:
        return set()
    return set(
        ReminderLedger.objects.filter(
            sent_at__isnull=False,
            kind__in={r.kind for r in due},
            object_id__in={r.subject.pk for r in due},
        ).values_list("kind", "content_type_id", "object_id", "recipient_id")
    )


def _ledger_entry(reminder: Reminder) -> ReminderLedger:
    key = {
        "kind": reminder.kind,
        "content_type": ContentType.objects.get_for_model(reminder.subject),
        "object_id": reminder.subject.pk,
        "recipient": reminder.recipient,
    }
    try:
        with transaction.atomic():
            return ReminderLedger.objects.get_or_create(**key)[0]
    except IntegrityError:  # a concurrent sweep created it a moment ago
        return ReminderLedger.objects.get(**key)


def _claim(entry: ReminderLedger, now) -> bool:
    """Take the entry for this sweep: a conditional update only one sweep can win."""
    return bool(
        ReminderLedger.objects.filter(pk=entry.pk, sent_at__isnull=True, attempts__lt=ReminderLedger.MAX_ATTEMPTS)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .update(claimed_until=now + CLAIM_LEASE, attempts=F("attempts") + 1)
    )


def _send_once(reminder: Reminder, now) -> bool:
    entry = _ledger_entry(reminder)
    if entry.sent_at is not None or not _claim(entry, now):
        return False
    try:
        deliver(reminder)
    except Exception as error:  # the send failed: release the claim so the next sweep retries
        logger.warning("reminder %s to %s failed: %s", reminder.kind, reminder.recipient, error)
        ReminderLedger.objects.filter(pk=entry.pk).update(claimed_until=None, last_error=str(error)[:2000])
        return False
    ReminderLedger.objects.filter(pk=entry.pk).update(sent_at=timezone.now(), claimed_until=None, last_error="")
    return True


def deliver(reminder: Reminder) -> Notification:
    return notify(recipient=reminder.recipient, kind=reminder.kind, template=reminder.template, url=reminder.url,
                  context=reminder.context)


def notify(*, recipient, kind: str, template: str, url: str = "", context=None) -> Notification:
    """E-mail and in-app notification, rendered in the recipient's language."""
    context = {**(context or {}), "recipient": recipient, "url": url, "site_url": settings.SITE_URL.rstrip("/")}
    with translation.override(recipient.preferred_language or settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context).strip()
    with transaction.atomic():
        notification = Notification.objects.create(recipient=recipient, kind=kind, title=subject, body=body, url=url)
        send_mail(subject, body, None, [recipient.email])
    return notification


def notification_mark_read(*, notification: Notification) -> None:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])


def notifications_mark_all_read(*, user) -> int:
    return Notification.objects.filter(recipient=user).unread().update(read_at=timezone.now())
