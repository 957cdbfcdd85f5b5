from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.fields import LimitedTextField
from people.periods import Quarter
from skills.models import Skill


class ReviewCycle(models.Model):
    """The quarterly review round; created when first needed (see services.cycle_for)."""

    label = models.CharField(_("quarter"), max_length=7, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("review cycle")
        verbose_name_plural = _("review cycles")
        ordering = ["-label"]

    def __str__(self):
        return self.quarter.display

    @property
    def quarter(self) -> Quarter:
        return Quarter.parse(self.label)


class Review(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SHARED = "shared", _("Shared")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")

    cycle = models.ForeignKey(
        ReviewCycle, on_delete=models.PROTECT, related_name="reviews", verbose_name=_("quarter")
    )
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reviews",
        verbose_name=_("agent"),
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="reviews_written",
        verbose_name=_("reviewer"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    held_on = models.DateField(_("meeting date"), null=True, blank=True)
    summary = LimitedTextField(_("summary"), blank=True, max_length=6000)
    strengths = LimitedTextField(_("strengths"), blank=True, max_length=4000)
    self_assessment = LimitedTextField(_("self-assessment"), blank=True, max_length=8000)
    self_assessment_requested_at = models.DateTimeField(
        _("self-assessment requested at"), null=True, blank=True
    )
    agent_comment = LimitedTextField(_("agent's comment"), blank=True, max_length=4000)
    kpi_snapshot = models.JSONField(_("key figures of the quarter"), default=dict, blank=True)
    shared_at = models.DateTimeField(_("shared at"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("quarterly review")
        verbose_name_plural = _("quarterly reviews")
        ordering = ["-cycle__label", "agent__last_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "agent"], name="one_review_per_agent_and_quarter"
            )
        ]

    def __str__(self):
        return f"{self.agent} · {self.cycle}"

    def get_absolute_url(self):
        return reverse("reviews:detail", args=[self.pk])

    MEETING_GRACE_DAYS = (
        30  # a quarter's review meeting may take place up to this many days after it
    )

    @property
    def is_held(self) -> bool:
        return self.status in (self.Status.SHARED, self.Status.ACKNOWLEDGED)

    @property
    def meeting_window(self) -> tuple[date, date]:
        """The first and last plausible day of the meeting: inside the quarter or shortly after."""
        quarter = self.cycle.quarter
        return quarter.first_day, quarter.last_day + timedelta(days=self.MEETING_GRACE_DAYS)

    def is_plausible_meeting_date(self, day: date) -> bool:
        first, last = self.meeting_window
        return first <= day <= last


class ReviewArea(models.Model):
    """An area to improve, optionally tied to a skill."""

    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, related_name="areas", verbose_name=_("review")
    )
    text = models.CharField(_("area to improve"), max_length=500)
    skill = models.ForeignKey(
        Skill,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("skill"),
    )

    class Meta:
        verbose_name = _("area to improve")
        verbose_name_plural = _("areas to improve")
        ordering = ["id"]

    def __str__(self):
        return self.text
