"""Notifications and reminders: the app's personal data, gathered by `privacy` (see `core.contracts.PersonalDataModule`)."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.contracts import PersonalDataSource as Source
from core.contracts import RegisterEntry, RetentionRule
from core.periods import moment, months_before

from .models import Notification


def _notifications(today):
    cutoff = moment(months_before(today, settings.RETENTION_MONTHS["notifications"]))
    return Notification.objects.filter(created_at__lt=cutoff)


SOURCES = [
    Source("notifications.ReminderLedger", "recipient", _("reminders to you"), about=True),
    Source("notifications.Notification", "recipient", _("notifications to you"), about=True),
]

RETENTION = [
    RetentionRule(
        key="notifications",
        label=_("Notifications"),
        what_happens=_("deleted, months after they were sent"),
        expired=_notifications,
    ),
]

REGISTER = RegisterEntry(
    title=_("Reminders and notifications"),
    purpose=_("Reminding leads of feedback and reviews, exactly once."),
    recipients=_("The recipient; administrators see delivery state."),
)
