from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Statement(models.Model):
    """An employee's own statement on a shared record about them (§83 (2) BetrVG).

    It always shows with the record, only its author writes it, and nobody can
    change or delete it; it goes when retention deletes the record.
    """

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="statements",
        verbose_name=pgettext_lazy("audit", "by"),
    )
    note = models.ForeignKey(
        "feedback.CoachingNote",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="statements",
        verbose_name=_("coaching note"),
    )
    review = models.ForeignKey(
        "reviews.Review",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="statements",
        verbose_name=_("review"),
    )
    text = models.TextField(_("statement"))
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(note__isnull=False, review__isnull=True)
                | Q(note__isnull=True, review__isnull=False),
                name="statement_on_exactly_one_record",
            ),
        ]

    def __str__(self):
        return f"{self.author} · {self.created_at:%Y-%m-%d}"

    @property
    def record(self):
        return self.note or self.review


class RetentionRun(models.Model):
    """What one retention run deleted or anonymised (counts only, never content)."""

    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    dry_run = models.BooleanField(_("dry run"), default=False)
    counts = models.JSONField(_("records per kind"), default=dict)

    class Meta:
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")
        ordering = ["-started_at"]

    def __str__(self):
        return f"{self.started_at:%Y-%m-%d %H:%M}"


class DataRequest(models.Model):
    """A person's request for a copy of their personal data (Art. 15 GDPR), and the copy that answers it.

    The person asks in the portal, or HR records a request that reached them otherwise (date, channel,
    reference). The copy is produced in the background through the policy, as the person sees their
    records, and handed to the person alone (their download page, with a notification): HR sees the
    status, never the content. The row is the audit of the copy: which request, when produced, when
    handed over.
    """

    class Channel(models.TextChoices):
        PORTAL = "portal", _("in the portal")
        EMAIL = "email", _("by e-mail")
        LETTER = "letter", _("by letter")
        IN_PERSON = "in_person", _("in person")
        PHONE = "phone", _("by phone")

    class Status(models.TextChoices):
        QUEUED = "queued", _("being prepared")
        READY = "ready", _("ready for the person")
        FAILED = "failed", _("failed, please record it again")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="data_requests",
        verbose_name=_("whose data"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    received_on = models.DateField(_("request received on"))
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    ready_at = models.DateTimeField(_("copy produced at"), null=True, blank=True)
    downloaded_at = models.DateTimeField(_("first downloaded at"), null=True, blank=True)
    # The copy itself: for the person's eyes only, never shown to HR or in the administration.
    json_copy = models.BinaryField(_("copy as JSON"), null=True, editable=False)
    pdf_copy = models.BinaryField(_("copy as PDF"), null=True, editable=False)

    class Meta:
        verbose_name = _("request for a copy of personal data")
        verbose_name_plural = _("requests for a copy of personal data")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.person} · {self.received_on:%Y-%m-%d}"

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY
