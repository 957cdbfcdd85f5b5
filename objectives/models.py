"""Service objectives, each team's part in them, the goals that serve them and agents' proposals.

A service objective is HR's (or the service management's) for a period: what and why, one measure (a key
figure with its target and direction, or a figure reported by hand), and the service's boundaries and
the leeway agents have. A team objective is a team's contribution, proposed by its lead and agreed by HR.
A development goal (plans) names the team objective it serves through `GoalLink`, which lives here so
that plans knows nothing of objectives. An agent proposes an improvement tied to a team objective; the
lead answers.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.i18n import in_language
from people.models import Team
from plans.models import Goal
from skills.models import Skill


class PeriodKind(models.TextChoices):
    QUARTER = "quarter", _("Quarter")
    HALF_YEAR = "half_year", _("Half-year")
    YEAR = "year", _("Year")


class Measure(models.TextChoices):
    """What progress is measured by: a key figure of the imported records, or a figure reported by hand."""

    FCR = "fcr", _("First-contact resolution (%)")
    CSAT = "csat", _("Customer satisfaction (1 to 5)")
    AHT = "aht_seconds", _("Average handling time (seconds)")
    QA_SCORE = "qa_score", _("QA score (0 to 100)")
    CONTACTS = "contacts", _("Contacts per week")
    MANUAL = "manual", _("Reported by hand")


class Direction(models.TextChoices):
    AT_LEAST = "at_least", _("at least (higher is better)")
    AT_MOST = "at_most", _("at most (lower is better)")


def period_bounds(kind: str, year: int, number: int) -> tuple[date, date]:
    """First and last day of a quarter (1–4), half-year (1–2) or year (1)."""
    months = {PeriodKind.QUARTER: 3, PeriodKind.HALF_YEAR: 6, PeriodKind.YEAR: 12}[PeriodKind(kind)]
    first_month = (number - 1) * months + 1
    start = date(year, first_month, 1)
    end_month = first_month + months
    following = date(year + 1, 1, 1) if end_month > 12 else date(year, end_month, 1)
    return start, date.fromordinal(following.toordinal() - 1)


def period_display(kind: str, year: int, number: int) -> str:
    if kind == PeriodKind.QUARTER:
        return f"Q{number} {year}"
    if kind == PeriodKind.HALF_YEAR:
        return _("H%(number)s %(year)s") % {"number": number, "year": year}
    return str(year)


class ServiceObjective(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    period_kind = models.CharField(
        _("period"), max_length=10, choices=PeriodKind.choices, default=PeriodKind.QUARTER
    )
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(
        _("number within the year"),
        default=1,
        help_text=_("Quarter 1 to 4, half-year 1 or 2; 1 for a year."),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    title_de = models.CharField(_("title (German)"), max_length=200, blank=True)
    text_en = models.TextField(_("what we aim for (English)"), max_length=4000, blank=True)
    text_de = models.TextField(_("what we aim for (German)"), max_length=4000, blank=True)
    why_en = models.TextField(_("why (English)"), max_length=4000, blank=True)
    why_de = models.TextField(_("why (German)"), max_length=4000, blank=True)
    measure = models.CharField(_("measure"), max_length=12, choices=Measure.choices, blank=True)
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.AT_LEAST
    )
    baseline = models.FloatField(
        _("where we start"),
        null=True,
        blank=True,
        help_text=_(
            "The figure at the start; the target must lie in the direction of the measure."
        ),
    )
    target = models.FloatField(_("target"), null=True, blank=True)
    manual_unit_en = models.CharField(
        _("unit of a figure reported by hand (English)"), max_length=60, blank=True
    )
    manual_unit_de = models.CharField(
        _("unit of a figure reported by hand (German)"), max_length=60, blank=True
    )
    boundaries_en = models.TextField(
        _("what the service does not do (English)"), max_length=4000, blank=True
    )
    boundaries_de = models.TextField(
        _("what the service does not do (German)"), max_length=4000, blank=True
    )
    leeway_en = models.TextField(_("leeway agents have (English)"), max_length=4000, blank=True)
    leeway_de = models.TextField(_("leeway agents have (German)"), max_length=4000, blank=True)
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
        verbose_name = _("service objective")
        verbose_name_plural = _("service objectives")
        ordering = ["-starts_on", "id"]
        indexes = [models.Index(fields=["status", "starts_on", "ends_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="objective_ends_after_start"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("objectives:detail", args=[self.pk])

    @property
    def title(self) -> str:
        return in_language(self, "title")

    @property
    def text(self) -> str:
        return in_language(self, "text")

    @property
    def why(self) -> str:
        return in_language(self, "why")

    @property
    def boundaries(self) -> str:
        return in_language(self, "boundaries")

    @property
    def leeway(self) -> str:
        return in_language(self, "leeway")

    @property
    def manual_unit(self) -> str:
        return in_language(self, "manual_unit")

    @property
    def period(self) -> str:
        return period_display(self.period_kind, self.year, self.number)

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def measured_by_key_figure(self) -> bool:
        return bool(self.measure) and self.measure != Measure.MANUAL


class TeamObjective(models.Model):
    """A team's part in a service objective: proposed by its lead, agreed by HR."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed by the lead")
        AGREED = "agreed", _("Agreed")

    service_objective = models.ForeignKey(
        ServiceObjective,
        on_delete=models.CASCADE,
        related_name="team_objectives",
        verbose_name=_("service objective"),
    )
    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="objectives", verbose_name=_("team")
    )
    title = models.CharField(_("our part, in one sentence"), max_length=200)
    how = models.TextField(_("how we get there"), max_length=4000, blank=True)
    target = models.FloatField(
        _("our target"),
        null=True,
        blank=True,
        help_text=_("Empty: the service objective's target."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED, db_index=True
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agreed by"),
    )
    agreed_at = models.DateTimeField(_("agreed at"), null=True, blank=True)
    skills = models.ManyToManyField(
        Skill,
        blank=True,
        related_name="+",
        verbose_name=_("skills it needs"),
        help_text=_("The team mix puts these first when it recommends the next cross-training."),
    )
    reported_value = models.FloatField(_("figure reported by hand"), null=True, blank=True)
    reported_on = models.DateField(_("reported on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("team objective")
        verbose_name_plural = _("team objectives")
        ordering = ["service_objective", "team__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["service_objective", "team"], name="one_team_objective_per_objective"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("objectives:team_objective", args=[self.pk])

    @property
    def is_agreed(self) -> bool:
        return self.status == self.Status.AGREED

    @property
    def effective_target(self) -> float | None:
        return self.target if self.target is not None else self.service_objective.target


class GoalLink(models.Model):
    """A development goal names the team objective it serves (kept here so plans imports nothing of ours)."""

    goal = models.OneToOneField(
        Goal, on_delete=models.CASCADE, related_name="objective_link", verbose_name=_("goal")
    )
    team_objective = models.ForeignKey(
        TeamObjective,
        on_delete=models.CASCADE,
        related_name="goal_links",
        verbose_name=_("team objective"),
    )
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("linked by"),
    )
    linked_at = models.DateTimeField(_("linked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("goal serving a team objective")
        verbose_name_plural = _("goals serving team objectives")

    def __str__(self):
        return f"{self.goal} → {self.team_objective}"


class Proposal(models.Model):
    """An agent's improvement proposal tied to a team objective, and the lead's answer."""

    class Answer(models.TextChoices):
        OPEN = "open", _("Waiting for an answer")
        TAKEN_UP = "taken_up", _("Taken up")
        NOT_NOW = "not_now", _("Not now")

    team_objective = models.ForeignKey(
        TeamObjective,
        on_delete=models.CASCADE,
        related_name="proposals",
        verbose_name=_("team objective"),
    )
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="objective_proposals",
        verbose_name=_("agent"),
    )
    text = models.TextField(_("proposal"), max_length=2000)
    created_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    answer = models.CharField(
        _("answer"), max_length=10, choices=Answer.choices, default=Answer.OPEN, db_index=True
    )
    reason = models.TextField(_("why"), max_length=2000, blank=True)
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
        verbose_name = _("improvement proposal")
        verbose_name_plural = _("improvement proposals")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.text[:60]

    @property
    def is_open(self) -> bool:
        return self.answer == self.Answer.OPEN


class Confirmation(models.Model):
    """An agent confirms having read a published service objective (as a briefing is confirmed)."""

    objective = models.ForeignKey(
        ServiceObjective,
        on_delete=models.CASCADE,
        related_name="confirmations",
        verbose_name=_("service objective"),
    )
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("agent"),
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), default=timezone.now)

    class Meta:
        verbose_name = _("confirmation of a service objective")
        verbose_name_plural = _("confirmations of service objectives")
        constraints = [
            models.UniqueConstraint(
                fields=["objective", "agent"], name="objective_confirmed_once_per_agent"
            )
        ]

    def __str__(self):
        return f"{self.agent} ✓ {self.objective}"
