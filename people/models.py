from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.changes import TracksChanges
from core.fields import LimitedTextField


class Role(models.TextChoices):
    AGENT = "agent", _("Agent")
    LEAD = "lead", _("Team lead")
    HR = "hr", _("HR")
    QA = "qa", _("QA specialist")
    ADMIN = "admin", _("Administrator")


class ChannelCode(models.TextChoices):
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("E-mail")
    CHAT = "chat", _("Chat")
    SOCIAL = "social", _("Social media")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        extra_fields.setdefault("role", Role.ADMIN)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)


class User(TracksChanges, AbstractUser):
    """A person who signs in: agent, team lead, HR or administrator."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    role = models.CharField(
        _("role"), max_length=10, choices=Role.choices, default=Role.AGENT, db_index=True
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default="de"
    )
    is_service_account = models.BooleanField(
        _("service account"),
        default=False,
        help_text=_(
            "An integration's account: it acts only through its API token, never signs in and "
            "receives no reminders."
        ),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name"]
        indexes = [models.Index(fields=["last_name", "first_name"])]

    def __str__(self):
        return self.get_full_name() or self.email

    def get_absolute_url(self):
        return reverse("agent_detail", args=[self.pk])


class Team(TracksChanges):
    name = models.CharField(_("name"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    primary_channel = models.CharField(
        _("primary channel"), max_length=10, choices=ChannelCode.choices, default=ChannelCode.PHONE
    )
    site = models.CharField(_("site"), max_length=80, blank=True)

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("people:team_detail", args=[self.pk])


class MembershipQuerySet(models.QuerySet):
    def current(self, on=None):
        """Memberships in force on the given date (today by default)."""
        on = on or timezone.localdate()
        return self.filter(Q(end__isnull=True) | Q(end__gt=on), start__lte=on)

    def upcoming(self, on=None):
        """Memberships that begin after the given date (today by default): a new hire before day one."""
        on = on or timezone.localdate()
        return self.filter(Q(end__isnull=True) | Q(end__gt=models.F("start")), start__gt=on)

    def leads(self):
        return self.filter(kind=TeamMembership.Kind.LEAD)

    def members(self):
        return self.filter(kind=TeamMembership.Kind.MEMBER)

    def qa(self):
        """QA specialists' assignments: they evaluate the contacts of the team's agents."""
        return self.filter(kind=TeamMembership.Kind.QA)


class TeamMembership(TracksChanges):
    """Who belonged to or led which team, and when.

    An open membership has no end. Ending memberships instead of deleting them
    keeps history true: who led whom in a past quarter stays answerable.
    """

    class Kind(models.TextChoices):
        MEMBER = "member", _("Member")
        LEAD = "lead", _("Lead")
        QA = "qa", _("QA specialist")

    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("team")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("person"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.MEMBER)
    start = models.DateField(_("start"), default=timezone.localdate)
    end = models.DateField(
        _("end"), null=True, blank=True, help_text=_("Leave empty while the membership lasts.")
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("team membership")
        verbose_name_plural = _("team memberships")
        ordering = ["team", "kind", "-start"]
        indexes = [
            models.Index(fields=["user", "kind", "end"]),
            models.Index(fields=["team", "kind", "end"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="membership_end_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.team} ({self.get_kind_display()})"


class ChannelManager(models.Manager):
    def by_code(self) -> dict:
        """All four channels by code, creating any that are missing (a flushed test database)."""
        existing = {c.code: c for c in self.all()}
        missing = [self.model(code=code) for code in ChannelCode.values if code not in existing]
        if missing:
            self.bulk_create(missing, ignore_conflicts=True)
            existing = {c.code: c for c in self.all()}
        return existing


class Channel(models.Model):
    """A contact channel an agent can serve; the four rows come from a migration."""

    code = models.CharField(_("code"), max_length=10, choices=ChannelCode.choices, unique=True)

    objects = ChannelManager()

    class Meta:
        verbose_name = _("channel")
        verbose_name_plural = _("channels")
        ordering = ["id"]

    def __str__(self):
        return str(self.get_code_display())


class AgentProfile(TracksChanges):
    class EmploymentStatus(models.TextChoices):
        ACTIVE = "active", _("Active")
        PROBATION = "probation", _("Probation period")
        ON_LEAVE = "on_leave", _("On leave")
        LEFT = "left", _("Left the company")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="profile",
        verbose_name=_("person"),
    )
    hire_date = models.DateField(_("hire date"), null=True, blank=True)
    channels = models.ManyToManyField(
        Channel, blank=True, related_name="agents", verbose_name=_("channels served")
    )
    employment_status = models.CharField(
        _("employment status"),
        max_length=12,
        choices=EmploymentStatus.choices,
        default=EmploymentStatus.ACTIVE,
        db_index=True,
    )
    career_interests = models.TextField(_("career interests"), blank=True)
    development_wishes = models.TextField(_("development wishes"), blank=True)
    strengths = models.TextField(_("strengths in my own words"), blank=True)

    class Meta:
        verbose_name = _("agent profile")
        verbose_name_plural = _("agent profiles")

    def __str__(self):
        return str(self.user)


class MentorPairing(models.Model):
    """A mentor and a mentee: for onboarding or to grow in given skills.

    It lives in `people` because it decides who may see whom: a mentor sees the
    mentee's plan and the pairing's check-ins. Its focus skills are kept by `training`
    (`PairingFocusSkill`), which sits above `skills`.
    """

    class Purpose(models.TextChoices):
        ONBOARDING = "onboarding", _("Onboarding")
        SKILL = "skill", _("A skill")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        ENDED = "ended", _("Ended")

    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mentorships",
        verbose_name=_("mentor"),
    )
    mentee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mentored_by",
        verbose_name=_("mentee"),
    )
    purpose = models.CharField(
        _("purpose"), max_length=12, choices=Purpose.choices, default=Purpose.ONBOARDING
    )
    start = models.DateField(_("start"), default=timezone.localdate)
    end = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.ACTIVE, db_index=True
    )
    mentee_rating = models.PositiveSmallIntegerField(
        _("rating by the mentee"), null=True, blank=True
    )
    mentee_feedback = LimitedTextField(_("feedback by the mentee"), blank=True, max_length=2000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("mentor pairing")
        verbose_name_plural = _("mentor pairings")
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(mentor=models.F("mentee")), name="no_mentoring_oneself"
            ),
            models.CheckConstraint(
                condition=Q(mentee_rating__isnull=True) | Q(mentee_rating__range=(1, 5)),
                name="mentee_rating_1_to_5",
            ),
        ]

    def __str__(self):
        return f"{self.mentor} → {self.mentee}"


class MentorCheckIn(models.Model):
    pairing = models.ForeignKey(
        MentorPairing, on_delete=models.CASCADE, related_name="check_ins", verbose_name=_("pairing")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    held_on = models.DateField(_("date"), default=timezone.localdate)
    note = LimitedTextField(_("note"), max_length=2000)

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["held_on", "id"]

    def __str__(self):
        return f"{self.pairing} · {self.held_on}"
