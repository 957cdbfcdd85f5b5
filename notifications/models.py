from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReminderLedgerQuerySet(models.QuerySet):
    def emails_failing(self):
        """E-mails that failed at least once and have not gone out (retrying or given up)."""
        return self.filter(
            email_state__in=[ReminderLedger.EmailState.PENDING, ReminderLedger.EmailState.GIVEN_UP],
            email_attempts__gt=0,
        )


class ReminderLedger(models.Model):
    """One row per (kind, subject, recipient): the reminder reaches its recipient once.

    The row carries two deliveries. The in-app bell is created in the same
    transaction in which a sweep first claims the row, so it exists exactly once.
    The e-mail is a separate delivery with its own attempts, backoff and time
    budget; notifications/sweep.py describes the protocol that sends it at most
    once, even across a crash of the sweep or of the database.
    """

    class EmailState(models.TextChoices):
        PENDING = "pending", _("pending")
        SENDING = "sending", _("being sent")
        IN_FLIGHT = "in_flight", _("with the mail server")
        SENT = "sent", _("sent")
        GIVEN_UP = "given_up", _("given up")
        UNCONFIRMED = "unconfirmed", _("unconfirmed")
        CANCELLED = "cancelled", _("no longer due")

    kind = models.CharField(_("kind"), max_length=60)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name=_("subject type")
    )
    object_id = models.PositiveBigIntegerField(_("subject id"))
    subject = GenericForeignKey("content_type", "object_id")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("recipient"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # The claim: which sweep holds the row, and until when (the database's clock).
    claimed_by = models.CharField(_("claimed by"), max_length=32, blank=True, default="")
    claimed_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    notified_at = models.DateTimeField(_("bell notification at"), null=True, blank=True)
    email_state = models.CharField(
        _("e-mail"), max_length=12, choices=EmailState.choices, default=EmailState.PENDING
    )
    email_attempts = models.PositiveSmallIntegerField(_("e-mail attempts"), default=0)
    email_due_since = models.DateTimeField(_("e-mail due since"), null=True, blank=True)
    email_next_attempt_at = models.DateTimeField(_("next e-mail attempt"), null=True, blank=True)
    email_last_attempt_at = models.DateTimeField(
        _("last e-mail attempt"), null=True, blank=True, db_index=True
    )
    email_sent_at = models.DateTimeField(_("e-mail sent at"), null=True, blank=True)
    # When the row was marked "being sent" (the database's clock): a database that started
    # after it may have lost what happened next (see ledger.recover_interrupted).
    email_marked_at = models.DateTimeField(_("marked as being sent at"), null=True, blank=True)
    email_last_error = models.TextField(_("last e-mail error"), blank=True)

    objects = ReminderLedgerQuerySet.as_manager()

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminder ledger")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "content_type", "object_id", "recipient"],
                name="one_reminder_per_kind_subject_recipient",
            ),
        ]
        indexes = [
            models.Index(fields=["email_state", "email_next_attempt_at"], name="ledger_email_due"),
            models.Index(fields=["claimed_by"], name="ledger_claimed_by"),
        ]

    def __str__(self):
        return f"{self.kind} → {self.recipient}"


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """An in-app notification: the bell in the navigation bar."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=60)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    # The reminder this bell belongs to; unique, so no reminder rings twice.
    reminder = models.OneToOneField(
        ReminderLedger,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notification",
        verbose_name=_("reminder"),
    )

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self):
        return self.title
