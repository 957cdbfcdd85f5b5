from django.db import models
from django.utils.translation import get_language, gettext_lazy as _


def _in_language(obj, field: str) -> str:
    """The German text when the interface is German and a German text exists, else the English one."""
    if (get_language() or "en").startswith("de"):
        return getattr(obj, f"{field}_de") or getattr(obj, f"{field}_en")
    return getattr(obj, f"{field}_en")


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
        return _in_language(self, "name")


class Skill(models.Model):
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

    class Meta:
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        ordering = ["category__position", "position", "name_en"]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return _in_language(self, "name")

    @property
    def description(self) -> str:
        return _in_language(self, "description")


class SkillLevel(models.Model):
    """What level N of a skill looks like in behaviour."""

    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="levels", verbose_name=_("skill"))
    level = models.PositiveSmallIntegerField(_("level"), choices=[(n, str(n)) for n in range(1, 6)])
    description_en = models.TextField(_("behaviour (English)"))
    description_de = models.TextField(_("behaviour (German)"), blank=True)

    class Meta:
        verbose_name = _("skill level")
        verbose_name_plural = _("skill levels")
        ordering = ["skill", "level"]
        constraints = [models.UniqueConstraint(fields=["skill", "level"], name="one_description_per_skill_level")]

    def __str__(self):
        return f"{self.skill} · {self.level}"

    @property
    def description(self) -> str:
        return _in_language(self, "description")
