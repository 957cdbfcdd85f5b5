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
