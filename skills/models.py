from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.changes import TracksChanges
from core.fields import LimitedTextField
from core.i18n import in_language


class SkillCategory(models.Model):
    """A family of skills, for example "Empathy and de-escalation"."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_de = models.CharField(_("name (German)"), max_length=120, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("skill category")
        verbose_name_plural = _("skill categories")
        ordering = ["position", "name_en"]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return in_language(self, "name")


class Skill(TracksChanges):
    """A competence of the catalogue, with a behavioural description of levels 1–5."""

    category = models.ForeignKey(
        SkillCategory, on_delete=models.PROTECT, related_name="skills", verbose_name=_("category")
    )
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_de = models.CharField(_("name (German)"), max_length=120, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_de = models.TextField(_("description (German)"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    channels = models.ManyToManyField(
        "people.Channel",
        blank=True,
        related_name="+",
        verbose_name=_("channels"),
        help_text=_(
            "The channels where this skill matters; leave empty when it matters in every channel."
        ),
    )

    class Meta:
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        ordering = ["category__position", "position", "name_en"]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return in_language(self, "name")

    @property
    def description(self) -> str:
        return in_language(self, "description")


class SkillLevel(models.Model):
    """What level N of a skill looks like in behaviour."""

    skill = models.ForeignKey(
        Skill, on_delete=models.CASCADE, related_name="levels", verbose_name=_("skill")
    )
    level = models.PositiveSmallIntegerField(_("level"), choices=[(n, str(n)) for n in range(1, 6)])
    description_en = models.TextField(_("behaviour (English)"))
    description_de = models.TextField(_("behaviour (German)"), blank=True)

    class Meta:
        verbose_name = _("skill level")
        verbose_name_plural = _("skill levels")
        ordering = ["skill", "level"]
        constraints = [
            models.UniqueConstraint(
                fields=["skill", "level"], name="one_description_per_skill_level"
            )
        ]

    def __str__(self):
        return f"{self.skill} · {self.level}"

    @property
    def description(self) -> str:
        return in_language(self, "description")


class RatingSource(models.TextChoices):
    SELF = "self", _("Self-assessment")
    LEAD = "lead", _("Team lead")
    TRAINING = "training", _("Training")


LEVEL_CHOICES = [(n, str(n)) for n in range(1, 6)]


class SkillRating(models.Model):
    """One assessment of one skill. Append-only: the profile is the latest rating per skill."""

    agent = models.ForeignKey(
        "people.User",
        on_delete=models.CASCADE,
        related_name="skill_ratings",
        verbose_name=_("agent"),
    )
    skill = models.ForeignKey(
        Skill, on_delete=models.CASCADE, related_name="ratings", verbose_name=_("skill")
    )
    level = models.PositiveSmallIntegerField(_("level"), choices=LEVEL_CHOICES)
    source = models.CharField(_("source"), max_length=10, choices=RatingSource.choices)
    rated_by = models.ForeignKey(
        "people.User",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("rated by"),
    )
    rated_at = models.DateTimeField(_("rated at"), default=timezone.now)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("skill rating")
        verbose_name_plural = _("skill ratings")
        ordering = ["agent", "skill", "rated_at", "id"]
        indexes = [models.Index(fields=["agent", "skill", "source", "rated_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=5), name="rating_level_1_to_5"
            ),
        ]

    def __str__(self):
        return f"{self.agent} · {self.skill}: {self.level} ({self.get_source_display()})"


class TargetLevel(models.Model):
    """The level an agent should reach in a skill (set by the lead, or from a plan goal)."""

    agent = models.ForeignKey(
        "people.User",
        on_delete=models.CASCADE,
        related_name="skill_targets",
        verbose_name=_("agent"),
    )
    skill = models.ForeignKey(
        Skill, on_delete=models.CASCADE, related_name="targets", verbose_name=_("skill")
    )
    level = models.PositiveSmallIntegerField(_("target level"), choices=LEVEL_CHOICES)
    set_by = models.ForeignKey(
        "people.User",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("set by"),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("target level")
        verbose_name_plural = _("target levels")
        constraints = [
            models.UniqueConstraint(
                fields=["agent", "skill"], name="one_target_per_agent_and_skill"
            ),
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=5), name="target_level_1_to_5"
            ),
        ]

    def __str__(self):
        return f"{self.agent} · {self.skill} → {self.level}"


class CurrentLevel(models.Model):
    """Where an agent stands in a skill now: the latest ratings and the target, one row per agent and skill.

    Derived from the rating history and the targets, and kept by the services that write them
    (`skills.services`), so that pages read one indexed row per agent and skill and the database
    can count coverage and gaps, instead of replaying every agent's history.
    """

    agent = models.ForeignKey(
        "people.User", on_delete=models.CASCADE, related_name="+", verbose_name=_("agent")
    )
    skill = models.ForeignKey(
        Skill, on_delete=models.CASCADE, related_name="+", verbose_name=_("skill")
    )
    level = models.PositiveSmallIntegerField(
        _("current level"),
        null=True,
        blank=True,
        help_text=_("The latest lead or training rating, else the self-rating."),
    )
    assessed_level = models.PositiveSmallIntegerField(
        _("latest lead or training rating"), null=True, blank=True
    )
    self_level = models.PositiveSmallIntegerField(_("latest self-rating"), null=True, blank=True)
    target = models.PositiveSmallIntegerField(_("target level"), null=True, blank=True)
    rated_at = models.DateTimeField(_("rated at"), null=True, blank=True)
    derived_with_lead_ratings = models.BooleanField(
        _("lead ratings counted"),
        default=True,
        help_text=_(
            "Whether lead ratings counted when this row was derived (the works-council switch)."
        ),
    )

    class Meta:
        verbose_name = _("current level")
        verbose_name_plural = _("current levels")
        constraints = [
            models.UniqueConstraint(
                fields=["agent", "skill"], name="one_current_level_per_agent_skill"
            )
        ]
        indexes = [models.Index(fields=["skill", "level"])]

    def __str__(self):
        return f"{self.agent} · {self.skill}: {self.level}"

    @property
    def gap(self) -> int:
        if self.target is None:
            return 0
        return max(0, self.target - (self.level or 0))


class CareerWish(models.Model):
    """What an agent wants to become next, in their own words."""

    class Kind(models.TextChoices):
        TRAINER = "trainer", _("Trainer")
        QA = "qa", _("Quality assurance")
        TEAM_LEAD = "team_lead", _("Team lead")
        NEW_CHANNEL = "new_channel", _("A new channel")
        SPECIALIST = "specialist", _("Product specialist")
        OTHER = "other", _("Something else")

    agent = models.ForeignKey(
        "people.User",
        on_delete=models.CASCADE,
        related_name="career_wishes",
        verbose_name=_("agent"),
    )
    kind = models.CharField(_("I would like to become"), max_length=20, choices=Kind.choices)
    details = LimitedTextField(_("in my own words"), blank=True, max_length=2000)
    by_when = models.DateField(_("by when"), null=True, blank=True)
    skills = models.ManyToManyField(
        Skill, blank=True, related_name="+", verbose_name=_("skills it needs")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("career wish")
        verbose_name_plural = _("career wishes")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["kind"])]

    def __str__(self):
        return f"{self.agent}: {self.get_kind_display()}"
