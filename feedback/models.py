import secrets
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import LimitedTextField
from people.models import ChannelCode
from people.periods import Quarter
from skills.models import Skill


class CoachingNote(models.Model):
    """An observed behaviour and the feedback on it; private to the lead until shared."""

    class Kind(models.TextChoices):
        PRAISE = "praise", _("Praise")
        IMPROVEMENT = "improvement", _("Improvement")

    class Method(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        CALL = "call", _("Call")
        WRITTEN = "written", _("Written")

    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="coaching_notes",
        verbose_name=_("agent"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="authored_notes",
        verbose_name=_("author"),
    )
    observed_at = models.DateTimeField(_("observed at"), default=timezone.now)
    channel = models.CharField(
        _("channel"), max_length=10, choices=ChannelCode.choices, default=ChannelCode.PHONE
    )
    kind = models.CharField(
        _("kind"), max_length=12, choices=Kind.choices, default=Kind.IMPROVEMENT
    )
    situation = LimitedTextField(_("what happened"), max_length=4000)
    effect = LimitedTextField(_("its effect"), blank=True, max_length=2000)
    next_step = LimitedTextField(_("what to keep or change"), blank=True, max_length=2000)
    skills = models.ManyToManyField(Skill, blank=True, related_name="+", verbose_name=_("skills"))
    feedback_due_at = models.DateTimeField(_("feedback due"), db_index=True)
    shared_at = models.DateTimeField(_("shared at"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("feedback given at"), null=True, blank=True)
    delivery_method = models.CharField(_("how"), max_length=10, choices=Method.choices, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    agent_comment = LimitedTextField(_("agent's comment"), blank=True, max_length=2000)
    corrects = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name=_("corrects"),
        help_text=_("An acknowledged note is not changed; a correction is a new note."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("coaching note")
        verbose_name_plural = _("coaching notes")
        ordering = ["-observed_at"]
        indexes = [
            models.Index(fields=["author", "delivered_at", "feedback_due_at"]),
            models.Index(fields=["agent", "shared_at", "observed_at"]),
        ]

    def __str__(self):
        return f"{self.agent} · {timezone.localtime(self.observed_at):%Y-%m-%d %H:%M}"

    def get_absolute_url(self):

        return reverse("feedback:note_detail", args=[self.pk])

    @property
    def is_shared(self) -> bool:
        return self.shared_at is not None

    @property
    def is_delivered(self) -> bool:
        return self.delivered_at is not None

    @property
    def is_locked(self) -> bool:
        """Once the agent acknowledged it, a note stays as they read it."""
        return self.acknowledged_at is not None

    def time_left(self, now=None):
        return self.feedback_due_at - (now or timezone.now())

    def traffic_light(self, now=None) -> str:
        """done, green (more than a day left), amber (less than a day), red (overdue)."""
        if self.is_delivered:
            return "done"
        left = self.time_left(now).total_seconds()
        if left < 0:
            return "red"
        return "amber" if left < 24 * 3600 else "green"

    @property
    def delivered_in_time(self) -> bool | None:
        if not self.is_delivered:
            return None
        return self.delivered_at <= self.feedback_due_at


class NoteRevision(models.Model):
    """The wording a shared note had before its author changed it: the agent and the lead see what changed."""

    note = models.ForeignKey(
        CoachingNote,
        on_delete=models.CASCADE,
        related_name="revisions",
        verbose_name=_("coaching note"),
    )
    observed_at = models.DateTimeField(_("observed at"))
    channel = models.CharField(_("channel"), max_length=10, choices=ChannelCode.choices)
    kind = models.CharField(_("kind"), max_length=12, choices=CoachingNote.Kind.choices)
    situation = LimitedTextField(_("what happened"), max_length=4000)
    effect = LimitedTextField(_("its effect"), blank=True, max_length=2000)
    next_step = LimitedTextField(_("what to keep or change"), blank=True, max_length=2000)
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("changed by"),
    )

    class Meta:
        verbose_name = _("earlier version of a note")
        verbose_name_plural = _("earlier versions of notes")
        ordering = ["-changed_at", "-id"]

    def __str__(self):
        return f"{self.note} · {timezone.localtime(self.changed_at):%Y-%m-%d %H:%M}"


def current_quarter_label() -> str:

    return Quarter.current().label


def random_answer_id() -> int:
    """A random key above any sequence's reach: the order of the keys says nothing of the order of
    the answers (and so nothing that could be matched against who answered when)."""
    return ANSWER_ID_FLOOR + secrets.randbelow(2**62 - ANSWER_ID_FLOOR)


ANSWER_ID_FLOOR = 2**40


class UpwardFeedback(models.Model):
    """An agent's feedback on their lead; `author` is empty when given anonymously.

    No time finer than the day is kept, and nothing links an anonymous answer to
    its author: that someone answered is recorded in UpwardFeedbackParticipation.
    Both have random keys and list in the order of those keys, never in the order of saving.
    """

    id = models.BigIntegerField(primary_key=True, default=random_answer_id, editable=False)
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="upward_feedback_received",
        verbose_name=_("team lead"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("from"),
    )
    quarter = models.CharField(
        _("quarter"), max_length=7, default=current_quarter_label, db_index=True
    )
    clarity = models.PositiveSmallIntegerField(_("My lead's feedback is clear and specific"))
    support = models.PositiveSmallIntegerField(_("My lead supports my development"))
    fairness = models.PositiveSmallIntegerField(_("My lead treats everyone fairly"))
    comment = LimitedTextField(_("comment"), blank=True, max_length=4000)
    given_on = models.DateField(_("given on"), default=timezone.localdate)

    class Meta:
        verbose_name = _("upward feedback")
        verbose_name_plural = _("upward feedback")
        ordering = ["-given_on", "id"]  # within a day: random
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    clarity__range=(1, 5), support__range=(1, 5), fairness__range=(1, 5)
                ),
                name="upward_scores_1_to_5",
            ),
        ]

    def __str__(self):
        return f"→ {self.lead}"

    @property
    def is_anonymous(self) -> bool:
        return self.author_id is None


class UpwardFeedbackParticipation(models.Model):
    """That an agent answered on a lead in a quarter: one answer each, and no link to the answer.

    A random primary key and no time at all, so the order of these rows says
    nothing about the order of the answers.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("agent"),
    )
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("team lead"),
    )
    quarter = models.CharField(_("quarter"), max_length=7)

    class Meta:
        verbose_name = _("upward feedback participation")
        verbose_name_plural = _("upward feedback participations")
        ordering = ["id"]  # random: never the order in which agents answered
        constraints = [
            models.UniqueConstraint(
                fields=["agent", "lead", "quarter"], name="one_upward_answer_per_lead_and_quarter"
            ),
        ]

    def __str__(self):
        return f"{self.agent} → {self.lead} · {self.quarter}"
