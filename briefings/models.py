from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import LimitedTextField
from core.i18n import in_language
from people.models import Team


class Briefing(models.Model):
    """The same talking points for every team: written once, covered by every lead, confirmed by every agent."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    title_de = models.CharField(_("title (German)"), max_length=200, blank=True)
    context_en = LimitedTextField(_("context (English)"), blank=True, max_length=4000)
    context_de = LimitedTextField(_("context (German)"), blank=True, max_length=4000)
    changes_en = LimitedTextField(
        _("what changes for agents (English)"), blank=True, max_length=4000
    )
    changes_de = LimitedTextField(
        _("what changes for agents (German)"), blank=True, max_length=4000
    )
    applies_from = models.DateField(_("applies from"), default=timezone.localdate)
    teams = models.ManyToManyField(Team, related_name="briefings", verbose_name=_("teams"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("briefing")
        verbose_name_plural = _("briefings")
        ordering = ["-applies_from", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("briefings:detail", args=[self.pk])

    @property
    def title(self):
        return in_language(self, "title")

    @property
    def context(self):
        return in_language(self, "context")

    @property
    def changes(self):
        return in_language(self, "changes")


class TalkingPoint(models.Model):
    briefing = models.ForeignKey(
        Briefing, on_delete=models.CASCADE, related_name="points", verbose_name=_("briefing")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text_en = LimitedTextField(_("talking point (English)"), blank=True, max_length=1000)
    text_de = LimitedTextField(_("talking point (German)"), blank=True, max_length=1000)

    class Meta:
        verbose_name = _("talking point")
        verbose_name_plural = _("talking points")
        ordering = ["position", "id"]

    def __str__(self):
        return self.text[:60]

    @property
    def text(self):
        return in_language(self, "text")


class Attachment(models.Model):
    briefing = models.ForeignKey(
        Briefing, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("briefing")
    )
    file = models.FileField(_("file"), upload_to="briefings/%Y/")
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.name


class TeamMeeting(models.Model):
    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("team")
    )
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("lead"),
    )
    held_on = models.DateField(_("date"), default=timezone.localdate)
    notes = LimitedTextField(_("notes"), blank=True, max_length=4000)
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="team_meetings", verbose_name=_("attendees")
    )
    briefings = models.ManyToManyField(
        Briefing, blank=True, related_name="meetings", verbose_name=_("briefings covered")
    )

    class Meta:
        verbose_name = _("team meeting")
        verbose_name_plural = _("team meetings")
        ordering = ["-held_on", "-id"]

    def __str__(self):
        return f"{self.team} · {self.held_on}"


class Acknowledgement(models.Model):
    briefing = models.ForeignKey(
        Briefing,
        on_delete=models.CASCADE,
        related_name="acknowledgements",
        verbose_name=_("briefing"),
    )
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("agent"),
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"), default=timezone.now)

    class Meta:
        verbose_name = _("acknowledgement")
        verbose_name_plural = _("acknowledgements")
        constraints = [
            models.UniqueConstraint(
                fields=["briefing", "agent"], name="one_acknowledgement_per_agent"
            )
        ]

    def __str__(self):
        return f"{self.agent} ✓ {self.briefing}"


class Reading(models.Model):
    """The agent has read a briefing without confirming it (it leaves "For you"; coverage counts only
    confirmations)."""

    briefing = models.ForeignKey(
        Briefing, on_delete=models.CASCADE, related_name="readings", verbose_name=_("briefing")
    )
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("agent"),
    )
    read_at = models.DateTimeField(_("read at"), default=timezone.now)

    class Meta:
        verbose_name = _("reading")
        verbose_name_plural = _("readings")
        constraints = [
            models.UniqueConstraint(fields=["briefing", "agent"], name="one_reading_per_agent")
        ]

    def __str__(self):
        return f"{self.agent} · {self.briefing}"


class Question(models.Model):
    briefing = models.ForeignKey(
        Briefing, on_delete=models.CASCADE, related_name="questions", verbose_name=_("briefing")
    )
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("agent"),
    )
    text = LimitedTextField(_("question"), max_length=2000)
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    answer = LimitedTextField(_("answer"), blank=True, max_length=4000)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["created_at"]

    def __str__(self):
        return self.text[:60]
