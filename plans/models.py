from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.changes import TracksChanges
from core.fields import LimitedTextField
from skills.models import LEVEL_CHOICES, Skill


class DevelopmentPlan(models.Model):
    """An agent's development plan. One is active at a time; closed plans keep their history."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        CLOSED = "closed", _("Closed")

    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="development_plans",
        verbose_name=_("agent"),
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("development plan")
        verbose_name_plural = _("development plans")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["agent"], condition=Q(status="active"), name="one_active_plan_per_agent"
            ),
        ]

    def __str__(self):
        return self.title or str(_("Development plan of %(agent)s") % {"agent": self.agent})


class Goal(TracksChanges):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed by the agent")
        OPEN = "open", pgettext_lazy("goal status", "Open")
        IN_PROGRESS = "in_progress", _("In progress")
        ACHIEVED = "achieved", _("Achieved")
        DROPPED = "dropped", _("Dropped")

    plan = models.ForeignKey(
        DevelopmentPlan, on_delete=models.CASCADE, related_name="goals", verbose_name=_("plan")
    )
    title = models.CharField(_("goal"), max_length=200)
    skill = models.ForeignKey(
        Skill,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("skill"),
    )
    target_level = models.PositiveSmallIntegerField(
        _("target level"), choices=LEVEL_CHOICES, null=True, blank=True
    )
    success_measure = LimitedTextField(_("how success is measured"), blank=True, max_length=1000)
    due_on = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
        help_text=_("Who accepted or dropped the agent's proposal."),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["due_on", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target_level__isnull=True)
                | Q(target_level__gte=1, target_level__lte=5),
                name="goal_target_level_1_to_5",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_done(self) -> bool:
        return self.status in (self.Status.ACHIEVED, self.Status.DROPPED)


class ProgressNote(models.Model):
    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, related_name="progress_notes", verbose_name=_("goal")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    text = LimitedTextField(_("progress"), max_length=2000)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")
        ordering = ["created_at"]

    def __str__(self):
        return self.text[:60]


class Action(models.Model):
    class Kind(models.TextChoices):
        TRAINING = "training", _("Training")
        MENTORING = "mentoring", _("Mentoring")
        SHADOWING = "shadowing", _("Shadowing")
        SELF_STUDY = "self_study", _("Self-study")
        ON_THE_JOB = "on_the_job", _("On-the-job task")

    plan = models.ForeignKey(
        DevelopmentPlan, on_delete=models.CASCADE, related_name="actions", verbose_name=_("plan")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    title = models.CharField(pgettext_lazy("development plan", "action"), max_length=200)
    goal = models.ForeignKey(
        Goal,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("for goal"),
    )
    due_on = models.DateField(_("due date"), null=True, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("development plan", "action")
        verbose_name_plural = pgettext_lazy("development plan", "actions")
        ordering = ["completed_on", "due_on", "id"]

    def __str__(self):
        return self.title
