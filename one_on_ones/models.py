"""One-on-ones: a lead's regular meetings with one agent, their shared agenda, notes and action items.

Only the two people of a series see its meetings (`people.access.one_on_ones`). A private note is its
writer's alone: not the other participant's, not a later lead's, not HR's and not in the admin.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

POINT_LENGTH = 300
NOTE_LENGTH = 4000


class Cadence(models.IntegerChoices):
    """How often a series meets, in days (the same weekday each time)."""

    WEEKLY = 7, _("Weekly")
    FORTNIGHTLY = 14, _("Every two weeks")
    MONTHLY = 28, _("Every four weeks")


class Series(models.Model):
    """A lead's one-on-ones with one agent. A new lead starts a new series; the earlier one stays with
    the agent and its lead, never with the new lead."""

    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="one_on_one_series_led",
        verbose_name=_("team lead"),
    )
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="one_on_one_series",
        verbose_name=_("agent"),
    )
    every_days = models.PositiveSmallIntegerField(_("cadence"), choices=Cadence.choices)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=30)
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)

    class Meta:
        verbose_name = _("one-on-one series")
        verbose_name_plural = _("one-on-one series")
        ordering = ["-started_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(every_days__gt=0), name="one_on_one_cadence_above_zero"
            ),
            models.UniqueConstraint(
                fields=["lead", "agent"],
                condition=Q(ended_at__isnull=True),
                name="one_running_one_on_one_series_per_pair",
            ),
        ]

    def __str__(self):
        return f"{self.lead} · {self.agent}"


class Meeting(models.Model):
    series = models.ForeignKey(
        Series, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("series")
    )
    scheduled_at = models.DateTimeField(_("date and time"), db_index=True)
    is_extra = models.BooleanField(_("extra meeting"), default=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("asked for by"),
    )
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # Bumped when the meeting moves, so calendars replace the event they hold (iCalendar SEQUENCE).
    sequence = models.PositiveIntegerField(_("version"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("one-on-one")
        verbose_name_plural = _("one-on-ones")
        ordering = ["scheduled_at", "id"]

    def __str__(self):
        return f"{self.series} · {timezone.localtime(self.scheduled_at):%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse("one_on_ones:meeting", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.finished_at is not None

    def is_upcoming(self, now=None) -> bool:
        return self.scheduled_at > (now or timezone.now())


class TalkingPoint(models.Model):
    """A point on the shared agenda; an unchecked point is carried over to the next meeting."""

    class Source(models.TextChoices):
        NONE = "", _("Own point")
        TEMPLATE = "template", _("Template")
        COACHING_NOTE = "coaching_note", _("Coaching feedback")
        GOAL = "goal", _("Goal")
        KEY_FIGURE = "key_figure", _("Key figure")
        QA_EVALUATION = "qa_evaluation", _("Quality evaluation")
        CAREER_WISH = "career_wish", _("Career wish")
        TRAINING = "training", _("Training")
        BRIEFING_QUESTION = "briefing_question", _("Question on a briefing")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="points", verbose_name=_("one-on-one")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    text = models.CharField(_("talking point"), max_length=POINT_LENGTH)
    source = models.CharField(
        _("source"), max_length=20, choices=Source.choices, default=Source.NONE, blank=True
    )
    source_id = models.PositiveBigIntegerField(_("source record"), null=True, blank=True)
    done = models.BooleanField(_("talked about"), default=False)
    carried_over = models.PositiveSmallIntegerField(_("carried over (times)"), default=0)
    carried_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_to",
        verbose_name=_("carried over from"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("talking point")
        verbose_name_plural = _("talking points")
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.text[:60]

    @property
    def edit_url(self) -> str:
        return reverse("one_on_ones:point_edit", args=[self.pk])

    @property
    def delete_url(self) -> str:
        return reverse("one_on_ones:point_delete", args=[self.pk])


class SharedNote(models.Model):
    """A note both participants read."""

    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="shared_notes",
        verbose_name=_("one-on-one"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    text = models.TextField(_("note"), max_length=NOTE_LENGTH)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("shared one-on-one note")
        verbose_name_plural = _("shared one-on-one notes")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.meeting} · {self.author}"

    @property
    def edit_url(self) -> str:
        return reverse("one_on_ones:note_edit", args=[self.pk])

    @property
    def delete_url(self) -> str:
        return reverse("one_on_ones:note_delete", args=[self.pk])


class PrivateNote(models.Model):
    """Its writer's alone, for ever: never shown to the other participant, a later lead, HR, the admin
    or an export; only in the writer's own copy of their personal data."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="+", verbose_name=_("one-on-one")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("written by"),
    )
    text = models.TextField(_("private note"), max_length=NOTE_LENGTH)
    updated_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        verbose_name = _("private one-on-one note")
        verbose_name_plural = _("private one-on-one notes")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "author"], name="one_private_note_per_writer_and_meeting"
            )
        ]

    def __str__(self):
        return f"{self.meeting} · {self.author}"


class ActionItem(models.Model):
    """Something agreed, with an owner (one of the two) and a due date; shown on the owner's home page
    until done."""

    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="action_items",
        verbose_name=_("one-on-one"),
    )
    text = models.CharField(_("action item"), max_length=POINT_LENGTH)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="one_on_one_action_items",
        verbose_name=pgettext_lazy("action item", "owner"),
    )
    due_on = models.DateField(_("due date"), null=True, blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("one-on-one action item")
        verbose_name_plural = _("one-on-one action items")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["owner", "done_at"])]

    def __str__(self):
        return self.text[:60]

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    @property
    def edit_url(self) -> str:
        return reverse("one_on_ones:action_edit", args=[self.pk])

    @property
    def delete_url(self) -> str:
        return reverse("one_on_ones:action_delete", args=[self.pk])
