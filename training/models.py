import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.changes import TracksChanges
from core.i18n import in_language
from skills.models import LEVEL_CHOICES, Skill


class Course(TracksChanges):
    class Format(models.TextChoices):
        CLASSROOM = "classroom", _("Classroom")
        E_LEARNING = "e_learning", _("E-learning")
        SHADOWING = "shadowing", _("Shadowing")
        ON_THE_JOB = "on_the_job", _("On the job")

    title_en = models.CharField(_("title (English)"), max_length=200)
    title_de = models.CharField(_("title (German)"), max_length=200, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_de = models.TextField(_("description (German)"), blank=True)
    format = models.CharField(
        _("format"), max_length=12, choices=Format.choices, default=Format.CLASSROOM
    )
    duration_hours = models.DecimalField(
        _("duration (hours)"), max_digits=5, decimal_places=1, default=4
    )
    is_onboarding = models.BooleanField(_("part of onboarding"), default=False)
    skills = models.ManyToManyField(
        Skill, through="CourseSkill", related_name="courses", verbose_name=_("skills")
    )

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["title_en"]

    def __str__(self):
        return self.title

    @property
    def title(self):
        return in_language(self, "title")

    @property
    def description(self):
        return in_language(self, "description")


class CourseSkill(models.Model):
    """A skill the course raises, and to which level."""

    course = models.ForeignKey(
        Course, on_delete=models.CASCADE, related_name="raises", verbose_name=_("course")
    )
    skill = models.ForeignKey(
        Skill, on_delete=models.CASCADE, related_name="+", verbose_name=_("skill")
    )
    level = models.PositiveSmallIntegerField(_("raises to level"), choices=LEVEL_CHOICES)

    class Meta:
        verbose_name = _("skill raised")
        verbose_name_plural = _("skills raised")
        constraints = [
            models.UniqueConstraint(fields=["course", "skill"], name="one_level_per_course_skill")
        ]

    def __str__(self):
        return f"{self.course} → {self.skill} {self.level}"


class PairingFocusSkill(models.Model):
    """A skill a mentor pairing is about. It lives here, above `skills`, so that `people` (which keeps
    the pairings because they decide who sees whom) depends on no app of ours."""

    pairing = models.ForeignKey(
        "people.MentorPairing",
        on_delete=models.CASCADE,
        related_name="focus_skill_links",
        verbose_name=_("pairing"),
    )
    skill = models.ForeignKey(
        Skill, on_delete=models.CASCADE, related_name="+", verbose_name=_("skill")
    )

    class Meta:
        verbose_name = _("focus skill")
        verbose_name_plural = _("focus skills")
        constraints = [
            models.UniqueConstraint(fields=["pairing", "skill"], name="one_focus_per_pairing_skill")
        ]

    def __str__(self):
        return f"{self.pairing} · {self.skill}"


class Session(models.Model):
    course = models.ForeignKey(
        Course, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("course")
    )
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    trainer = models.CharField(_("trainer"), max_length=120)
    place = models.CharField(_("place"), max_length=120)
    capacity = models.PositiveSmallIntegerField(_("places"), default=12)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at"]

    def __str__(self):
        return f"{self.course} · {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse("training:session", args=[self.pk])

    @property
    def ends_at(self):
        return self.starts_at + timezone.timedelta(hours=float(self.course.duration_hours))


class Enrollment(TracksChanges):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("Asked to join")
        ENROLLED = "enrolled", _("Enrolled")
        WAITING = "waiting", _("Waiting list")
        ATTENDED = "attended", _("Attended")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="enrollments", verbose_name=_("session")
    )
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="enrollments",
        verbose_name=_("agent"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, db_index=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    ratings_confirmed_at = models.DateTimeField(_("ratings confirmed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("enrollment")
        verbose_name_plural = _("enrollments")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "agent"], name="one_enrollment_per_session")
        ]

    def __str__(self):
        return f"{self.agent} · {self.session}"

    HOLDS_PLACE = (Status.ENROLLED, Status.ATTENDED, Status.COMPLETED)


class CalendarFeed(models.Model):
    """The secret link of a user's iCalendar feed; regenerating it invalidates the old link."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=secrets.token_urlsafe)

    def __str__(self):
        return f"{self.user}"


class OnboardingProgram(models.Model):
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_de = models.CharField(_("name (German)"), max_length=120, blank=True)
    is_default = models.BooleanField(_("default for new hires"), default=False)

    class Meta:
        verbose_name = _("onboarding program")
        verbose_name_plural = _("onboarding programs")

    def __str__(self):
        return self.name

    @property
    def name(self):
        return in_language(self, "name")


class ProgramStep(models.Model):
    """A course or a check-in point, due in a given week after the start."""

    program = models.ForeignKey(
        OnboardingProgram, on_delete=models.CASCADE, related_name="steps", verbose_name=_("program")
    )
    week = models.PositiveSmallIntegerField(_("week"), default=1)
    title_en = models.CharField(_("step (English)"), max_length=200)
    title_de = models.CharField(_("step (German)"), max_length=200, blank=True)
    course = models.ForeignKey(
        Course,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("course"),
    )

    class Meta:
        verbose_name = _("program step")
        verbose_name_plural = _("program steps")
        ordering = ["program", "week", "id"]

    def __str__(self):
        return self.title

    @property
    def title(self):
        return in_language(self, "title")


class OnboardingAssignment(models.Model):
    agent = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="onboarding",
        verbose_name=_("new hire"),
    )
    program = models.ForeignKey(
        OnboardingProgram,
        on_delete=models.PROTECT,
        related_name="assignments",
        verbose_name=_("program"),
    )
    start = models.DateField(_("start"), default=timezone.localdate)
    done_steps = models.ManyToManyField(
        ProgramStep, blank=True, related_name="+", verbose_name=_("steps done")
    )

    class Meta:
        verbose_name = _("onboarding")
        verbose_name_plural = _("onboardings")

    def __str__(self):
        return f"{self.agent} · {self.program}"
